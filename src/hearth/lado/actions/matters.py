"""Writes that move a LADO matter on (R-LADO-1..4), each in one transaction with its audit row
(how a matter starts is in ``notifications``):

- ``do_record_criteria``: which of the four criteria are met (R-LADO-1); none is a low-level
  concern, closed by the LADO with the advice given;
- ``do_respond``: the LADO's response (R-LADO-2);
- ``do_record_employer_actions``, ``do_record_outcome``, ``do_record_referrals``: the
  employer's actions, police and children's social care, the outcome and the referrals to the
  DBS and a regulator (R-LADO-4);
- ``do_close``: only with an outcome (and the DBS referral where the person was dismissed).

The audit rows are about the matter (``lado.matter``), never on a child's record: a child's
access log, which the child's managers read, says nothing of the LADO (R-LADO-3).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.codes import Role
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.lado.codes import CRITERION_FIELDS, MatterStatus
from hearth.lado.models import Matter
from hearth.lado.queries.children import linked_ids
from hearth.lado.rules import matters as rules

WHAT = "LADO matter"


def audit_matter(action: str, matter: Matter, user, **fields) -> None:
    audit.record(action, user=user, obj=matter, fields={"matter": matter.reference, **fields})


def manager_only(acting_user) -> None:
    if not acting_user.has_hearth_permission("lado.manage"):
        raise Refused("Only a LADO officer records this.", why=Why.FORBIDDEN)


def sync_markers(matter: Matter) -> None:
    """Each linked child's chronology marker says which LADO to contact (R-LADO-3)."""
    for child in matter.children.filter(person__isnull=False).select_related(
            "matter__lado_officer"):
        chronology.sync(child)


def take(matter: Matter, acting_user) -> bool:
    """The first LADO officer to act on a matter takes it (the name a child's record gives)."""
    if matter.lado_officer_id is None and acting_user.role == Role.LADO:
        matter.lado_officer = acting_user
        return True
    return False


def lock(matter: Matter, acting_user, expected_version: int | None) -> Matter:
    """The matter, locked, at the version the change was made from, and still open."""
    manager_only(acting_user)
    current = (Matter.objects.select_for_update(of=("self",)).select_related("lado_officer")
               .get(pk=matter.pk))
    check_version(current, expected_version, WHAT)
    problem = rules.state_problem(current.status)
    if problem:
        raise Refused(problem, why=Why.STATE)
    return current


def save(current: Matter, names: list[str], acting_user) -> Matter:
    """Save ``names`` with the version moved on; the LADO who acted takes an untaken matter."""
    took = take(current, acting_user)
    current.version += 1
    current.save(update_fields=[*names, "version", *(["lado_officer"] if took else [])])
    if took:
        sync_markers(current)
    return current


@transaction.atomic
def do_record_criteria(matter: Matter, *, acting_user, expected_version: int | None,
                       criteria: Sequence[str], advice: str = "") -> Matter:
    """R-LADO-1: which criteria are met. None met: a low-level concern, closed by the LADO
    with the advice recorded (which is also the LADO's response, if none was given yet)."""
    current = lock(matter, acting_user, expected_version)
    chosen = list(dict.fromkeys(criteria))
    refuse_if(rules.criteria_problems(chosen, advice))
    now = timezone.now()
    for code, name in CRITERION_FIELDS.items():
        setattr(current, name, code in chosen)
    current.criteria_decided_at, current.criteria_decided_by = now, acting_user
    current.advice = (advice or "").strip()
    names = [*CRITERION_FIELDS.values(), "criteria_decided_at", "criteria_decided_by", "advice",
             "status"]
    if rules.is_low_level(chosen):
        current.status = MatterStatus.LOW_LEVEL
        current.closed_at, current.closed_by = now, acting_user
        names += ["closed_at", "closed_by"]
        if current.responded_at is None:
            current.responded_at, current.responded_by = now, acting_user
            current.response = current.advice
            names += ["responded_at", "responded_by", "response"]
    else:
        current.status = MatterStatus.OPEN
    save(current, names, acting_user)
    audit_matter("lado.criteria", current, acting_user, criteria=chosen,
                 low_level=rules.is_low_level(chosen))
    return current


@transaction.atomic
def do_respond(matter: Matter, *, acting_user, expected_version: int | None,
               responded_at: datetime | None, response: str) -> Matter:
    """R-LADO-2: the LADO's response to the notification (once)."""
    current = lock(matter, acting_user, expected_version)
    if current.responded_at is not None:
        raise Refused("The response was recorded already, on "
                      f"{timezone.localtime(current.responded_at):%-d %B %Y at %H:%M}.",
                      why=Why.STATE)
    refuse_if(rules.response_problems(responded_at=responded_at, response=response,
                                      notified_at=current.notified_at, now=timezone.now()))
    current.responded_at, current.responded_by = responded_at, acting_user
    current.response = response.strip()
    save(current, ["responded_at", "responded_by", "response"], acting_user)
    assert responded_at is not None
    audit_matter("lado.responded", current, acting_user, responded_at=responded_at.isoformat(),
                 within_time=responded_at <= current.response_due)
    return current


EMPLOYER_CODES = ("suspension", "investigation", "disciplinary", "police", "social_care")
EMPLOYER_NOTES = ("employer_notes", "agencies_notes")


@transaction.atomic
def do_record_employer_actions(matter: Matter, *, acting_user, expected_version: int | None,
                               suspension_considered: bool | None, **answers: str) -> Matter:
    """R-LADO-4: the employer's actions (suspension considered and the decision,
    investigation, disciplinary), and the police's and children's social care's involvement.
    ``answers``: the codes of ``EMPLOYER_CODES`` and the notes of ``EMPLOYER_NOTES``."""
    unknown = set(answers) - set(EMPLOYER_CODES) - set(EMPLOYER_NOTES)
    if unknown:
        raise ValueError(f"unknown answer(s): {', '.join(sorted(unknown))}")
    current = lock(matter, acting_user, expected_version)
    codes = {k: (answers.get(k) or "") for k in EMPLOYER_CODES}
    notes = {k: (answers.get(k) or "").strip() for k in EMPLOYER_NOTES}
    refuse_if(rules.employer_problems(suspension_considered=suspension_considered,
                                      notes=notes, **codes))
    current.suspension_considered = suspension_considered
    for name, value in {**codes, **notes}.items():
        setattr(current, name, value)
    save(current, ["suspension_considered", *codes, *notes], acting_user)
    audit_matter("lado.employer_actions", current, acting_user,
                 suspension_considered=suspension_considered, **codes)
    return current


def _criteria_first(current: Matter) -> None:
    if current.status == MatterStatus.NEW:
        raise Refused(rules.CRITERIA_FIRST, why=Why.STATE)


@transaction.atomic
def do_record_outcome(matter: Matter, *, acting_user, expected_version: int | None,
                      outcome: str, outcome_on: date | None, outcome_notes: str = "") -> Matter:
    """R-LADO-4: the outcome and its date (not before the LADO was told, not in the
    future), once the criteria are met."""
    current = lock(matter, acting_user, expected_version)
    _criteria_first(current)
    refuse_if(rules.outcome_problems(
        outcome=outcome, outcome_on=outcome_on, notes=outcome_notes,
        notified_on=timezone.localtime(current.notified_at).date(),
        today=timezone.localdate()))
    current.outcome, current.outcome_on = outcome, outcome_on
    current.outcome_notes = (outcome_notes or "").strip()
    save(current, ["outcome", "outcome_on", "outcome_notes"], acting_user)
    assert outcome_on is not None
    audit_matter("lado.outcome", current, acting_user, outcome=outcome,
                 outcome_on=outcome_on.isoformat())
    return current


@transaction.atomic
def do_record_referrals(matter: Matter, *, acting_user, expected_version: int | None,
                        dbs_referred_on: date | None, regulator: str = "",
                        regulator_referred_on: date | None = None) -> Matter:
    """R-LADO-4: the referral to the Disclosure and Barring Service and to a regulator, each
    with its date."""
    current = lock(matter, acting_user, expected_version)
    _criteria_first(current)
    refuse_if(rules.referral_problems(
        dbs_referred_on=dbs_referred_on, regulator=regulator,
        regulator_referred_on=regulator_referred_on,
        notified_on=timezone.localtime(current.notified_at).date(),
        today=timezone.localdate()))
    current.dbs_referred_on = dbs_referred_on
    current.regulator = (regulator or "").strip()
    current.regulator_referred_on = regulator_referred_on
    save(current, ["dbs_referred_on", "regulator", "regulator_referred_on"], acting_user)
    audit_matter("lado.referrals", current, acting_user,
                 dbs_referred_on=dbs_referred_on.isoformat() if dbs_referred_on else None,
                 regulator=current.regulator,
                 regulator_referred_on=(regulator_referred_on.isoformat()
                                        if regulator_referred_on else None))
    return current


@transaction.atomic
def do_close(matter: Matter, *, acting_user, expected_version: int | None) -> Matter:
    """Close a matter: only with its outcome, and with the referral to the DBS recorded
    where the person was dismissed or left when they would have been (R-LADO-4)."""
    manager_only(acting_user)
    current = (Matter.objects.select_for_update(of=("self",)).select_related("lado_officer")
               .get(pk=matter.pk))
    check_version(current, expected_version, WHAT)
    problems, state = rules.close_problems(status=current.status, outcome=current.outcome,
                                           disciplinary=current.disciplinary,
                                           dbs_referred_on=current.dbs_referred_on)
    refuse_if(problems, why=Why.STATE if state else None)
    current.status = MatterStatus.CLOSED
    current.closed_at, current.closed_by = timezone.now(), acting_user
    save(current, ["status", "closed_at", "closed_by"], acting_user)
    audit_matter("lado.closed", current, acting_user, outcome=current.outcome)
    return current


def record_view(matter: Matter, *, user, what: str = "view_lado_matter") -> None:
    """Reading a matter is audited like reading a person's record (practice 6): one read row
    on the matter naming the children's records it shows, kept off the children's own access
    logs (R-LADO-3)."""
    audit.record_read(what, user=user, obj=matter,
                      fields={"matter": matter.reference, "people": linked_ids(matter)})
