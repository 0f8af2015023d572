"""Every write to strategy discussions, Section 47 enquiries and their visits: one transaction,
one audit row each, the child's chronology kept in step (R-CP-1, R-TWO-1). An outcome with no
conference is proposed by the worker and takes effect when a team manager authorises it.

Refusals raise ``Refused`` naming the inputs at fault; nothing is written. A stale
outcome raises ``StaleEdit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.models.users import AgencyKind
from hearth.casework.models import InvolvementStatus
from hearth.casework.queries import live_involvement
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why
from hearth.core.versions import check_version
from hearth.people.models import Person
from hearth.protection.codes import S47Outcome, StrategyOrigin, WorkerKind
from hearth.protection.models import (
    S47Visit,
    Section47Enquiry,
    StrategyAction,
    StrategyDiscussion,
)
from hearth.protection.queries import strategy as queries
from hearth.protection.rules import strategy as rules


def _text(value: Any) -> str:
    return str(value or "").strip()


def _agency_kind(row: dict, known: dict[str, str]) -> str:
    """The agency's kind: chosen explicitly (``agency_kind``, or ``police``), else a known
    partner agency's."""
    kind = _text(row.get("agency_kind"))
    if row.get("police"):
        return rules.POLICE
    if kind:
        return kind
    return known.get(" ".join(_text(row.get("agency")).lower().split()), "")


def _origin_problems(person: Person, origin: str, contact, assessment,
                     involvement) -> dict[str, str]:
    if origin not in StrategyOrigin.values:
        return {"origin": "Select what led to the strategy discussion"}
    if origin in (StrategyOrigin.CONTACT, StrategyOrigin.MASH):
        if contact is None or not contact.links.filter(person=person).exists():
            return {"contact": "Choose a contact about this child"}
        if origin == StrategyOrigin.MASH and not queries.has_mash(contact):
            return {"contact": "This contact did not go through the MASH: record the "
                               "discussion as following the contact"}
    if origin == StrategyOrigin.ASSESSMENT and (
            assessment is None or assessment.child_id != person.pk):
        return {"assessment": "Choose an assessment of this child"}
    if origin == StrategyOrigin.OPEN_CASE and (
            involvement is None or involvement.person_id != person.pk
            or involvement.status == InvolvementStatus.CLOSED):
        return {"involvement": "This child has no open case: record the discussion from a "
                               "contact or an assessment"}
    return {}


@transaction.atomic
def do_record_strategy_discussion(
        person: Person, *, acting_user, origin: str, contact=None, assessment=None,
        involvement=None, held_on: date | None, participants: Sequence[dict],
        information_shared: str, decision: str, decision_reasons: str,
        actions: Sequence[dict]) -> StrategyDiscussion:
    """Record a strategy discussion about ``person``: who took part for which agency (the
    police and at least one other), what was shared, the decision and its reasons, and the
    actions agreed, each with its owner. A decision to make Section 47 enquiries (or that
    immediate protection is needed) starts the enquiry, its ICPC due 15 working days after
    the discussion (R-CP-1); refused while the child has an enquiry without an outcome.

    ``participants``: dicts of name, agency, role and optionally agency_kind, police (bool)
    and user. ``actions``: dicts of action, owner, and optionally owner_user and due_on.
    """
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one enquiry at a time
    if origin == StrategyOrigin.OPEN_CASE and involvement is None:
        involvement = live_involvement(person)
    known = queries.agency_kinds()
    people = [rules.Participant(name=_text(p.get("name")), agency=_text(p.get("agency")),
                                agency_kind=_agency_kind(p, known), role=_text(p.get("role")))
              for p in participants]
    lines = []
    for a in actions:
        owner_user = a.get("owner_user")
        owner = _text(a.get("owner")) or (owner_user.display_name if owner_user else "")
        lines.append(rules.ActionLine(action=_text(a.get("action")), owner=owner,
                                      due_on=a.get("due_on")))
    information_shared, decision_reasons = _text(information_shared), _text(decision_reasons)
    current = queries.open_enquiry(person)
    problems = _origin_problems(person, origin, contact, assessment, involvement)
    problems.update(rules.strategy_problems(
        held_on=held_on, today=timezone.localdate(), participants=people,
        information_shared=information_shared, decision=_text(decision),
        decision_reasons=decision_reasons, actions=lines,
        open_enquiry_since=current.started_on if current else None))
    for i, p in enumerate(people):
        if p.agency_kind and p.agency_kind not in AgencyKind.values:
            problems.setdefault(f"participants.{i}.agency_kind",
                                f"Select the kind of agency of participant {i + 1}")
    if problems:
        raise Refused(problems)
    assert held_on is not None
    discussion = StrategyDiscussion.objects.create(
        person=person, origin=origin,
        contact=contact if origin in (StrategyOrigin.CONTACT, StrategyOrigin.MASH) else None,
        assessment=assessment if origin == StrategyOrigin.ASSESSMENT else None,
        involvement=involvement if origin == StrategyOrigin.OPEN_CASE else None,
        held_on=held_on, information_shared=information_shared, decision=decision,
        decision_reasons=decision_reasons, recorded_by=acting_user,
        recorded_at=timezone.now())
    for raw, p in zip(participants, people, strict=True):
        discussion.participants.create(name=p.name, agency=p.agency,
                                       agency_kind=p.agency_kind, role=p.role,
                                       user=raw.get("user"))
    for raw, line in zip(actions, lines, strict=True):
        discussion.actions.create(action=line.action, owner=line.owner,
                                  owner_user=raw.get("owner_user"), due_on=line.due_on)
    audit.record("protection.strategy_discussion", user=acting_user, obj=person,
                 fields={"discussion": discussion.pk, "origin": origin,
                         "held_on": held_on.isoformat(), "decision": decision,
                         "agencies": sorted({p.agency for p in people}),
                         "actions": len(lines)})
    chronology.sync(discussion)
    if decision in rules.STARTS_ENQUIRY:
        joint = rules.enquiry_joint(decision, police_took_part=any(p.is_police for p in people))
        enquiry = Section47Enquiry.objects.create(
            strategy=discussion, person=person, joint=joint, started_on=held_on,
            icpc_due=rules.icpc_due_from(held_on))
        audit.record("protection.s47_start", user=acting_user, obj=person,
                      fields={"enquiry": enquiry.pk, "discussion": discussion.pk,
                              "joint": joint, "icpc_due": enquiry.icpc_due.isoformat()})
    return discussion


@transaction.atomic
def do_complete_strategy_action(action: StrategyAction, *, acting_user,
                                done_on: date | None = None) -> StrategyAction:
    """Mark an action agreed at a strategy discussion done (today unless ``done_on``)."""
    current = (StrategyAction.objects.select_for_update().select_related("discussion")
               .get(pk=action.pk))
    today = timezone.localdate()
    done_on = done_on or today
    if current.done_on is not None:
        raise Refused(f"This action was already marked done on {current.done_on:%-d %B %Y}",
                      field="done_on")
    if done_on > today:
        raise Refused("The date it was done cannot be in the future", field="done_on")
    if done_on < current.discussion.held_on:
        raise Refused("An action cannot be done before the strategy discussion agreed it",
                      field="done_on")
    current.done_on = done_on
    current.save(update_fields=["done_on"])
    audit.record("protection.strategy_action_done", user=acting_user,
                 obj=current.discussion.person,
                 fields={"discussion": current.discussion_id, "action": current.pk,
                         "done_on": done_on.isoformat()})
    return current


def _worker_user_problems(workers: Sequence[dict]) -> dict[str, str]:
    """A colleague chosen as a worker must be the kind of worker recorded."""
    problems: dict[str, str] = {}
    for i, w in enumerate(workers):
        user, kind = w.get("user"), w.get("kind")
        if user is None:
            continue
        if kind == WorkerKind.SOCIAL_WORKER and user.role not in queries.SOCIAL_WORK_ROLES:
            problems[f"workers.{i}.user"] = (f"{user.display_name} is not a social worker: "
                                             f"choose another kind of worker for worker {i + 1}")
        elif kind == WorkerKind.POLICE and not (
                user.agency_id and user.agency.kind == AgencyKind.POLICE):
            problems[f"workers.{i}.user"] = (f"{user.display_name} is not a police officer: "
                                             f"choose another kind of worker for worker {i + 1}")
    return problems


def worker_line(row: dict) -> rules.Worker:
    """One worker row (``kind``, and a colleague ``user`` or a ``name`` and ``agency``) as
    the rules see it: qualified when a colleague in a social work role is recorded as the
    social worker (R-TWO-1)."""
    user, kind = row.get("user"), _text(row.get("kind"))
    return rules.Worker(
        kind=kind, name=_text(row.get("name")) or (user.display_name if user else ""),
        user_id=user.pk if user is not None else None,
        agency=_text(row.get("agency")) or (
            user.agency.name if user is not None and user.agency_id else ""),
        qualified=(user is not None and kind == WorkerKind.SOCIAL_WORKER
                   and user.role in queries.SOCIAL_WORK_ROLES))


@transaction.atomic
def do_record_s47_visit(enquiry: Section47Enquiry, *, acting_user, visited_at: datetime | None,
                        place: str, child_seen: bool | None, child_seen_alone: bool | None,
                        notes: str, workers: Sequence[dict],
                        police_could_not_attend: bool = False,
                        police_absence_reason: str = "") -> S47Visit:
    """Record a visit made for a Section 47 enquiry, always by two workers (R-TWO-1): on a joint
    enquiry a police officer and a social worker; if the police could not attend (say why), or
    the enquiry is single-agency, two children's social care workers, or a social care worker
    and another professional who knows the family. One of the two is always a qualified social
    worker: a colleague in a social work role, recorded as the social worker. Each worker is
    a colleague (``user``) or named (``name``, ``agency``), with their ``kind``. A visit is
    part of the enquiry: not before the strategy discussion, not after the outcome."""
    current = Section47Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    place, notes = _text(place), _text(notes)
    police_absence_reason = _text(police_absence_reason)
    police_could_not_attend = bool(police_could_not_attend)
    named = [worker_line(w) for w in workers]
    problems = rules.visit_problems(
        visited_at=visited_at, now=timezone.now(), started_on=current.started_on,
        outcome_on=current.outcome_on, place=place, child_seen=child_seen,
        child_seen_alone=child_seen_alone, notes=notes, workers=named, joint=current.joint,
        police_could_not_attend=police_could_not_attend,
        police_absence_reason=police_absence_reason)
    for field, message in _worker_user_problems(workers).items():
        problems.setdefault(field, message)
    if problems:
        raise Refused(problems)
    assert visited_at is not None
    visit = S47Visit.objects.create(
        enquiry=current, visited_at=visited_at, place=place, child_seen=bool(child_seen),
        child_seen_alone=bool(child_seen_alone), notes=notes,
        police_could_not_attend=police_could_not_attend,
        police_absence_reason=police_absence_reason if police_could_not_attend else "",
        recorded_by=acting_user, recorded_at=timezone.now())
    for raw, worker in zip(workers, named, strict=True):
        visit.workers.create(kind=worker.kind, user=raw.get("user"), name=worker.name,
                             agency=worker.agency)
    audit.record("protection.s47_visit", user=acting_user, obj=current.person,
                 fields={"enquiry": current.pk, "visit": visit.pk,
                         "visited_at": visited_at.isoformat(),
                         "workers": [[w.kind, w.user_id or w.name] for w in named],
                         "police_could_not_attend": police_could_not_attend,
                         "child_seen": visit.child_seen,
                         "child_seen_alone": visit.child_seen_alone})
    chronology.sync(visit)
    return visit


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def do_record_s47_outcome(enquiry: Section47Enquiry, *, acting_user, expected_version: int,
                          outcome: str, reasons: str,
                          outcome_on: date | None) -> Section47Enquiry:
    """Record (or correct) the outcome of a Section 47 enquiry: concerns substantiated and an
    ICPC needed; not substantiated; or substantiated with no ICPC needed — the last two with
    their reasons. "ICPC needed" takes effect at once (withdrawing any proposal waiting). The
    other two are proposed: they take effect only when a team manager of the team holding the
    case authorises them (``do_decide_s47_outcome``), and until then the ICPC stays due and
    the enquiry open (R-CP-1). Refused once an ICPC has been arranged from an "ICPC needed"
    outcome and the outcome would change. ``StaleEdit`` when someone saved it meanwhile."""
    current = Section47Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    check_version(current, expected_version, "enquiry")
    outcome, reasons = _text(outcome), _text(reasons)
    problems = rules.outcome_problems(outcome=outcome, reasons=reasons, outcome_on=outcome_on,
                                      started_on=current.started_on,
                                      today=timezone.localdate())
    if (not problems and current.outcome == S47Outcome.SUBSTANTIATED_ICPC
            and outcome != current.outcome and current.conferences.exists()):
        problems["outcome"] = ("An initial conference has been arranged following this "
                               "enquiry: the outcome can no longer change")
    if problems:
        raise Refused(problems)
    assert outcome_on is not None
    after = {"outcome": outcome, "outcome_reasons": reasons, "outcome_on": outcome_on.isoformat()}
    in_effect = {"outcome": current.outcome, "outcome_reasons": current.outcome_reasons,
                 "outcome_on": _date(current.outcome_on)}
    proposed = {"outcome": current.proposed_outcome,
                "outcome_reasons": current.proposed_reasons,
                "outcome_on": _date(current.proposed_on)}
    if rules.needs_authorisation(outcome):
        if (after == in_effect and not current.proposed_outcome) or (
                after == proposed and current.awaiting_authorisation):
            return current
        current.proposed_outcome, current.proposed_reasons = outcome, reasons
        current.proposed_on, current.proposed_by = outcome_on, acting_user
        current.proposed_at = timezone.now()
        current.returned_reason, current.returned_by, current.returned_at = "", None, None
        current.version += 1
        current.save(update_fields=[*PROPOSAL_FIELDS, "version"])
        audit.record("protection.s47_outcome_proposed", user=acting_user, obj=current.person,
                     fields={"enquiry": current.pk, **after,
                             "in_effect": current.outcome or None})
        return current
    withdrawn = current.proposed_outcome
    if after == in_effect and not withdrawn:
        return current
    current.outcome, current.outcome_reasons, current.outcome_on = outcome, reasons, outcome_on
    current.outcome_by = acting_user
    current.outcome_authorised_by = current.outcome_authorised_at = None
    _clear_proposal(current)
    current.version += 1
    current.save(update_fields=["outcome", "outcome_reasons", "outcome_on", "outcome_by",
                                "outcome_authorised_by", "outcome_authorised_at",
                                *PROPOSAL_FIELDS, "version"])
    audit.record("protection.s47_outcome", user=acting_user, obj=current.person,
                 fields={"enquiry": current.pk,
                         **{k: [in_effect[k], after[k]] for k in after
                            if in_effect[k] != after[k]},
                         **({"proposal_withdrawn": withdrawn} if withdrawn else {})})
    chronology.sync(current)
    return current


PROPOSAL_FIELDS = ("proposed_outcome", "proposed_reasons", "proposed_on", "proposed_by",
                   "proposed_at", "returned_reason", "returned_by", "returned_at")


def _clear_proposal(enquiry: Section47Enquiry) -> None:
    enquiry.proposed_outcome = enquiry.proposed_reasons = enquiry.returned_reason = ""
    enquiry.proposed_on = enquiry.proposed_by = enquiry.proposed_at = None
    enquiry.returned_by = enquiry.returned_at = None


@transaction.atomic
def do_decide_s47_outcome(enquiry: Section47Enquiry, *, acting_user, expected_version: int,
                          decision: str, reason: str = "") -> Section47Enquiry:
    """A team manager authorises the outcome proposed for a Section 47 enquiry, or returns it
    to the worker with the reason (R-CP-1). Authorised, it takes effect: no ICPC is due, the
    chronology has the outcome and the enquiry closes. Refused (forbidden)
    for anyone but a team manager of a team holding the case, and for the proposer;
    refused (state) when no outcome is waiting; ``StaleEdit`` when the enquiry changed
    meanwhile. Nothing is written when refused."""
    current = (Section47Enquiry.objects.select_for_update().select_related("person")
               .get(pk=enquiry.pk))
    check_version(current, expected_version, "enquiry")
    if not current.awaiting_authorisation:
        raise Refused("No outcome of this enquiry is waiting for authorisation",
                      why=Why.STATE)
    refusal = queries.authorise_refusal(acting_user, current)
    if refusal:
        raise Refused(refusal, why=Why.FORBIDDEN)
    decision, reason = _text(decision), _text(reason)
    problems = rules.decision_on_outcome_problems(decision=decision, reason=reason)
    if (not problems and decision == rules.AUTHORISE
            and current.outcome == S47Outcome.SUBSTANTIATED_ICPC
            and current.conferences.exists()):
        problems["decision"] = ("An initial conference has been arranged following this "
                                "enquiry: the outcome can no longer change. Return the "
                                "proposal to the worker")
    if problems:
        raise Refused(problems)
    now = timezone.now()
    proposal = {"enquiry": current.pk, "outcome": current.proposed_outcome,
                "outcome_on": _date(current.proposed_on), "proposed_by": current.proposed_by_id}
    if decision == rules.RETURN:
        current.returned_reason, current.returned_by, current.returned_at = (
            reason, acting_user, now)
        current.version += 1
        current.save(update_fields=["returned_reason", "returned_by", "returned_at",
                                    "version"])
        audit.record("protection.s47_outcome_returned", user=acting_user, obj=current.person,
                     fields={**proposal, "reason": reason})
        return current
    before = current.outcome
    current.outcome, current.outcome_reasons = current.proposed_outcome, current.proposed_reasons
    current.outcome_on, current.outcome_by = current.proposed_on, current.proposed_by
    current.outcome_authorised_by, current.outcome_authorised_at = acting_user, now
    _clear_proposal(current)
    current.version += 1
    current.save(update_fields=["outcome", "outcome_reasons", "outcome_on", "outcome_by",
                                "outcome_authorised_by", "outcome_authorised_at",
                                *PROPOSAL_FIELDS, "version"])
    audit.record("protection.s47_outcome_authorised", user=acting_user, obj=current.person,
                 fields={**proposal, "in_effect_before": before or None})
    chronology.sync(current)
    return current


def record_view(person: Person, *, user, what: str) -> None:
    """Reading a child's child protection records is reading their record: audited."""
    audit.record_read(what, user=user, obj=person)
