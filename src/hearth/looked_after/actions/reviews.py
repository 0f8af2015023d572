"""Writes of the Independent Reviewing Officer's work (R-CLA-3): one transaction each, one
audit row on the child's record, the chronology kept in step, nothing written when refused.

- ``do_allocate_iro``: a team or service manager allocates an IRO to a period of care;
- ``do_record_review``: the IRO records a review (date, participation, decisions, view,
  any concern — which can open a professional difference, linked back);
- ``do_correct_review``: the IRO corrects a review (its version: a stale edit is refused);
- ``do_bring_review_forward``: after a change of placement, the IRO brings the next review
  forward to a new date, with why.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.codes import Role
from hearth.access.rules import MANAGER_ROLES
from hearth.chronology.actions import sync
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.differences.actions import do_raise_difference
from hearth.differences.codes import AgencyKind, RaisedBefore
from hearth.looked_after.models import CarePeriod, Review, ReviewDateChange
from hearth.looked_after.queries import reviews as queries
from hearth.looked_after.rules import reviews as rules

NOT_IRO = "Only the child's Independent Reviewing Officer can record their reviews."


def _text(value) -> str:
    return str(value or "").strip()


def _locked_period(period: CarePeriod, expected_version: int | None = None) -> CarePeriod:
    current = CarePeriod.objects.select_for_update(of=("self",)).select_related("child").get(
        pk=period.pk)
    check_version(current, expected_version, "period of care")
    return current


def _check_iro(period: CarePeriod, user) -> None:
    if period.iro_id != user.pk:
        raise Refused(NOT_IRO, why=Why.FORBIDDEN)


@transaction.atomic
def do_allocate_iro(period: CarePeriod, *, acting_user, iro, expected_version: int | None):
    """R-CLA-3: a team or service manager allocates the IRO (an active user whose role is
    IRO) to a period of care that has not ended."""
    if acting_user.role not in MANAGER_ROLES:
        raise Refused("Only a team or service manager can allocate an Independent Reviewing "
                      "Officer.", why=Why.FORBIDDEN)
    period = _locked_period(period, expected_version)
    if period.ended_on is not None:
        raise Refused("This period of care has ended: no IRO can be allocated to it.",
                      why=Why.STATE)
    if iro is None or iro.role != Role.IRO or not iro.is_active:
        raise Refused("Choose an Independent Reviewing Officer from the list", "iro")
    previous = period.iro_id
    period.iro = iro
    period.version += 1
    period.save(update_fields=["iro", "version"])
    audit.record("allocated_an_iro", user=acting_user, obj=period.child,
                 fields={"period": period.pk, "iro": iro.pk, "previous": previous})
    return period


def _raise_concern(review: Review, acting_user) -> None:
    """The IRO's concern opens a professional difference about the child (R-PD-2), raised at
    the review itself; the review links to it."""
    child = review.child
    difference = do_raise_difference(
        child, acting_user=acting_user,
        decision=f"{child.display_name}'s care plan, as reviewed on {review.held_on:%-d %B %Y}",
        decision_by="The child's social worker and their manager",
        decision_agency=AgencyKind.SOCIAL_CARE, why=review.concern,
        raised_before=RaisedBefore.OTHER,
        raised_before_note=f"At the child's looked-after review on {review.held_on:%-d %B %Y}")
    review.difference = difference
    review.save(update_fields=["difference"])


@transaction.atomic
def do_record_review(period: CarePeriod, *, acting_user, held_on: date | None,
                     participation: str, decisions: str, iro_view: str, concern: str = "",
                     open_difference: bool = False) -> Review:
    """R-CLA-3: the IRO records a review of the child's care. Refused naming the field: a
    date before the child became looked after (or in the future), a participation code that
    contradicts the child's age (PN0 iff under 4), no decisions or view; a concern to open a
    difference with no concern written."""
    period = _locked_period(period)
    _check_iro(period, acting_user)
    problems = rules.review_problems(
        held_on=held_on, entered_care=period.started_on, left_care=period.ended_on,
        today=timezone.localdate(), participation=participation,
        born=period.child.date_of_birth, decisions=_text(decisions), iro_view=_text(iro_view))
    if open_difference and not _text(concern):
        problems["concern"] = "Enter the concern to raise it as a professional difference"
    refuse_if(problems)
    assert held_on is not None
    review = Review.objects.create(
        period=period, child=period.child, held_on=held_on, participation=participation,
        decisions=_text(decisions), iro_view=_text(iro_view), concern=_text(concern),
        recorded_by=acting_user, recorded_at=timezone.now())
    if open_difference:
        _raise_concern(review, acting_user)
    audit.record("recorded_a_looked_after_review", user=acting_user, obj=period.child,
                 fields={"review": review.pk, "held_on": held_on.isoformat(),
                         "participation": participation,
                         "difference": review.difference_id})
    sync(review)
    return review


@transaction.atomic
def do_correct_review(review: Review, *, acting_user, expected_version: int | None,
                      held_on: date | None, participation: str, decisions: str,
                      iro_view: str, concern: str = "") -> Review:
    """The IRO corrects a review they recorded (the audit keeps the change); a change made
    from an older version is refused (``StaleEdit``)."""
    current = Review.objects.select_for_update(of=("self",)).select_related(
        "period", "child").get(pk=review.pk)
    check_version(current, expected_version, "review")
    _check_iro(current.period, acting_user)
    refuse_if(rules.review_problems(
        held_on=held_on, entered_care=current.period.started_on,
        left_care=current.period.ended_on, today=timezone.localdate(),
        participation=participation, born=current.child.date_of_birth,
        decisions=_text(decisions), iro_view=_text(iro_view)))
    assert held_on is not None
    before = {"held_on": current.held_on.isoformat(), "participation": current.participation}
    current.held_on, current.participation = held_on, participation
    current.decisions, current.iro_view = _text(decisions), _text(iro_view)
    current.concern = _text(concern)
    current.version += 1
    current.save(update_fields=["held_on", "participation", "decisions", "iro_view",
                                "concern", "version"])
    audit.record("corrected_a_looked_after_review", user=acting_user, obj=current.child,
                 fields={"review": current.pk, "before": before})
    sync(current)
    return current


@transaction.atomic
def do_bring_review_forward(period: CarePeriod, *, acting_user, due_on: date | None,
                            reason: str) -> ReviewDateChange:
    """R-CLA-3: a change of placement may bring the next review forward when the IRO decides:
    the decision is kept with its new date (before the date now due)."""
    period = _locked_period(period)
    _check_iro(period, acting_user)
    state = queries.care_state(period.child)
    if state is None:
        raise Refused("The child is not looked after now.", why=Why.STATE)
    held = list(Review.objects.filter(period=period).values_list("held_on", flat=True))
    refuse_if(rules.bring_forward_problems(
        due_on=due_on, current_due=state.next_review.due_on,
        last_review=max(held, default=None), today=timezone.localdate(),
        reason=_text(reason)))
    assert due_on is not None
    change = ReviewDateChange.objects.create(period=period, due_on=due_on,
                                             reason=_text(reason), decided_by=acting_user,
                                             decided_at=timezone.now())
    audit.record("brought_a_looked_after_review_forward", user=acting_user, obj=period.child,
                 fields={"period": period.pk, "due_on": due_on.isoformat()})
    return change
