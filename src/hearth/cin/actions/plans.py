"""Every write to a child in need plan (R-CIN-1, R-CIN-2): one transaction each, its audit
row on the child, the chronology kept in step, and ``Refused`` (nothing written) for what the
rules or the plan's state forbid."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.chronology import actions as chronology
from hearth.cin import rules
from hearth.cin.codes import EndReason
from hearth.cin.models import ActionProgress, CINAction, CINMeeting, CINPlan
from hearth.cin.rules import ActionLine
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.people.models import Person
from hearth.protection.models import CPPlan

WHAT = "child in need plan"


def _text(value: Any) -> str:
    return str(value or "").strip()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _lock_person(person: Person) -> None:
    """Two starts for one child (or a CP plan and a CIN plan) wait for each other."""
    Person.objects.select_for_update().filter(pk=person.pk).first()


def _locked(plan: CINPlan, expected_version: int | None) -> CINPlan:
    current = CINPlan.objects.select_for_update(of=("self",)).select_related("person") \
        .get(pk=plan.pk)
    check_version(current, expected_version, WHAT)
    if current.end_on is not None:
        raise Refused("This child in need plan has ended", why=Why.STATE)
    return current


def lines(actions: Sequence[Mapping[str, Any]]) -> list[ActionLine]:
    return [ActionLine(what=_text(a.get("what")), owner=_text(a.get("owner")),
                       due_on=a.get("due_on")) for a in actions]


def state_refusal(person: Person) -> str:
    """Why the child cannot start a CIN plan now (R-CIN-2), or ""."""
    if CPPlan.objects.filter(person=person, end_on__isnull=True).exists():
        return rules.on_cp_plan_refusal(person.display_name)
    if CINPlan.objects.filter(person=person, end_on__isnull=True).exists():
        return rules.open_plan_refusal(person.display_name)
    return ""


def _add_actions(plan: CINPlan, given: list[ActionLine], first: int) -> list[CINAction]:
    return CINAction.objects.bulk_create(
        CINAction(plan=plan, position=first + i, what=line.what, owner=line.owner,
                  due_on=line.due_on) for i, line in enumerate(given)
        if line.due_on is not None)


@transaction.atomic
def do_start_plan(assessment, *, acting_user, start_on: date | None, needs: str,
                  actions: Sequence[Mapping[str, Any]]) -> CINPlan:
    """Start the child's CIN plan from ``assessment`` (authorised, outcome "CIN plan"):
    its start date, the needs, and the actions (``what``, ``owner``, ``due_on``). Refused
    (409) while the child is on a child protection plan or has an open CIN plan (R-CIN-2)."""
    person = assessment.child
    _lock_person(person)
    problem = rules.assessment_problem(status=assessment.status, outcome=assessment.outcome)
    if problem:
        raise Refused(problem, why=Why.STATE)
    if CINPlan.objects.filter(assessment=assessment).exists():
        raise Refused("This assessment has already started a child in need plan",
                      why=Why.STATE)
    refusal = state_refusal(person)
    if refusal:
        raise Refused(refusal, why=Why.STATE)
    given = lines(actions)
    authorised = (timezone.localdate(assessment.authorised_at)
                  if assessment.authorised_at else None)
    refuse_if(rules.start_problems(start_on=start_on, today=timezone.localdate(),
                                   authorised_on=authorised, needs=_text(needs),
                                   actions=given))
    assert start_on is not None
    plan = CINPlan.objects.create(person=person, assessment=assessment, start_on=start_on,
                                  needs=_text(needs), created_by=acting_user,
                                  created_at=timezone.now())
    _add_actions(plan, given, 1)
    audit.record("cin.plan_started", user=acting_user, obj=person,
                 fields={"plan": plan.pk, "assessment": assessment.pk,
                         "start_on": _iso(start_on), "actions": len(given)})
    chronology.sync(plan)
    return plan


@transaction.atomic
def do_record_meeting(plan: CINPlan, *, acting_user, expected_version: int | None,
                      held_on: date | None, attendees: Sequence[str],
                      progress: Mapping[int, tuple[str, str]], notes: str = "",
                      next_meeting_on: date | None = None,
                      new_actions: Sequence[Mapping[str, Any]] = ()) -> CINMeeting:
    """A CIN meeting (R-CIN-1): who came, how each action is going (``progress`` by action
    id: (status, note) for every action), the next meeting, and any new actions."""
    current = _locked(plan, expected_version)
    actions = list(current.actions.all())
    people = [_text(a) for a in attendees if _text(a)]
    problems = rules.meeting_problems(
        held_on=held_on, plan_start=current.start_on, today=timezone.localdate(),
        attendees=people,
        progress=[(a.position, (progress.get(a.pk) or ("", ""))[0]) for a in actions],
        next_meeting_on=next_meeting_on)
    added = lines(new_actions)
    problems.update({k.replace("actions.", "new_actions.", 1): v for k, v in
                     rules.action_problems(added, start_on=current.start_on,
                                           required=False).items()})
    refuse_if(problems)
    assert held_on is not None
    meeting = CINMeeting.objects.create(plan=current, held_on=held_on, attendees=people,
                                        notes=_text(notes), next_meeting_on=next_meeting_on,
                                        recorded_by=acting_user, recorded_at=timezone.now())
    ActionProgress.objects.bulk_create(
        ActionProgress(meeting=meeting, action=a, status=progress[a.pk][0],
                       note=_text(progress[a.pk][1])) for a in actions)
    _add_actions(current, added, len(actions) + 1)
    current.next_meeting_on = next_meeting_on
    current.version += 1
    current.save(update_fields=["next_meeting_on", "version"])
    audit.record("cin.meeting_recorded", user=acting_user, obj=current.person,
                 fields={"plan": current.pk, "meeting": meeting.pk, "held_on": _iso(held_on),
                         "attendees": len(people), "new_actions": len(added),
                         "progress": {str(a.position): progress[a.pk][0] for a in actions},
                         "next_meeting_on": _iso(next_meeting_on)})
    chronology.sync(current)
    return meeting


def _end(current: CINPlan, *, acting_user, end_on: date, reason: str, notes: str,
         **extra: Any) -> CINPlan:
    current.end_on, current.end_reason, current.end_notes = end_on, reason, notes
    current.ended_by = acting_user
    current.version += 1
    current.save(update_fields=["end_on", "end_reason", "end_notes", "ended_by", "version"])
    audit.record("cin.plan_ended", user=acting_user, obj=current.person,
                 fields={"plan": current.pk, "end_on": _iso(end_on), "reason": reason,
                         **extra})
    chronology.sync(current)
    return current


@transaction.atomic
def do_end_plan(plan: CINPlan, *, acting_user, expected_version: int | None,
                end_on: date | None, reason: str, notes: str = "") -> CINPlan:
    """End the plan with its reason (R-CIN-2): not before it started, not in the future."""
    current = _locked(plan, expected_version)
    refuse_if(rules.end_problems(end_on=end_on, start_on=current.start_on,
                                 today=timezone.localdate(), reason=reason))
    assert end_on is not None
    return _end(current, acting_user=acting_user, end_on=end_on, reason=reason,
                notes=_text(notes))


def end_for_cp_plan(cp_plan, *, acting_user) -> CINPlan | None:
    """R-CIN-2: a child protection plan started by a conference ends the child's open CIN
    plan on the CP plan's start date, with the reason "CP plan". Registered with
    ``protection.actions.plans.PLAN_STARTED``: runs inside the transaction that starts the
    CP plan, and writes its own audit row."""
    current = (CINPlan.objects.select_for_update(of=("self",)).select_related("person")
               .filter(person_id=cp_plan.person_id, end_on__isnull=True).first())
    if current is None:
        return None
    end_on = max(cp_plan.start_on, current.start_on)
    return _end(current, acting_user=acting_user, end_on=end_on, reason=EndReason.CP_PLAN,
                notes=f"Ended when the child protection plan started on {end_on:%-d %B %Y}.",
                cp_plan=cp_plan.pk)


def end_for_looked_after(child_id, *, started_on: date, acting_user) -> CINPlan | None:
    """R-CIN-2: a child who becomes looked after leaves their open CIN plan on that day, with
    the reason "looked after". Called by ``looked_after``'s action inside the transaction that
    starts the period of care (not for short breaks, which leave the plan as it is); writes
    its own audit row."""
    current = (CINPlan.objects.select_for_update(of=("self",)).select_related("person")
               .filter(person_id=child_id, end_on__isnull=True).first())
    if current is None:
        return None
    end_on = max(started_on, current.start_on)
    return _end(current, acting_user=acting_user, end_on=end_on, reason=EndReason.LOOKED_AFTER,
                notes=f"Ended when the child became looked after on {end_on:%-d %B %Y}.")


def record_view(plan: CINPlan, *, user, what: str = "view_cin_plan") -> None:
    """Reading a CIN plan is reading the child's record: audited."""
    audit.record_read(what, user=user, obj=plan.person, fields={"plan": plan.pk})
