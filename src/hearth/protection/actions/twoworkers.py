"""Every write for two workers: the team manager's decision (R-TWO-3) and a worker's record
that a family has complex needs (one of the R-TWO-2 criteria). One transaction and one audit
row each; a refusal raises ``Refused`` and writes nothing."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.refusals import Refused, Why
from hearth.people.models import Person
from hearth.protection.models import ComplexNeeds, TwoWorkerDecision
from hearth.protection.queries import twoworkers as queries
from hearth.protection.rules import twoworkers as rules


def _refusal_for(teams) -> str:
    names = " or ".join(t.name for t in teams)
    if not teams:
        return ("No team has an open involvement with this family's children: the decision "
                "on two workers is recorded by the team manager of the team that allocates "
                "the work")
    return (f"Only the team manager of {names} can record the decision on two workers for "
            "this family")


@transaction.atomic
def do_record_two_worker_decision(person: Person, *, acting_user, two_workers: bool | None,
                                  reasons: str, decided_on: date | None) -> TwoWorkerDecision:
    """The team manager records whether two workers are allocated to the person's family, and
    why (R-TWO-3). The decision names every child of the family, so that it covers the
    family whichever child's record it is read from, and keeps the criteria met (R-TWO-2) as
    they stood. Refused (forbidden) for anyone but the team manager of a team
    with an open involvement for one of the children."""
    status = queries.status_for(person)
    teams = queries.deciding_teams(status.children)
    if not queries.may_decide(acting_user, teams):
        raise Refused(_refusal_for(teams), why=Why.FORBIDDEN)
    reasons = (reasons or "").strip()
    problems = rules.decision_problems(two_workers=two_workers, reasons=reasons,
                                       decided_on=decided_on, today=timezone.localdate())
    if problems:
        raise Refused(problems)
    assert decided_on is not None and two_workers is not None
    decision = TwoWorkerDecision.objects.create(
        team_id=acting_user.team_id, two_workers=two_workers, reasons=reasons,
        decided_on=decided_on, decided_by=acting_user, recorded_at=timezone.now(),
        criteria=list(status.criteria.reasons))
    children = sorted(status.children, key=str)
    decision.children.set(children)
    audit.record("protection.two_worker_decision", user=acting_user, obj=person,
                 fields={"decision": decision.pk, "two_workers": two_workers,
                         "decided_on": decided_on.isoformat(), "team": acting_user.team_id,
                         "children": [str(c) for c in children],
                         "criteria": list(status.criteria.reasons)})
    return decision


@transaction.atomic
def do_record_complex_needs(person: Person, *, acting_user, description: str) -> ComplexNeeds:
    """Record that the person's family has complex needs, and what they are (R-TWO-2: two
    workers should then be considered)."""
    description = (description or "").strip()
    if not description:
        raise Refused({"description": "Describe the family's complex needs"})
    needs = ComplexNeeds.objects.create(person=person, description=description,
                                        recorded_by=acting_user, recorded_at=timezone.now())
    audit.record("protection.complex_needs_record", user=acting_user, obj=person,
                 fields={"complex_needs": needs.pk})
    return needs


@transaction.atomic
def do_end_complex_needs(needs: ComplexNeeds, *, acting_user) -> ComplexNeeds:
    """The family no longer has these complex needs (the record stays, ended)."""
    current = ComplexNeeds.objects.select_for_update().get(pk=needs.pk)
    if current.ended_at is not None:
        raise Refused("These complex needs had already been ended", why=Why.STATE)
    current.ended_at = timezone.now()
    current.ended_by = acting_user
    current.save(update_fields=["ended_at", "ended_by"])
    audit.record("protection.complex_needs_end", user=acting_user, obj=current.person,
                 fields={"complex_needs": current.pk})
    return current


def record_view(person: Person, *, user, what: str = "view_two_workers") -> None:
    """Reading a family's two-worker standing is reading the child's record: audited."""
    audit.record_read(what, user=user, obj=person)
