"""A visit to a child: who was seen, what was observed (R-REC-6) and when (R-RES-5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.visits.codes import FIELD_LABELS, Engagement, VisitKind, VisitPurpose


class Visit(models.Model):
    """One visit to one child. ``starts_at`` is aware (stored in UTC, shown in Europe/London);
    ``recorded_by`` and ``recorded_at`` are set by the system and never change (R-REC-2).
    A visit is a record of something that happened: it is final once recorded, so it is
    never edited in place, only corrected by visible amendments (R-REC-4)."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    involvement = models.ForeignKey("casework.Involvement", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(max_length=20, choices=VisitKind.choices)
    #: Which statutory timescale the visit counts towards, if any (issue 17).
    purpose = models.CharField(max_length=20, choices=VisitPurpose.choices,
                               default=VisitPurpose.OTHER)
    starts_at = models.DateTimeField()
    place = models.CharField("where", max_length=200)
    who_present = models.TextField(blank=True)
    child_seen = models.BooleanField()
    child_seen_alone = models.BooleanField(default=False)
    #: Why the child was not seen alone, when they were seen but not alone (R-CLA-4: they
    #: refused, or cannot understand; issue 17).
    not_seen_alone_reason = models.TextField(blank=True)
    bedroom_seen = models.BooleanField(default=False)
    home_conditions = models.TextField(blank=True)
    parent_child_interaction = models.TextField(blank=True)
    what_was_said = models.TextField(blank=True)
    #: An adult present who is not known to the record (R-PPL-3, seed 002 key message 2).
    unknown_adult_seen = models.BooleanField("An adult not known to us was there",
                                             default=False)
    unknown_adult_details = models.TextField("Who the adult seemed to be", blank=True)
    outcome = models.CharField(max_length=30, choices=Engagement.choices)
    # R-SAFE-2: the colleague who went too; a visit to a family whose warning asks for two
    # workers is not a lone visit when one is named.
    joint_worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name="colleague who went too")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    #: One visit to several children of a family, recorded once (issue 15): each child has
    #: their own visit, and the visits recorded together share this.
    group = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["child", "starts_at"]), models.Index(fields=["group"])]

    def __str__(self) -> str:
        return f"Visit {self.pk} ({self.get_kind_display()}, {self.get_outcome_display()})"


class VisitAmendment(models.Model):
    """A visible correction of one part of a visit: who, when, why, before and after
    (R-REC-4). A correction of several parts at once writes one row for each, with the same
    reason. ``before`` and ``after`` are as the visit page showed them."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="amendments")
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
        return f"Amendment of {self.field} on visit {self.visit_id}"

    def get_field_label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)
