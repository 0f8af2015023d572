"""Child protection records (DOMAIN.md R-CP-1..4, R-TWO-1..3).

The pathway: a strategy discussion (with its participants and actions) may start a Section 47
enquiry; every Section 47 visit has two workers; an initial conference (ICPC, or a risk
outside the home conference, ROTH) may put the child on a child protection plan, which has a
core group whose members each have a role and tasks, core group meetings, and review
conferences (RCPC) until the plan ends. Separately, a family meeting the two-worker criteria
needs its team manager's recorded decision, and a worker may record that a family has complex
needs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.protection.codes import (
    Attendance,
    Category,
    ConferenceDecision,
    ConferenceKind,
    FamilyParticipation,
    PlanEndReason,
    S47Outcome,
    StrategyDecision,
    StrategyOrigin,
    WorkerKind,
)

USER = settings.AUTH_USER_MODEL


class StrategyDiscussion(models.Model):
    """A strategy discussion about a child (R-CP-1): who took part, what was shared, the
    decision and the actions agreed."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="strategy_discussions")
    origin = models.CharField("What led to it", max_length=20, choices=StrategyOrigin.choices)
    contact = models.ForeignKey("frontdoor.Contact", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="strategy_discussions")
    assessment = models.ForeignKey("assessments.Assessment", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="strategy_discussions")
    involvement = models.ForeignKey("casework.Involvement", null=True, blank=True,
                                    on_delete=models.PROTECT,
                                    related_name="strategy_discussions")
    held_on = models.DateField("Date of the discussion")
    information_shared = models.TextField()
    decision = models.CharField(max_length=30, choices=StrategyDecision.choices)
    decision_reasons = models.TextField("Reasons for the decision")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    #: The discussions recorded once about several children of a family share this (issue 15).
    group = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["person", "-held_on"]), models.Index(fields=["group"])]

    def __str__(self) -> str:
        return f"Strategy discussion {self.pk}"


class StrategyParticipant(models.Model):
    """Someone who took part in a strategy discussion, and for which agency."""

    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE,
                                   related_name="participants")
    name = models.CharField(max_length=150)
    agency = models.CharField(max_length=150)
    #: The agency's kind (police, health, education...) when it is a known partner agency.
    agency_kind = models.CharField(max_length=20, blank=True)
    role = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class StrategyAction(models.Model):
    """An action agreed at a strategy discussion, with its owner."""

    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE,
                                   related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=150)
    owner_user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Action for {self.owner}"


class Section47Enquiry(models.Model):
    """A Section 47 enquiry, started by the strategy discussion that decided on it; the ICPC is
    due 15 working days after that discussion (R-CP-1).

    ``outcome`` is the outcome in effect. "ICPC needed" takes effect when it is recorded; "not
    substantiated" and "ICPC not required" are first proposed (``proposed_*``) and take
    effect only when a team manager of the team holding the case authorises them; until then
    the ICPC stays due. A manager may return the proposal with a reason instead."""

    strategy = models.OneToOneField(StrategyDiscussion, on_delete=models.PROTECT,
                                    related_name="enquiry")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="s47_enquiries")
    joint = models.BooleanField("Joint with the police")
    started_on = models.DateField()
    icpc_due = models.DateField("ICPC due by")
    outcome = models.CharField(max_length=30, choices=S47Outcome.choices, blank=True)
    outcome_reasons = models.TextField(blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    outcome_authorised_by = models.ForeignKey(USER, null=True, blank=True,
                                              on_delete=models.PROTECT, related_name="+")
    outcome_authorised_at = models.DateTimeField(null=True, blank=True)
    #: An outcome waiting for a team manager's authorisation (or returned by one).
    proposed_outcome = models.CharField(max_length=30, choices=S47Outcome.choices, blank=True)
    proposed_reasons = models.TextField(blank=True)
    proposed_on = models.DateField(null=True, blank=True)
    proposed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    returned_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "Section 47 enquiry"
        verbose_name_plural = "Section 47 enquiries"

    def __str__(self) -> str:
        return f"Section 47 enquiry {self.pk}"

    @property
    def awaiting_authorisation(self) -> bool:
        return bool(self.proposed_outcome) and self.returned_at is None

    @property
    def proposal_returned(self) -> bool:
        return bool(self.proposed_outcome) and self.returned_at is not None


class S47Visit(models.Model):
    """A visit made for a Section 47 enquiry: always two workers, one a qualified social
    worker (R-TWO-1); on a joint enquiry the police officer, or why the police could not
    attend."""

    enquiry = models.ForeignKey(Section47Enquiry, on_delete=models.PROTECT,
                                related_name="visits")
    visited_at = models.DateTimeField()
    police_could_not_attend = models.BooleanField(default=False)
    police_absence_reason = models.TextField("Why the police could not attend", blank=True)
    place = models.CharField("Where", max_length=200)
    child_seen = models.BooleanField()
    child_seen_alone = models.BooleanField(default=False)
    notes = models.TextField("What was seen and said")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Section 47 visit {self.pk}"


class S47VisitWorker(models.Model):
    visit = models.ForeignKey(S47Visit, on_delete=models.CASCADE, related_name="workers")
    kind = models.CharField(max_length=30, choices=WorkerKind.choices)
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(max_length=150)
    agency = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Conference(models.Model):
    """An initial, review or ROTH child protection conference (R-CP-1, R-CP-2, R-CP-4).

    Arranged first (date, chair, invitees); its outcome — attendance, the family's
    participation, reports, decision, minutes and outline plan — is recorded when it is held.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="cp_conferences")
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    #: The Section 47 enquiry an initial conference follows.
    enquiry = models.ForeignKey(Section47Enquiry, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="conferences")
    #: The plan a review conference reviews.
    plan = models.ForeignKey("protection.CPPlan", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("Date of the conference")
    chair = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="chaired_conferences")
    chair_name = models.CharField(max_length=150)
    held = models.BooleanField(default=False)
    decision = models.CharField(max_length=20, choices=ConferenceDecision.choices, blank=True)
    #: The category of abuse the conference decided on (a new plan, or a review's change).
    category = models.CharField(max_length=3, choices=Category.choices, blank=True)
    minutes = models.TextField(blank=True)
    outline_plan = models.TextField(blank=True)
    arranged_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    arranged_at = models.DateTimeField()
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["person", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class ConferenceInvitee(models.Model):
    """A professional invited to a conference: their agency, attendance and report."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE,
                                   related_name="invitees")
    name = models.CharField(max_length=150)
    agency = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    attendance = models.CharField(max_length=20, choices=Attendance.choices,
                                  default=Attendance.NOT_KNOWN)
    report_submitted = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class ConferenceFamilyMember(models.Model):
    """A parent or family member and how they took part; an exclusion from all or part of the
    conference always has its reason (R-CP-4)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE,
                                   related_name="family")
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=100, blank=True)
    participation = models.CharField(max_length=20, choices=FamilyParticipation.choices)
    excluded_from = models.CharField("Which part they were excluded from", max_length=200,
                                     blank=True)
    exclusion_reason = models.TextField(blank=True)
    excluded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    def __str__(self) -> str:
        return self.name


class CPPlan(models.Model):
    """A child protection plan (R-CP-2): started by an initial (or ROTH) conference on
    its date, with a category of abuse, a lead social worker and a core group."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="cp_plans")
    conference = models.OneToOneField(Conference, on_delete=models.PROTECT,
                                      related_name="started_plan")
    start_on = models.DateField()
    initial_category = models.CharField(max_length=3, choices=Category.choices)
    latest_category = models.CharField(max_length=3, choices=Category.choices)
    lead_social_worker = models.ForeignKey(USER, on_delete=models.PROTECT,
                                           related_name="lead_cp_plans")
    first_core_group_due = models.DateField()
    next_review_due = models.DateField()
    end_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=PlanEndReason.choices, blank=True)
    end_notes = models.TextField(blank=True)
    ended_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "child protection plan"
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(end_on__isnull=True),
                                    name="one_open_cp_plan_per_child"),
            models.CheckConstraint(condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F(
                "start_on")), name="cp_plan_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"Child protection plan {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.end_on is None


class CoreGroupMember(models.Model):
    """A member of a plan's core group: their agency's role and tasks, which every agency and
    the family can see (R-CP-3)."""

    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="core_group")
    name = models.CharField(max_length=150)
    agency = models.CharField(max_length=150)
    #: A partner agency's members see the plan's core group page (R-CP-3).
    partner_agency = models.ForeignKey("access.Agency", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    #: A family member in the core group.
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=200)
    tasks = models.TextField()
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    left_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class CoreGroupMeeting(models.Model):
    """A core group meeting: the first within 10 working days of the ICPC (R-CP-2)."""

    plan = models.ForeignKey(CPPlan, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    attendees = models.TextField()
    progress = models.TextField("Progress against the plan")
    actions = models.TextField("Actions agreed", blank=True)
    next_meeting_on = models.DateField("Next meeting", null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    #: The meetings recorded once for several children of a family share this (issue 15).
    group = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["group"])]

    def __str__(self) -> str:
        return f"Core group meeting {self.pk}"


class ComplexNeeds(models.Model):
    """A worker's record that a family has complex needs (one of the R-TWO-2 criteria)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="complex_needs")
    description = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name_plural = "complex needs"

    def __str__(self) -> str:
        return f"Complex needs {self.pk}"


class TwoWorkerDecision(models.Model):
    """The team manager's decision on whether two workers are allocated to a family
    (R-TWO-2, R-TWO-3), with the criteria as they stood."""

    children = models.ManyToManyField("people.Person", related_name="two_worker_decisions")
    team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="+")
    two_workers = models.BooleanField("Two workers allocated")
    reasons = models.TextField()
    decided_on = models.DateField()
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    #: The criteria met when it was decided (``rules.TwoWorkerCriteria.reasons``).
    criteria = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["-decided_on"])]

    def __str__(self) -> str:
        return f"Two-worker decision {self.pk}"
