from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.casework.codes import PrimaryNeed
from hearth.core.visibility import VisibleQuerySet
from hearth.frontdoor.codes import (
    CallerKind,
    Channel,
    ContactStatus,
    DecisionStatus,
    Outcome,
    PersonRole,
    ReferralSource,
    ResponseMethod,
    Urgency,
)

#: Still waiting for a decision (not in the MASH, not decided).
AWAITING_DECISION = (ContactStatus.OPEN, ContactStatus.AWAITING_AUTHORISATION)


class ContactQuerySet(VisibleQuerySet):
    """``visible_to(user)``: the scope ``frontdoor.queries.contact_scope`` registers."""

    def in_queue_order(self, now=None) -> ContactQuerySet:
        """R-FD-4: immediate contacts still waiting for a decision first, then soonest due (an
        overdue contact is due soonest). With ``now``, the queues' whole order
        (``rules.queue_key``), sorted in the database so that a page of it can be read: the
        immediate ones waiting, then the overdue ones, then the others waiting, then the rest
        (in the MASH, or decided and handed over)."""
        waiting = models.Q(status__in=AWAITING_DECISION)
        tiers = [models.When(waiting & models.Q(urgency=Urgency.IMMEDIATE), then=models.Value(0))]
        if now is not None:
            tiers += [models.When(waiting & models.Q(decision_due__lt=now), then=models.Value(1)),
                      models.When(waiting, then=models.Value(2))]
        return self.alias(queue_rank=models.Case(
            *tiers, default=models.Value(1 if now is None else 3),
            output_field=models.IntegerField(),
        )).order_by("queue_rank", "decision_due", "pk")


class Contact(models.Model):
    """A conversation at the front door about one or more children (R-FD-1, R-FD-2)."""

    received_at = models.DateTimeField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    caller_kind = models.CharField(max_length=20, choices=CallerKind.choices)
    caller_name = models.CharField(max_length=150)
    caller_agency = models.CharField(max_length=150, blank=True)
    caller_role = models.CharField(max_length=150, blank=True)
    caller_contact = models.CharField(max_length=200, help_text="How to reach the caller")
    caller_email = models.EmailField(blank=True)
    caller_relationship = models.CharField(max_length=150, blank=True,
                                           help_text="The caller's relationship to the child")
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices)
    worries = models.TextField()
    strengths = models.TextField(blank=True)
    caller_actions = models.TextField(blank=True, help_text="What the caller has already done")
    child_words = models.TextField(blank=True, help_text="The child's own words, where known")
    questions_asked = models.TextField(blank=True)
    advice_given = models.TextField(blank=True)
    # No default: the worker chooses (R-FD-4); an immediate contact has its own deadline.
    urgency = models.CharField(max_length=20, choices=Urgency.choices)
    family_aware = models.BooleanField(help_text="The family knows about this call")
    family_told_sharing = models.BooleanField(
        help_text="The family was told information would be shared")
    not_told_reason = models.TextField(blank=True)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    is_edt = models.BooleanField(default=False)
    edt_actions = models.TextField(blank=True, help_text="What EDT did out of hours")
    decision_due = models.DateTimeField(db_index=True)
    handover_at = models.DateTimeField(null=True, blank=True,
                                       help_text="When an EDT contact reaches the CRS queue")
    # R-EDT-3: CRS has checked an EDT contact whose child was not known (EDT decided it).
    handover_checked_at = models.DateTimeField(null=True, blank=True)
    handover_checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=30, choices=ContactStatus.choices,
                              default=ContactStatus.OPEN, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    people = models.ManyToManyField("people.Person", through="ContactPerson",
                                    related_name="contacts")

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["decision_due"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"C{self.pk:06d}" if self.pk else "new contact"


class ContactPerson(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="contact_links")
    role = models.CharField(max_length=10, choices=PersonRole.choices)
    # The person's record was first made while taking this contact (not an existing record):
    # a child so recorded is not known to children's services (R-EDT-3).
    new_record = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "person"],
                                               name="contact_person_once")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on {self.contact}"


class Decision(models.Model):
    """What happens next (R-FD-5). NFA and referral are proposed, then authorised."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    rationale = models.TextField()
    advice = models.TextField(blank=True, help_text="Advice given to the referrer")
    referrer_plan = models.TextField(blank=True,
                                     help_text="Steps the referring agency agreed to take")
    team = models.ForeignKey("access.Team", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    status = models.CharField(max_length=20, choices=DecisionStatus.choices)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.get_status_display()})"


class ReferrerResponse(models.Model):
    """The written response to the referrer (R-FD-6): what was sent, when and how."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="responses")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="responses")
    method = models.CharField(max_length=20, choices=ResponseMethod.choices)
    sent_to = models.CharField(max_length=200)
    body_html = models.TextField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")

    def __str__(self) -> str:
        return f"response to {self.contact} by {self.method}"
