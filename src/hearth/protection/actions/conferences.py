"""Every write to conferences, child protection plans and core groups (R-CP-1..4): one
transaction each, its audit row on the child, the chronology synced, and ``Refused``
(nothing written) for anything the rules refuse; ``StaleEdit`` when someone saved first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.codes import Role
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.people.models import Person
from hearth.protection.actions.plans import PLAN_STARTED, release_shares, share_with
from hearth.protection.codes import (
    EXCLUDED,
    Category,
    ConferenceDecision,
    ConferenceKind,
    PlanEndReason,
)
from hearth.protection.models import (
    Conference,
    ConferenceFamilyMember,
    ConferenceInvitee,
    CoreGroupMeeting,
    CoreGroupMember,
    CPPlan,
)
from hearth.protection.queries.conferences import LEAD_ROLES, allocated_worker, arrange_facts
from hearth.protection.rules import conferences as rules_conferences
from hearth.protection.rules import pathway as rules


def _text(value: Any) -> str:
    return str(value or "").strip()


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _lock_person(person: Person) -> None:
    """Serialise the writes that decide a child's plans (one open plan per child)."""
    Person.objects.select_for_update().filter(pk=person.pk).first()


def _locked(model, obj, expected_version: int):
    current = model.objects.select_for_update().get(pk=obj.pk)
    check_version(current, expected_version)
    return current


# --- arranging --------------------------------------------------------------------------------

@transaction.atomic
def do_arrange_conference(person: Person, *, acting_user, kind: str, held_on: date | None,
                          chair=None, chair_name: str = "",
                          invitees: Sequence[Mapping[str, Any]] = (), enquiry=None,
                          plan=None) -> Conference:
    """Arrange an initial (ICPC: from the child's Section 47 enquiry that found one is needed,
    one per enquiry, R-CP-1), review (RCPC: of the child's open plan, not before it started)
    or ROTH (ROTH: a child not on a plan here) conference, with its chair (a conference
    chair, or a name) and invitees."""
    _lock_person(person)
    chair_name = _text(chair_name)
    if chair is not None:
        if chair.role != Role.CONFERENCE_CHAIR or not chair.is_active:
            raise Refused("Choose one of the conference chairs", field="chair")
        chair_name = chair_name or chair.display_name
    rows = [{k: _text(row.get(k)) for k in ("name", "agency", "role")} for row in invitees]
    facts = arrange_facts(person, enquiry=enquiry, plan=plan)
    problems = rules_conferences.arrange_problems(
        kind=kind, held_on=held_on, child=person.display_name, chair_named=bool(chair_name),
        **facts)
    problems.update(rules_conferences.invitee_problems(rows))
    refuse_if(problems)
    assert held_on is not None
    conference = Conference.objects.create(
        person=person, kind=kind, held_on=held_on, chair=chair, chair_name=chair_name,
        enquiry=enquiry if kind == ConferenceKind.ICPC else None,
        plan=plan if kind == ConferenceKind.RCPC else None,
        arranged_by=acting_user, arranged_at=timezone.now())
    ConferenceInvitee.objects.bulk_create(
        ConferenceInvitee(conference=conference, **row) for row in rows)
    audit.record("protection.conference_arranged", user=acting_user, obj=person,
                 fields={"conference": conference.pk, "kind": kind, "held_on": _iso(held_on),
                         "chair": chair_name, "enquiry": conference.enquiry_id,
                         "plan": conference.plan_id,
                         "invitees": sorted({r["agency"] for r in rows})})
    return conference


# --- the outcome ------------------------------------------------------------------------------

def _family_rows(family: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for row in family:
        person = row.get("person")
        name = _text(row.get("name")) or (person.display_name if person is not None else "")
        rows.append({"person": person, "name": name,
                     "relationship": _text(row.get("relationship")),
                     "participation": _text(row.get("participation")),
                     "excluded_from": _text(row.get("excluded_from")),
                     "exclusion_reason": _text(row.get("exclusion_reason"))})
    return rows


def _attendance(conference: Conference,
                attendance: Mapping[Any, Mapping[str, Any]]) -> dict[int, tuple[str, bool]]:
    invitees = {i.pk: i for i in conference.invitees.all()}
    unknown = [k for k in attendance if _int(k) not in invitees]
    if unknown:
        raise Refused("Attendance can only be recorded for this conference's invitees",
                      field="attendance")
    given = {_int(k): v for k, v in attendance.items()}
    return {pk: (str((given.get(pk) or {}).get("attendance") or ""),
                 bool((given.get(pk) or {}).get("report_submitted")))
            for pk in invitees}


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@transaction.atomic
def do_record_conference_outcome(conference: Conference, *, acting_user, expected_version: int,
                                 attendance: Mapping[Any, Mapping[str, Any]],
                                 family: Sequence[Mapping[str, Any]], decision: str,
                                 category: str = "", lead_social_worker=None, minutes: str,
                                 outline_plan: str = "",
                                 held_on: date | None = None) -> Conference:
    """Record what happened at a conference: each invitee's attendance and report, how each
    family member took part (an exclusion always with its reason, R-CP-4), the decision, the
    category, minutes and outline plan. A decision to make a plan starts it in this same
    transaction (R-CP-2); a review continues the plan (next review in 6 months) or ends it."""
    _lock_person(conference.person)
    current = _locked(Conference, conference, expected_version)
    if current.held:
        raise Refused("This conference's outcome is already recorded", why=Why.STATE)
    held_on = held_on or current.held_on
    category, minutes, outline_plan = _text(category), _text(minutes), _text(outline_plan)
    names = {i.pk: i.name for i in current.invitees.all()}
    marks = _attendance(current, attendance)
    rows = _family_rows(family)
    plan = current.plan
    if decision == ConferenceDecision.PLAN and lead_social_worker is None:
        lead_social_worker = allocated_worker(current.person)
    problems = rules_conferences.outcome_problems(
        kind=current.kind, held_on=held_on, today=timezone.localdate(), decision=decision,
        category=category, minutes=minutes, outline_plan=outline_plan,
        lead_chosen=lead_social_worker is not None,
        attendance={pk: (names[pk], a) for pk, (a, _) in marks.items()},
        plan_start=plan.start_on if plan else None,
        plan_open=plan.end_on is None if plan else None,
        enquiry_started=current.enquiry.started_on if current.enquiry else None)
    problems.update(rules_conferences.family_problems(rows))
    if decision == ConferenceDecision.PLAN and CPPlan.objects.filter(
            person=current.person, end_on__isnull=True).exists():
        problems["decision"] = (f"{current.person.display_name} already has an open child "
                                "protection plan: a child cannot have two open plans")
    refuse_if(problems)
    assert held_on is not None
    for pk, (value, report) in marks.items():
        ConferenceInvitee.objects.filter(pk=pk).update(attendance=value, report_submitted=report)
    ConferenceFamilyMember.objects.bulk_create(
        ConferenceFamilyMember(conference=current,
                               excluded_by=acting_user if r["participation"] in EXCLUDED
                               else None,
                               **{**r, **({} if r["participation"] in EXCLUDED else
                                          {"excluded_from": "", "exclusion_reason": ""})})
        for r in rows)
    current.held_on, current.held, current.decision = held_on, True, decision
    current.category, current.minutes, current.outline_plan = category, minutes, outline_plan
    current.recorded_by, current.recorded_at = acting_user, timezone.now()
    current.version += 1
    current.save()
    audit.record("protection.conference_outcome", user=acting_user, obj=current.person,
                 fields={"conference": current.pk, "kind": current.kind,
                         "held_on": _iso(held_on), "decision": decision, "category": category,
                         "excluded": [r["name"] for r in rows
                                      if r["participation"] in EXCLUDED]})
    chronology.sync(current)
    if decision == ConferenceDecision.PLAN:
        do_create_plan(current, acting_user=acting_user, category=category,
                       lead_social_worker=lead_social_worker)
    elif plan is not None:
        _review_plan(plan, current, acting_user=acting_user)
    return current


def _review_plan(plan: CPPlan, conference: Conference, *, acting_user) -> None:
    """R-CP-2: a review continues the plan (the next review 6 months on, the category changed
    if the conference changed it) or ends it on the conference's date."""
    plan = CPPlan.objects.select_for_update().get(pk=plan.pk)
    changed: dict[str, list[Any]] = {}

    def put(field: str, value: Any) -> None:
        if getattr(plan, field) != value:
            changed[field] = [_iso(getattr(plan, field)), _iso(value)]
            setattr(plan, field, value)

    if conference.decision == ConferenceDecision.CONTINUE:
        put("next_review_due", calendar.rcpc_next_due(conference.held_on).date())
        if conference.category:
            put("latest_category", conference.category)
    else:
        put("end_on", conference.held_on)
        put("end_reason", PlanEndReason.NO_LONGER_AT_RISK)
        put("end_notes", f"Ended by the review conference on {conference.held_on:%-d %B %Y}.")
        plan.ended_by = acting_user
    plan.version += 1
    plan.save()
    audit.record("protection.plan_reviewed", user=acting_user, obj=plan.person,
                 fields={"plan": plan.pk, "conference": conference.pk,
                         "decision": conference.decision, **changed})
    chronology.sync(plan)
    if plan.end_on is not None:
        release_shares(plan)


# --- plans ------------------------------------------------------------------------------------

@transaction.atomic
def do_create_plan(conference: Conference, *, acting_user, category: str,
                   lead_social_worker) -> CPPlan:
    """Start the child's plan from the initial (or ROTH) conference that decided on it,
    on that conference's date, with its category, lead social worker and due dates (R-CP-2).
    Refused without such a conference, or when the child already has an open plan."""
    _lock_person(conference.person)
    conference = Conference.objects.select_related("person").get(pk=conference.pk)
    starts_plan = (conference.held and conference.decision == ConferenceDecision.PLAN
                   and conference.kind in (ConferenceKind.ICPC, ConferenceKind.ROTH))
    icpc_on = conference.held_on if starts_plan else None
    others = CPPlan.objects.filter(person=conference.person, end_on__isnull=True).count()
    problems = rules.plan_problems(icpc_on=icpc_on, start=conference.held_on,
                                   other_open_plans=others)
    if starts_plan and CPPlan.objects.filter(conference=conference).exists():
        problems["conference"] = "This conference has already started a plan"
    if "child" in problems:
        problems["child"] = (f"{conference.person.display_name} already has an open child "
                             "protection plan: a review conference reviews it, or end it "
                             "first")
    if category not in Category.values:
        problems["category"] = "Select the category of abuse for the child protection plan"
    if lead_social_worker is None:
        problems["lead_social_worker"] = "Select the plan's lead social worker"
    elif lead_social_worker.role not in LEAD_ROLES or not lead_social_worker.is_active:
        problems["lead_social_worker"] = ("The lead social worker must be a social worker or "
                                          "team manager who can sign in")
    refuse_if({{"icpc": "conference", "start": "conference"}.get(k, k): v
               for k, v in problems.items()})
    dates = rules.plan_dates(conference.held_on)
    plan = CPPlan.objects.create(
        person=conference.person, conference=conference, start_on=conference.held_on,
        initial_category=category, latest_category=category,
        lead_social_worker=lead_social_worker, first_core_group_due=dates.first_core_group_due,
        next_review_due=dates.first_review_due, created_by=acting_user,
        created_at=timezone.now())
    audit.record("protection.plan_started", user=acting_user, obj=conference.person,
                 fields={"plan": plan.pk, "conference": conference.pk, "category": category,
                         "lead_social_worker": lead_social_worker.pk,
                         "start_on": _iso(plan.start_on),
                         "first_core_group_due": _iso(plan.first_core_group_due),
                         "next_review_due": _iso(plan.next_review_due)})
    chronology.sync(plan)
    PLAN_STARTED.call_all(plan, acting_user=acting_user)
    return plan


@transaction.atomic
def do_end_plan(plan: CPPlan, *, acting_user, expected_version: int, end_on: date | None,
                reason: str, notes: str = "") -> CPPlan:
    """End the plan: not before it started, not in the future, with the reason (R-CP-2). The
    partner agencies of its core group stop seeing the child through it."""
    current = _locked(CPPlan, plan, expected_version)
    notes = _text(notes)
    problems = rules_conferences.end_problems(
        start=current.start_on, end=end_on, today=timezone.localdate(), reason=reason,
        notes=notes, is_open=current.end_on is None)
    refuse_if(problems)
    current.end_on, current.end_reason, current.end_notes = end_on, reason, notes
    current.ended_by = acting_user
    current.version += 1
    current.save(update_fields=["end_on", "end_reason", "end_notes", "ended_by", "version"])
    audit.record("protection.plan_ended", user=acting_user, obj=current.person,
                 fields={"plan": current.pk, "end_on": _iso(end_on), "reason": reason})
    chronology.sync(current)
    release_shares(current)
    return current


# --- core groups ------------------------------------------------------------------------------

@transaction.atomic
def do_add_core_group_member(plan: CPPlan, *, acting_user, name: str = "", agency: str = "",
                             role: str, tasks: str, partner_agency=None, user=None,
                             person=None) -> CoreGroupMember:
    """Add a member to the plan's core group with their agency's role and tasks, in plain
    language (R-CP-3). A partner agency's member shares the child with that agency, so its
    staff can read the core group."""
    plan = CPPlan.objects.select_related("person").get(pk=plan.pk)
    if plan.end_on is not None:
        raise Refused(f"{rules_conferences.PLAN_ENDED}: its core group is closed",
                      why=Why.STATE)
    if partner_agency is None and user is not None and user.agency_id:
        partner_agency = user.agency
    name = _text(name) or (user.display_name if user is not None else "") or (
        person.display_name if person is not None else "")
    agency = _text(agency) or (partner_agency.name if partner_agency is not None else "")
    role, tasks = _text(role), _text(tasks)
    refuse_if(rules_conferences.member_problems(name=name, agency=agency, role=role, tasks=tasks))
    member = CoreGroupMember.objects.create(
        plan=plan, name=name, agency=agency, partner_agency=partner_agency, user=user,
        person=person, role=role, tasks=tasks, added_by=acting_user, added_at=timezone.now())
    audit.record("protection.core_group_member", user=acting_user, obj=plan.person,
                 fields={"plan": plan.pk, "member": member.pk, "agency": agency,
                         "partner_agency": getattr(partner_agency, "pk", None),
                         "role": role})
    if partner_agency is not None:
        share_with(plan, partner_agency, acting_user=acting_user)
    return member


@transaction.atomic
def do_update_core_group_member(member: CoreGroupMember, *, acting_user, expected_version: int,
                                role: str | None = None, tasks: str | None = None,
                                left_on: date | None = None) -> CoreGroupMember:
    """Change a member's role or tasks, or record the date they left the core group."""
    current = _locked(CoreGroupMember, member, expected_version)
    plan = current.plan
    if plan.end_on is not None:
        raise Refused(f"{rules_conferences.PLAN_ENDED}: its core group is closed",
                      why=Why.STATE)
    if current.left_on is not None:
        raise Refused(f"{current.name} has left the core group: add them again if they "
                      "rejoin", why=Why.STATE)
    role = _text(role) if role is not None else current.role
    tasks = _text(tasks) if tasks is not None else current.tasks
    new: dict[str, Any] = {"role": role, "tasks": tasks, "left_on": left_on}
    problems = rules_conferences.member_problems(name=current.name, agency=current.agency,
                                                 role=role, tasks=tasks)
    problems.update(rules_conferences.leaving_problems(left_on=left_on, start=plan.start_on,
                                                       today=timezone.localdate()))
    refuse_if(problems)
    changed = {f: [_iso(getattr(current, f)), _iso(v)] for f, v in new.items()
               if getattr(current, f) != v}
    if not changed:
        return current
    for field, value in new.items():
        setattr(current, field, value)
    current.version += 1
    current.save(update_fields=[*changed, "version"])
    audit.record("protection.core_group_member_change", user=acting_user, obj=plan.person,
                 fields={"plan": plan.pk, "member": current.pk, **changed})
    if left_on is not None and current.partner_agency_id:
        release_shares(plan)
    return current


@transaction.atomic
def do_record_core_group_meeting(plan: CPPlan, *, acting_user, held_on: date | None,
                                 attendees: str, progress: str, actions: str = "",
                                 next_meeting_on: date | None = None) -> CoreGroupMeeting:
    """A core group meeting: who came, progress against the plan, actions, the next date. The
    first is due within 10 working days of the initial conference (R-CP-2)."""
    plan = CPPlan.objects.select_related("person").get(pk=plan.pk)
    attendees, progress, actions = _text(attendees), _text(progress), _text(actions)
    refuse_if(rules_conferences.meeting_problems(
        held_on=held_on, start=plan.start_on, end=plan.end_on, today=timezone.localdate(),
        attendees=attendees, progress=progress, next_meeting_on=next_meeting_on))
    assert held_on is not None
    meeting = CoreGroupMeeting.objects.create(
        plan=plan, held_on=held_on, attendees=attendees, progress=progress, actions=actions,
        next_meeting_on=next_meeting_on, recorded_by=acting_user, recorded_at=timezone.now())
    audit.record("protection.core_group_meeting", user=acting_user, obj=plan.person,
                 fields={"plan": plan.pk, "meeting": meeting.pk, "held_on": _iso(held_on),
                         "first_due": _iso(plan.first_core_group_due)})
    chronology.sync(meeting)
    return meeting


def record_view(person: Person, *, user, what: str) -> None:
    """Reading a conference, a plan or a core group is reading the child's record: audited."""
    audit.record_read(what, user=user, obj=person)
