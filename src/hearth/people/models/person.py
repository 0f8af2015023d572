from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.people.codes import Disability, Ethnicity, NameKind, Sex


class PersonQuerySet(VisibleQuerySet):
    """``visible_to(user)``: the scope ``people.queries.visibility.person_scope`` registers."""

    def live(self) -> PersonQuerySet:
        """Not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    """A child or adult (R-PPL-1). The id is opaque: it is all that appears in URLs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    disabilities = models.JSONField(default=list, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    literacy_needs = models.CharField(max_length=200, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    upn = models.CharField(max_length=13, blank=True, db_index=True)
    date_of_death = models.DateField(null=True, blank=True)
    restricted = models.BooleanField(default=False)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_records")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["date_of_birth"]),
                   # The few restricted records: lists of cases check who may see only these.
                   models.Index(fields=["id"], condition=models.Q(restricted=True),
                                name="people_person_restricted")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def disability_labels(self) -> list[str]:
        labels = dict(Disability.choices)
        return [labels.get(code, code) for code in self.disabilities]

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


class PersonName(models.Model):
    """An alias or previous name (R-PPL-1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=10, choices=NameKind.choices, default=NameKind.ALIAS)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class RestrictedAccess(models.Model):
    """The named users who may see a restricted person's record."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="named_users")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="restricted_access")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "user"],
                                               name="restricted_access_once")]

    def __str__(self) -> str:
        return "named user on a restricted record"


class BreakGlass(models.Model):
    """A user's audited, time-limited access to a record they would not otherwise see."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="break_glass")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"break glass until {self.expires_at:%Y-%m-%d %H:%M}"


class AgencyShare(models.Model):
    """A person's record shared with a partner agency (MASH, R-MASH-4)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="agency_shares")
    agency = models.ForeignKey("access.Agency", on_delete=models.CASCADE, related_name="shares")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                  related_name="+")
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"shared with agency {self.agency_id}"
