"""A period of care is a run of episodes (R-CLA-1): each change of legal status or placement
starts a new episode with its reason (RNE), the previous one ending the same day with X1; no
gaps, no overlaps; the period ends when its last episode ends with any other reason (REC,
R-CLA-7). Placements are kept once each (a move of legal status alone keeps the placement)
and every episode names the placement the child was in. Codes are the SSDA903 ones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.looked_after.codes import (
    CategoryOfNeed,
    EntryRoute,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
)


class CarePeriod(models.Model):
    """From becoming looked after to ceasing to be. ``ended_on`` and ``reason_ceased`` are
    empty while the child is looked after; a child has at most one open period."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="care_periods")
    started_on = models.DateField("date became looked after")
    ended_on = models.DateField("date ceased to be looked after", null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, choices=ReasonEpisodeCeased.choices,
                                     blank=True)
    #: SSDA903 CIN: constant within a period (rule 504).
    category_of_need = models.CharField(max_length=2, choices=CategoryOfNeed.choices)
    #: HOME_POST: the postcode of the home the child was removed from.
    home_postcode = models.CharField(max_length=10, blank=True)
    entered_from = models.CharField(max_length=20, choices=EntryRoute.choices)
    #: The strategy discussion, conference, contact or court order it started from, as
    #: "<kind>:<id>" (empty for "other").
    entered_from_ref = models.CharField(max_length=60, blank=True)
    #: The Independent Reviewing Officer allocated (R-CLA-3).
    iro = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                            on_delete=models.PROTECT, related_name="iro_periods")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["child", "started_on"]),
                   models.Index(fields=["ended_on", "started_on"])]
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(ended_on__isnull=True),
                                    name="one_open_care_period"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True)
                                   | Q(ended_on__gte=models.F("started_on")),
                                   name="care_period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Care period {self.pk} from {self.started_on:%d/%m/%Y}"


class Placement(models.Model):
    """Where the child lives during part of a period of care. The address can be hidden from
    the birth family's other records and from partners (``address_hidden``)."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="placements")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="placements")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    placement_type = models.CharField(max_length=3, choices=PlacementType.choices)
    provider = models.CharField(max_length=3, choices=PlacementProvider.choices, blank=True)
    provider_name = models.CharField(max_length=200, blank=True)
    #: The Ofsted Unique Reference Number of the setting, where there is one.
    urn = models.CharField("URN", max_length=8, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    address_hidden = models.BooleanField(default=False)
    #: The carer: a name now; a fostering household once that exists (issue 18 adds the link).
    carer_name = models.CharField(max_length=200, blank=True)
    #: Intended to last until the child is 18 (the visit schedule of R-CLA-4).
    long_term = models.BooleanField(default=False)
    #: Why the child left it (on a move; not for temporary placements).
    reason_changed = models.CharField(max_length=6, choices=ReasonPlaceChange.choices,
                                      blank=True)

    class Meta:
        indexes = [models.Index(fields=["child", "started_on"]),
                   models.Index(fields=["ended_on", "started_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__isnull=True)
                                   | Q(ended_on__gte=models.F("started_on")),
                                   name="placement_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Placement {self.pk} ({self.placement_type})"


class Episode(models.Model):
    """One SSDA903 episode: a legal status in a placement, from ``started_on`` (DECOM) to
    ``ended_on`` (DEC) with ``reason_ceased`` (REC: X1 when another starts the same day)."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="episodes")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="care_episodes")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="episodes")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason_new = models.CharField(max_length=1, choices=ReasonNewEpisode.choices)
    legal_status = models.CharField(max_length=2, choices=LegalStatus.choices)
    reason_ceased = models.CharField(max_length=3, choices=ReasonEpisodeCeased.choices,
                                     blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["started_on", "id"]
        indexes = [models.Index(fields=["child", "started_on"]),
                   models.Index(fields=["ended_on", "started_on"])]
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(ended_on__isnull=True),
                                    name="one_open_episode"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True)
                                   | Q(ended_on__gte=models.F("started_on")),
                                   name="episode_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Episode {self.pk} ({self.legal_status}, {self.reason_new})"


class CareAmendment(models.Model):
    """A visible correction of an episode or a placement (R-CLA-1: never a silent rewrite):
    who, when, why, the field and its value before and after, as the page showed them. A
    correction of several fields at once writes one row for each, with the same reason."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="amendments")
    episode = models.ForeignKey(Episode, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="amendments")
    placement = models.ForeignKey(Placement, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="amendments")
    field = models.CharField(max_length=40)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField()
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    amended_at = models.DateTimeField()

    class Meta:
        ordering = ["amended_at", "pk"]

    def __str__(self) -> str:
        return f"Amendment of {self.field} in care period {self.period_id}"

    def get_field_label(self) -> str:
        what = "Episode" if self.episode_id else "Placement"
        return f"{what}: {AMENDABLE_LABELS.get(self.field, self.field)}"


#: The fields a correction may change, as the page names them.
AMENDABLE_LABELS = {
    "started_on": "start date", "legal_status": "legal status", "placement_type":
    "placement type", "provider": "placement provider", "provider_name": "provider name",
    "urn": "URN", "address": "address", "postcode": "postcode", "carer_name": "carer",
    "address_hidden": "address hidden", "reason_changed": "reason for the placement change",
    "long_term": "intended to last until 18",
}


class UascStatus(models.Model):
    """An unaccompanied asylum-seeking child (R-CLA-8): marked on the child, with the date it
    ceased (on or before the 18th birthday)."""

    child = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                 related_name="uasc_status")
    ceased_on = models.DateField("date UASC status ceased", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"UASC status of {self.child_id}"
