"""A care leaver's record (R-CL-1..3): the personal adviser allocated by a manager, the request
for support up to 25, the needs assessment and pathway plan (each review a new row), each
contact with its accommodation and main activity, and keeping in touch around each birthday
from 17 to 21 in the SSDA903 OC3 codes. The category is never stored: it is worked out from
the date of birth and the periods of care each time (``rules.category``).
``CareLeaver.version`` moves on with every change to the record or its parts (ETags)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.leaving_care.codes import Activity, Category, ContactMethod, InTouch

USER = settings.AUTH_USER_MODEL


def _user(**kwargs) -> models.ForeignKey:
    return models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", **kwargs)


class CareLeaver(models.Model):
    person = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                  related_name="care_leaver")
    adviser = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="care_leavers")
    adviser_allocated_by = _user(null=True, blank=True)
    adviser_allocated_at = models.DateTimeField(null=True, blank=True)
    #: The young person asked for support up to 25 (extends "former relevant" past 21).
    support_to_25_requested_on = models.DateField(null=True, blank=True)
    #: The category when the record was opened, and why (the chronology's history; the
    #: category now is always worked out afresh).
    opened_as = models.CharField(max_length=20, choices=Category.choices)
    opened_reason = models.TextField()
    opened_by = _user()
    opened_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["adviser"])]

    def __str__(self) -> str:
        return f"Care leaver {self.person_id}"


class PathwayPlan(models.Model):
    """A needs assessment and the pathway plan written (or reviewed) from it (R-CL-2)."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="plans")
    assessed_on = models.DateField("needs assessed on")
    planned_on = models.DateField("plan written or reviewed on")
    summary = models.TextField()
    recorded_by = _user()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return f"Pathway plan {self.planned_on}"


class Contact(models.Model):
    """A contact with the young person (R-CL-2): in touch or not, how, where they live and
    whether it suits them (ACCOM), and what they do (ACTIV, with why when NEET)."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT,
                                    related_name="contacts")
    contacted_on = models.DateField()
    in_touch = models.BooleanField()
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    accommodation = models.CharField(max_length=2)
    activity = models.CharField(max_length=2, choices=Activity.choices)
    activity_reason = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = _user()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-contacted_on", "-pk"]

    def __str__(self) -> str:
        return f"Contact {self.contacted_on}"


class KeepingInTouch(models.Model):
    """Around the birthday ``age`` (17-21): SSDA903 OC3 IN_TOUCH, ACTIV, ACCOM (R-CL-3)."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT,
                                    related_name="keeping_in_touch")
    age = models.PositiveSmallIntegerField()
    in_touch = models.CharField(max_length=4, choices=InTouch.choices)
    activity = models.CharField(max_length=2, choices=Activity.choices)
    accommodation = models.CharField(max_length=2)
    recorded_on = models.DateField()
    recorded_by = _user()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["age"]
        constraints = [models.UniqueConstraint(fields=["care_leaver", "age"],
                                               name="one_keeping_in_touch_a_birthday")]

    def __str__(self) -> str:
        return f"Keeping in touch at {self.age}"
