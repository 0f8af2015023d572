from __future__ import annotations

from django.db import models

from hearth.people.codes import RelationshipKind


class Relationship(models.Model):
    """``person`` is ``kind`` of ``relative`` (e.g. Sarah is mother of Jack)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="relationships_out")
    relative = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                                 related_name="relationships_in")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    parental_responsibility = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["relative", "person"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} relationship"


class Address(models.Model):
    line1 = models.CharField(max_length=120)
    line2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    postcode_norm = models.CharField(max_length=8, blank=True, db_index=True)

    def __str__(self) -> str:
        return ", ".join(p for p in [self.line1, self.line2, self.town, self.postcode] if p)

    def save(self, *args, **kwargs):
        from hearth.people.rules.normalise import postcode_key

        self.postcode_norm = postcode_key(self.postcode)
        super().save(*args, **kwargs)


class PersonAddress(models.Model):
    """Where a person lived, from and to (R-PPL-3)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="addresses")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residents")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"address from {self.start_date or '?'} to {self.end_date or 'now'}"


class Household(models.Model):
    name = models.CharField(max_length=120, blank=True)
    address = models.ForeignKey(Address, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="households")

    def __str__(self) -> str:
        return self.name or f"Household {self.pk}"


class HouseholdMembership(models.Model):
    """Who lived in a household, from and to (R-PPL-3)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="household_memberships")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"household member from {self.start_date or '?'} to {self.end_date or 'now'}"
