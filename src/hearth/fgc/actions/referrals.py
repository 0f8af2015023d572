"""Referring a family for an FGC, allocating its coordinator, and ending it before it is held
(R-FGC-1, R-FGC-2): one transaction each, an audit row on each child's record, the
chronology in step; ``Refused`` (nothing written) for whatever the rules refuse.

Who allocates: a coordinator takes a referral from the FGC queue for themselves (``do_take``);
the FGC service's manager (a team manager of an FGC-service team) or a service manager
allocates any referral to a coordinator, or moves it to another before the conference
(``do_allocate``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.fgc.actions.common import (
    audit_children,
    check_step,
    locked,
    record_view,
    saved,
    tell,
    text,
)
from hearth.fgc.codes import Ending, Status
from hearth.fgc.models import FGC, FGCChild
from hearth.fgc.queries import referrals as queries
from hearth.fgc.rules import referrals as rules
from hearth.people.models import Person

__all__ = ["do_refer", "do_take", "do_allocate", "do_end", "record_view"]


def _child_facts(children: Sequence[Person]) -> list[rules.Child]:
    since = queries.open_since(c.pk for c in children)
    return [rules.Child(name=c.display_name, date_of_birth=c.date_of_birth,
                        open_fgc_since=timezone.localtime(since[c.pk]).date()
                        if c.pk in since else None) for c in children]


@transaction.atomic
def do_refer(*, acting_user, children: Sequence[Person], reason: str, background: str,
             questions: Sequence[str], process_explained: bool, family_agreed: bool,
             explained_on: date | None, domestic_abuse: bool = False,
             split_requested: bool = False, pre_proceedings: bool = False,
             now: datetime | None = None) -> FGC:
    """A professional who can see the children refers their family (siblings together) for
    an FGC. Refused naming the field: no child, an adult, no reason from the list, no
    question or more than six, the process not explained or the family not agreeing (both
    required, R-FGC-2); a child with an FGC under way already is a state refusal (409)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not acting_user.has_hearth_permission("fgc.refer"):
        raise Refused("Only a professional working with the family can refer for a Family "
                      "Group Conference.", why=Why.FORBIDDEN)
    unique = list({c.pk: c for c in children}.values())
    visible = set(Person.objects.visible_to(acting_user).live()
                  .filter(pk__in=[c.pk for c in unique]).values_list("pk", flat=True))
    hidden = [c for c in unique if c.pk not in visible]
    if hidden:
        raise Refused("You can refer only children whose records you can see.", "children",
                      why=Why.FORBIDDEN)
    # One FGC under way per child: serialise referrals of the same children.
    list(Person.objects.select_for_update().filter(pk__in=[c.pk for c in unique]))
    facts = _child_facts(unique)
    asked = rules.questions_given(questions)
    problems = rules.children_problems(facts, today)
    problems.update(rules.referral_problems(
        reason=reason, background=background or "", questions=questions,
        process_explained=process_explained, family_agreed=family_agreed,
        explained_on=explained_on, today=today))
    refuse_if(problems)
    busy = rules.already_open(facts)
    if busy:
        raise Refused(busy, "children", why=Why.STATE)
    assert explained_on is not None
    fgc = FGC.objects.create(
        referred_by=acting_user, referred_at=now, reason=reason, background=text(background),
        questions=asked, explained_on=explained_on, process_explained=True,
        family_agreed=True, domestic_abuse=domestic_abuse,
        split_conference=rules.split_conference(domestic_abuse=domestic_abuse,
                                                split_requested=split_requested),
        pre_proceedings=pre_proceedings)
    FGCChild.objects.bulk_create(FGCChild(fgc=fgc, person=c) for c in unique)
    fgc = FGC.objects.prefetch_related("children__person").get(pk=fgc.pk)
    audit_children("fgc.referred", fgc, acting_user, reason=reason, questions=len(asked),
                   split=fgc.split_conference, pre_proceedings=pre_proceedings,
                   children=[str(c.pk) for c in unique])
    chronology.sync(fgc)
    service = User.objects.filter(is_active=True).filter(
        Q(role=Role.FGC_COORDINATOR)
        | Q(role=Role.TEAM_MANAGER, team__service=rules.FGC_SERVICE))
    tell(service, fgc, "A new Family Group Conference referral",
         f"{acting_user.display_name} referred a family: it is waiting in the FGC queue.")
    return fgc


def _reload(fgc: FGC) -> FGC:
    return FGC.objects.select_related(*queries.PARTS).prefetch_related(
        "children__person").get(pk=fgc.pk)


@transaction.atomic
def do_take(fgc: FGC, *, acting_user, expected_version: int | None) -> FGC:
    """A coordinator takes a referral from the queue for themselves."""
    current = locked(fgc, expected_version)
    if not rules.can_coordinate(acting_user.role, acting_user.is_active):
        raise Refused("Only an FGC coordinator can take a referral from the queue.",
                      why=Why.FORBIDDEN)
    check_step(current, "take")
    return _allocated(current, acting_user, acting_user)


@transaction.atomic
def do_allocate(fgc: FGC, *, acting_user, coordinator: User | None,
                expected_version: int | None) -> FGC:
    """The FGC service's manager allocates (or moves) the FGC to a coordinator."""
    current = locked(fgc, expected_version)
    if not queries.fgc_manager(acting_user):
        raise Refused("Only a manager of the FGC service allocates a conference to a "
                      "coordinator; coordinators take one from the queue.", why=Why.FORBIDDEN)
    check_step(current, "allocate")
    if coordinator is None or not rules.can_coordinate(coordinator.role, coordinator.is_active):
        raise Refused("Choose one of the FGC coordinators", "coordinator")
    if coordinator.pk == current.coordinator_id:
        raise Refused(f"{coordinator.display_name} already coordinates this conference",
                      "coordinator")
    return _allocated(current, coordinator, acting_user)


def _allocated(current: FGC, coordinator: User, acting_user) -> FGC:
    before = current.coordinator_id
    current.coordinator = coordinator
    current.allocated_by = acting_user
    current.allocated_at = timezone.now()
    if current.status == Status.REFERRED:
        current.status = Status.ALLOCATED
    saved(current, ["coordinator", "allocated_by", "allocated_at", "status"])
    current = _reload(current)
    audit_children("fgc.allocated", current, acting_user, coordinator=coordinator.username,
                   before=before)
    if coordinator.pk != acting_user.pk:
        tell([coordinator], current, "A Family Group Conference for you to coordinate",
             f"{acting_user.display_name} allocated a Family Group Conference to you.")
    return current


def may_end(fgc: FGC, user) -> bool:
    """The referrer (and their managers), the coordinator, or the FGC service's manager."""
    return (user.pk in (fgc.referred_by_id, fgc.coordinator_id) or queries.fgc_manager(user)
            or rules.may_manage_referrer(actor_role=user.role, actor_team_id=user.team_id,
                                         referrer_team_id=fgc.referred_by.team_id))


@transaction.atomic
def do_end(fgc: FGC, *, acting_user, outcome: str, reason: str,
           expected_version: int | None) -> FGC:
    """Declined by the family, withdrawn by the referrer, or not held: recorded with the
    reason, never deleted (R-FGC-2)."""
    current = locked(fgc, expected_version)
    if not may_end(current, acting_user):
        raise Refused("Only the referrer, the coordinator or a manager can record that this "
                      "conference will not happen.", why=Why.FORBIDDEN)
    check_step(current, "end")
    refuse_if(rules.end_problems(outcome=outcome, reason=reason or ""))
    current.status = Ending(outcome).value
    current.ended_reason = text(reason)
    current.ended_by = acting_user
    current.ended_at = timezone.now()
    saved(current, ["status", "ended_reason", "ended_by", "ended_at"])
    current = _reload(current)
    audit_children("fgc.ended", current, acting_user, outcome=outcome,
                   reason=current.ended_reason)
    told = {u.pk: u for u in (current.referred_by, current.coordinator)
            if u is not None and u.pk != acting_user.pk}
    if told:
        tell(told.values(), current, "A Family Group Conference will not happen",
             f"{acting_user.display_name} recorded: {Ending(outcome).label.lower()}.")
    return current
