"""A Family Group Conference (R-FGC-1..4): one record from the professional's referral to the
review of the family's plan, with the children it is for, the coordinator's preparation
visits, the network the family invites, the plan's items and its reviews. An FGC that is
declined, withdrawn or does not go ahead is ended with the reason, never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.fgc.codes import (
    Attendance,
    NetworkKind,
    Progress,
    ReachedBy,
    Reason,
    Status,
)

USER = settings.AUTH_USER_MODEL
NAME_MAX = 150
TEXT_MAX = 300


def _user(**kwargs) -> models.ForeignKey:
    return models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", **kwargs)


class FGC(models.Model):
    """The FGC: referral, allocation, arrangements, the conference's stages, the plan and the
    referrer's decision on it. ``version`` moves on with every change (pages and ETags)."""

    # The referral (R-FGC-1, R-FGC-2)
    referred_by = _user()
    referred_at = models.DateTimeField()
    reason = models.CharField(max_length=30, choices=Reason.choices)
    background = models.TextField()
    questions = models.JSONField(default=list)
    explained_on = models.DateField()
    process_explained = models.BooleanField(default=False)
    family_agreed = models.BooleanField(default=False)
    domestic_abuse = models.BooleanField(default=False)
    split_conference = models.BooleanField(default=False)
    pre_proceedings = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REFERRED)
    # The coordinator
    coordinator = _user(null=True, blank=True)
    allocated_by = _user(null=True, blank=True)
    allocated_at = models.DateTimeField(null=True, blank=True)
    # The arrangements
    venue = models.CharField(max_length=TEXT_MAX, blank=True)
    conference_at = models.DateTimeField(null=True, blank=True)
    # The conference and its three stages (seed 003)
    held_on = models.DateField(null=True, blank=True)
    information_shared = models.TextField(blank=True)
    private_family_time = models.TextField(blank=True)
    plan_shared = models.TextField(blank=True)
    split_arrangements = models.TextField(blank=True)
    # The plan (R-FGC-4)
    plan_recorded_by = _user(null=True, blank=True)
    plan_recorded_at = models.DateTimeField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    plan_agreed = models.BooleanField(null=True, blank=True)
    plan_decided_by = _user(null=True, blank=True)
    plan_decided_at = models.DateTimeField(null=True, blank=True)
    plan_not_agreed_reason = models.TextField(blank=True)
    # Declined, withdrawn or not held (R-FGC-2)
    ended_reason = models.TextField(blank=True)
    ended_by = _user(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = "Family Group Conference"
        indexes = [models.Index(fields=["status", "referred_at"]),
                   models.Index(fields=["coordinator", "status"]),
                   models.Index(fields=["referred_by", "status"])]

    def __str__(self) -> str:
        return f"FGC {self.pk} ({self.get_status_display()})"


class FGCChild(models.Model):
    """A child the FGC is for, and their part in it (R-FGC-3): whether they attend, for how
    much, who supports them, and their wishes and feelings if they do not attend."""

    fgc = models.ForeignKey(FGC, on_delete=models.PROTECT, related_name="children")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="fgcs")
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True)
    attends_for = models.CharField("how much they attend", max_length=TEXT_MAX, blank=True)
    supported_by = models.CharField(max_length=TEXT_MAX, blank=True)
    wishes_and_feelings = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fgc", "person"],
                                               name="fgc_child_once")]

    def __str__(self) -> str:
        return f"FGC {self.fgc_id} child {self.person_id}"


class PreparationVisit(models.Model):
    """The coordinator meets the child and the family before the conference."""

    fgc = models.ForeignKey(FGC, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    who_seen = models.CharField(max_length=TEXT_MAX)
    notes = models.TextField()
    recorded_by = _user()
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"FGC {self.fgc_id} visit {self.visited_on}"


class NetworkMember(models.Model):
    """Someone the family invites: who, how related, and how the coordinator reached them."""

    fgc = models.ForeignKey(FGC, on_delete=models.PROTECT, related_name="network")
    name = models.CharField(max_length=NAME_MAX)
    relationship = models.CharField(max_length=NAME_MAX)
    kind = models.CharField(max_length=10, choices=NetworkKind.choices)
    reached_by = models.CharField(max_length=10, choices=ReachedBy.choices)
    added_by = _user()
    added_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"FGC {self.fgc_id}: {self.name}"


class PlanItem(models.Model):
    """One line of the family's plan: who will do what, by when (R-FGC-4)."""

    fgc = models.ForeignKey(FGC, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField()
    who = models.CharField(max_length=NAME_MAX)
    what = models.TextField()
    by_when = models.DateField()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"FGC {self.fgc_id} item {self.position}"


class Review(models.Model):
    """The review FGC, on the date set at the conference: progress on each item."""

    fgc = models.ForeignKey(FGC, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = _user()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"FGC {self.fgc_id} review {self.held_on}"


class ItemProgress(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="progress")
    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(max_length=12, choices=Progress.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["item__position", "pk"]

    def __str__(self) -> str:
        return f"review {self.review_id} item {self.item_id}"
