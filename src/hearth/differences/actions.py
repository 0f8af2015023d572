"""Every write to a professional difference (R-PD-1..3): one transaction, one audit row each
(practice 1), the child's chronology kept in step (raised, each escalation, resolved), and
nothing written when it is refused (``Refused`` naming the field).

- ``do_raise_difference``: any practitioner who may see the child raises one; its stage 1
  starts at once, led by them;
- ``do_record_stage_outcome``: who took part, with whom, when, what was discussed, resolved
  or not (recorded again, it is corrected; the audit keeps both);
- ``do_escalate_difference``: the next stage starts, led by whoever is chosen; only once the
  current stage's outcome is recorded and did not resolve it;
- ``do_resolve_difference``: what was agreed and who tells the child's allocated worker;
- ``do_record_worker_told``: the allocated worker was told, which ends what the child's
  record and the worker's list show.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.models import Agency, User
from hearth.chronology.actions import sync
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.differences import rules
from hearth.differences.codes import FIRST_STAGE, AgencyKind, StageNumber, Status
from hearth.differences.models import Difference, Stage
from hearth.differences.queries import differences as queries
from hearth.people.models import Person

CANNOT_SEE_CHILD = "You cannot see this child's record."
NOT_YOURS = ("Only whoever raised this difference, whoever leads its current stage, or a "
             "manager can change it.")
NOT_YOURS_TO_RECORD = ("Only the person named to tell the allocated worker, the worker, or a "
                       "manager can record that the worker was told.")
CANNOT_SEE = "{name} cannot see this professional difference: choose someone who works with " \
             "the child"


def _audit(action: str, difference: Difference, user, **fields) -> None:
    audit.record(action, user=user, obj=difference.person,
                 fields={"difference": difference.pk, **fields})


def _link(difference: Difference) -> str:
    return reverse("differences:difference", args=[difference.pk])


def _tell(users, difference: Difference, headline: str, body: str) -> None:
    """A notification; its e-mail keeps only the words before " on " (never the child)."""
    notify(users, subject=f"{headline} on {difference.person.display_name}'s case", body=body,
           link=_link(difference), people=[difference.person_id])


def _day(moment) -> date:
    return timezone.localtime(moment, calendar.LONDON).date()


def raiser_side(user: User) -> tuple[Agency | None, str, str]:
    """The raiser's agency: a partner's own (R-MASH-1), else children's social care (with the
    team): (the partner agency, its kind, the name shown)."""
    agency, team = user.agency, user.team
    if agency is not None:
        kind = agency.kind if agency.kind in AgencyKind.values else AgencyKind.OTHER
        return agency, kind, agency.name
    where = f" ({team.name})" if team is not None else ""
    return None, AgencyKind.SOCIAL_CARE, f"{AgencyKind.SOCIAL_CARE.label}{where}"


def _clean(text: str) -> str:
    return (text or "").strip()


@transaction.atomic
def do_raise_difference(person: Person, *, acting_user: User, decision: str, decision_by: str,
                        decision_agency: str, why: str, raised_before: str,
                        raised_before_note: str = "",
                        decision_partner: Agency | None = None) -> Difference:
    """R-PD-2: raise a difference about a decision or practice for a named child the raiser
    may see. Refused (nothing written) naming the field: a missing decision, who made it, the
    agency, why they disagree, where it was raised first (or why the timescale did not allow
    it); someone who is not a child; a partner agency of another kind."""
    if not queries.sees_child(acting_user, person):
        raise Refused(CANNOT_SEE_CHILD, "person", why=Why.FORBIDDEN)
    today = timezone.localdate()
    problem = rules.child_problem(name=person.display_name, born=person.date_of_birth,
                                  today=today)
    if problem:
        raise Refused(problem, "person")
    refuse_if(rules.raise_problems(decision=decision, decision_by=decision_by,
                                   decision_agency=decision_agency, why=why,
                                   raised_before=raised_before,
                                   raised_before_note=raised_before_note))
    if decision_partner is not None and decision_partner.kind != decision_agency:
        raise Refused(f"{decision_partner.name} is not a {AgencyKind(decision_agency).label} "
                      "agency: choose the agency again", "decision_partner")
    partner, kind, name = raiser_side(acting_user)
    now = timezone.now()
    difference = Difference.objects.create(
        person=person, raised_by=acting_user, raised_at=now, raiser_role=acting_user.role,
        raiser_partner=partner, raiser_agency=kind, raiser_agency_name=name,
        decision=_clean(decision), decision_by=_clean(decision_by),
        decision_agency=decision_agency, decision_partner=decision_partner, why=_clean(why),
        raised_before=raised_before, raised_before_note=_clean(raised_before_note))
    stage = Stage.objects.create(difference=difference, number=FIRST_STAGE, started_at=now,
                                 started_by=acting_user, due_at=rules.stage_due(today),
                                 owner=acting_user)
    difference.current_stage = stage
    difference.save(update_fields=["current_stage"])
    _audit("raised_a_professional_difference", difference, acting_user,
           decision_agency=decision_agency, raised_before=raised_before, stage=stage.number)
    sync(difference)
    return difference


def _changing(difference: Difference, acting_user: User,
              expected_version: int | None) -> Difference:
    """The difference locked, at the version the change was made from, open, and the user's
    to change (``rules.may_act``)."""
    current = queries.locked(difference)
    check_version(current, expected_version, "professional difference")
    if current.status != Status.OPEN:
        raise Refused(rules.NOT_OPEN, why=Why.STATE)
    stage = current.current_stage
    if not rules.may_act(acting_user.pk, raiser_id=current.raised_by_id,
                         owner_id=stage.owner_id if stage else None,
                         manager=queries.manages(acting_user)):
        raise Refused(NOT_YOURS, why=Why.FORBIDDEN)
    return current


def _saved(current: Difference, *fields: str) -> None:
    current.version += 1
    current.save(update_fields=[*fields, "version"])


@transaction.atomic
def do_record_stage_outcome(difference: Difference, *, acting_user: User,
                            expected_version: int | None, held_on: date | None, who: str,
                            with_whom: str, discussed: str, resolved: bool | None,
                            chaired_by: str = "") -> Difference:
    """R-PD-2: the current stage's outcome: who took part, with whom, when, what was
    discussed and whether it resolved the difference (stage 5: who chaired the safeguarding
    partnership's resolution meeting). Recorded again, it is corrected."""
    current = _changing(difference, acting_user, expected_version)
    stage = current.current_stage
    assert stage is not None  # every difference starts at stage 1
    refuse_if(rules.outcome_problems(
        number=stage.number, started_on=_day(stage.started_at), held_on=held_on, who=who,
        with_whom=with_whom, discussed=discussed, resolved=resolved, chaired_by=chaired_by,
        today=timezone.localdate()))
    assert held_on is not None and resolved is not None  # checked by the rules above
    corrected = stage.outcome_recorded
    stage.held_on, stage.who, stage.with_whom = held_on, _clean(who), _clean(with_whom)
    stage.discussed, stage.resolved = _clean(discussed), resolved
    stage.chaired_by = _clean(chaired_by) if stage.number == StageNumber.PARTNERSHIP else ""
    stage.outcome_by, stage.outcome_at = acting_user, timezone.now()
    stage.save()
    _saved(current)
    _audit("recorded_a_difference_stage_outcome", current, acting_user, stage=stage.number,
           held_on=held_on.isoformat(), resolved=resolved, corrected=corrected)
    return current


@transaction.atomic
def do_escalate_difference(difference: Difference, *, acting_user: User,
                           expected_version: int | None, owner: User | None = None) -> Difference:
    """R-PD-1/R-PD-2: start the next stage, due two working days from today, led by ``owner``
    (else the user), who must be able to see the difference. Refused unless the current
    stage's outcome is recorded and did not resolve it (naming ``outcome``); stage 5 is the
    last."""
    current = _changing(difference, acting_user, expected_version)
    stage = current.current_stage
    assert stage is not None
    problem = rules.escalate_problem(number=stage.number, resolved=stage.resolved)
    if problem:
        raise Refused({problem[0]: problem[1]}, why=Why.STATE)
    owner = owner or acting_user
    if owner.pk != acting_user.pk and not queries.sees_difference(owner, current):
        raise Refused(CANNOT_SEE.format(name=owner.display_name), "owner")
    now = timezone.now()
    following = Stage.objects.create(difference=current, number=stage.number + 1,
                                     started_at=now, started_by=acting_user, owner=owner,
                                     due_at=rules.stage_due(timezone.localdate()))
    current.current_stage = following
    _saved(current, "current_stage")
    _audit("escalated_a_professional_difference", current, acting_user, stage=following.number,
           owner=owner.username)
    sync(current)
    if owner.pk != acting_user.pk:
        _tell([owner], current, f"You lead stage {following.number} of a professional "
              "difference", f"{acting_user.display_name} escalated it to stage "
              f"{following.number} ({rules.stage_name(following.number).lower()}): due "
              f"{timezone.localtime(following.due_at):%-d %B %Y}.")
    return current


@transaction.atomic
def do_resolve_difference(difference: Difference, *, acting_user: User,
                          expected_version: int | None, agreed: str,
                          teller: User | None) -> Difference:
    """R-PD-2: the difference is resolved at its current stage (whose outcome must say so):
    what was agreed, and who tells the child's allocated worker. Until they are told, the
    child's record and the worker's list show it (``do_record_worker_told``); when the worker
    is the one named to tell, they were there and are told now."""
    current = _changing(difference, acting_user, expected_version)
    stage = current.current_stage
    assert stage is not None
    state, given = rules.resolve_problems(number=stage.number, resolved=stage.resolved,
                                          agreed=agreed, teller_chosen=teller is not None)
    refuse_if(state, why=Why.STATE)
    refuse_if(given)
    assert teller is not None
    if teller.pk != acting_user.pk and not queries.sees_difference(teller, current):
        raise Refused(CANNOT_SEE.format(name=teller.display_name), "teller")
    now, today = timezone.now(), timezone.localdate()
    worker = queries.allocated_worker(current.person)
    current.status, current.agreed = Status.RESOLVED, _clean(agreed)
    current.resolved_at, current.resolved_by = now, acting_user
    current.working_days_to_resolve = rules.working_days_to_resolve(_day(current.raised_at),
                                                                    today)
    current.worker, current.teller = worker, teller
    if worker is not None and worker.pk == teller.pk:
        current.worker_told_on, current.worker_told_recorded_by = today, acting_user
    _saved(current, "status", "agreed", "resolved_at", "resolved_by",
           "working_days_to_resolve", "worker", "teller", "worker_told_on",
           "worker_told_recorded_by")
    _audit("resolved_a_professional_difference", current, acting_user, stage=stage.number,
           teller=teller.username, worker=worker.username if worker else None,
           working_days=current.working_days_to_resolve)
    sync(current)
    if current.awaiting_worker and teller.pk != acting_user.pk:
        assert worker is not None
        _tell([teller], current, "Tell the allocated worker what was agreed",
              f"{acting_user.display_name} recorded the resolution of a professional "
              f"difference at stage {stage.number}: you are to tell {worker.display_name}.")
    return current


@transaction.atomic
def do_record_worker_told(difference: Difference, *, acting_user: User,
                          expected_version: int | None, told_on: date | None) -> Difference:
    """R-PD-2: the child's allocated worker was told what was agreed, on ``told_on``."""
    current = queries.locked(difference)
    check_version(current, expected_version, "professional difference")
    if not current.awaiting_worker:
        raise Refused(rules.NOT_AWAITING, why=Why.STATE)
    if not rules.may_record_told(acting_user.pk, teller_id=current.teller_id,
                                 worker_id=current.worker_id,
                                 manager=queries.manages(acting_user)):
        raise Refused(NOT_YOURS_TO_RECORD, why=Why.FORBIDDEN)
    assert current.resolved_at is not None
    refuse_if(rules.told_problems(told_on=told_on, resolved_on=_day(current.resolved_at),
                                  today=timezone.localdate()))
    assert told_on is not None
    current.worker_told_on, current.worker_told_recorded_by = told_on, acting_user
    _saved(current, "worker_told_on", "worker_told_recorded_by")
    _audit("recorded_that_the_worker_was_told", current, acting_user, told_on=told_on.isoformat())
    return current


def record_view(difference: Difference, *, user,
                what: str = "read_a_professional_difference") -> None:
    """Reading a difference is reading the child's record: audited (practice 6)."""
    audit.record_read(what, user=user, obj=difference.person,
                      fields={"difference": difference.pk})
