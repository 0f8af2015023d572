"""The conference and the family's plan (R-FGC-1, R-FGC-4): the coordinator records the three
stages (seed 003) and then the plan the family made — each item who, what, by when — with the
review date set at the conference; the referrer agrees it, or says why not (it would place a
child at risk). A plan not agreed may be recorded again, revised with the family."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.core.refusals import Refused, Why, refuse_if
from hearth.fgc.actions.common import (
    audit_children,
    check_coordinator,
    check_step,
    locked,
    saved,
    tell,
    text,
)
from hearth.fgc.codes import Stage, Status
from hearth.fgc.models import FGC, PlanItem
from hearth.fgc.rules import conferences as rules
from hearth.fgc.rules import referrals as referral_rules
from hearth.fgc.rules.conferences import PlanLine

NOT_ARRANGED = ("Record the venue, the date and each child's part in the conference before "
                "recording the conference")


@transaction.atomic
def do_record_conference(fgc: FGC, *, acting_user, expected_version: int | None,
                         held_on: date | None, stages: Mapping[str, str],
                         split_arrangements: str = "") -> FGC:
    """The conference was held: what happened at each of its three stages, and for a split
    conference how its two meetings were held."""
    current = locked(fgc, expected_version)
    check_coordinator(current, acting_user)
    check_step(current, "conference")
    if current.conference_at is None or current.children.filter(attendance="").exists():
        raise Refused(NOT_ARRANGED, why=Why.STATE)
    given = {stage: text(stages.get(stage)) for stage in Stage.values}
    refuse_if(rules.conference_problems(
        held_on=held_on, stages=given, split=current.split_conference,
        split_arrangements=split_arrangements or "",
        referred_on=timezone.localdate(current.referred_at), today=timezone.localdate()))
    assert held_on is not None
    current.held_on = held_on
    for stage, value in given.items():
        setattr(current, stage, value)
    current.split_arrangements = text(split_arrangements) if current.split_conference else ""
    current.status = Status.HELD
    saved(current, ["held_on", *Stage.values, "split_arrangements", "status"])
    audit_children("fgc.held", current, acting_user, held_on=held_on.isoformat(),
                   split=current.split_conference)
    return current


@transaction.atomic
def do_record_plan(fgc: FGC, *, acting_user, expected_version: int | None,
                   lines: Sequence[PlanLine], review_on: date | None) -> FGC:
    """The family's plan: its items (each with who, what and by when: an item with no owner
    is refused naming it) and the review date set at the conference. It then waits for the
    referrer's agreement."""
    current = locked(fgc, expected_version)
    check_coordinator(current, acting_user)
    check_step(current, "plan")
    assert current.held_on is not None
    refuse_if(rules.plan_problems(lines, review_on=review_on, held_on=current.held_on))
    kept = [line for line in lines if not line.is_blank]
    current.items.all().delete()  # a plan not agreed is replaced by the revised one
    PlanItem.objects.bulk_create(
        PlanItem(fgc=current, position=n, who=text(line.who), what=text(line.what),
                 by_when=line.by_when or current.held_on)  # every by_when is checked above
        for n, line in enumerate(kept, start=1))
    revised = current.status == Status.PLAN_NOT_AGREED
    current.review_on = review_on
    current.plan_recorded_by = acting_user
    current.plan_recorded_at = timezone.now()
    current.plan_agreed = None
    current.plan_decided_by = None
    current.plan_decided_at = None
    current.plan_not_agreed_reason = ""
    current.status = Status.PLAN_WAITING
    saved(current, ["review_on", "plan_recorded_by", "plan_recorded_at", "plan_agreed",
                    "plan_decided_by", "plan_decided_at", "plan_not_agreed_reason", "status"])
    assert review_on is not None
    audit_children("fgc.plan", current, acting_user, items=len(kept), revised=revised,
                   review_on=review_on.isoformat())
    if current.referred_by_id != acting_user.pk:
        tell([current.referred_by], current, "A family plan is waiting for your agreement",
             f"{acting_user.display_name} recorded the family's plan from their Family Group "
             "Conference: agree it, or say why it would place a child at risk.")
    return current


def may_decide(fgc: FGC, user) -> bool:
    """The referrer agrees the plan (R-FGC-4); their team's manager or a service manager may
    when the referrer cannot."""
    return user.pk == fgc.referred_by_id or referral_rules.may_manage_referrer(
        actor_role=user.role, actor_team_id=user.team_id,
        referrer_team_id=fgc.referred_by.team_id)


@transaction.atomic
def do_decide_plan(fgc: FGC, *, acting_user, expected_version: int | None,
                   agreed: bool | None, reason: str = "") -> FGC:
    """The referrer agrees the family's plan, or does not because it would place a child at
    risk, saying why (R-FGC-4)."""
    current = locked(fgc, expected_version)
    if not may_decide(current, acting_user):
        raise Refused(f"Only {current.referred_by.display_name}, who made the referral, or "
                      "their manager can agree the family's plan.", why=Why.FORBIDDEN)
    check_step(current, "decide")
    refuse_if(rules.decision_problems(agreed=agreed, reason=reason or ""))
    current.plan_agreed = bool(agreed)
    current.plan_not_agreed_reason = "" if agreed else text(reason)
    current.plan_decided_by = acting_user
    current.plan_decided_at = timezone.now()
    current.status = Status.PLAN_AGREED if agreed else Status.PLAN_NOT_AGREED
    saved(current, ["plan_agreed", "plan_not_agreed_reason", "plan_decided_by",
                    "plan_decided_at", "status"])
    audit_children("fgc.plan_decided", current, acting_user, agreed=bool(agreed),
                   reason=current.plan_not_agreed_reason)
    if current.coordinator_id and current.coordinator_id != acting_user.pk:
        tell([current.coordinator], current,
             "The family plan was agreed" if agreed else "The family plan was not agreed",
             f"{acting_user.display_name} "
             + ("agreed the plan." if agreed else f"did not agree the plan: "
                f"{current.plan_not_agreed_reason}"))
    return current
