"""What FGCs add to the list of what is due (``hearth.core.due``, issue 16). Registered from
FgcConfig.ready(); a constant number of queries however many FGCs.

- The FGC service (``scope="mine"``): referrals waiting in the queue, due
  ``ALLOCATE_WORKING_DAYS`` working days after the referral.
- A coordinator: their conferences (due on the day arranged), plans to write up after a
  conference, plans not agreed to revise with the family, and reviews (due on the review
  date set at the conference).
- A referrer: plans waiting for their agreement (``AGREE_WORKING_DAYS`` after recording).
- ``scope="team"``: the FGC service's manager sees their coordinators' conferences and
  reviews; a team manager, the plans waiting for their team's referrers.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hearth.core.compiled import compiled
from hearth.core.due import TEAM, DueItem, needs
from hearth.fgc.codes import Status
from hearth.fgc.models import FGC
from hearth.fgc.queries import referrals as queries
from hearth.fgc.rules import conferences as conference_rules
from hearth.fgc.rules import referrals as rules


def _item(fgc: FGC, what: str, due, kind: str, for_user_id: int | None) -> DueItem:
    children = queries.children_of(fgc)
    return DueItem(person_id=str(children[0].pk) if children else "",
                   person_name=queries.names(fgc) or "Family Group Conference", what=what,
                   due=due, kind=kind, link=reverse("fgc:fgc", args=[fgc.pk]),
                   for_user_id=for_user_id)


def _day(moment):
    return timezone.localtime(moment).date()


def _coordinator_items(fgcs) -> list[DueItem]:
    items = []
    for fgc in fgcs:
        if fgc.status in (Status.ALLOCATED, Status.PREPARING) and fgc.conference_at:
            items.append(_item(fgc, "Hold the Family Group Conference", _day(fgc.conference_at),
                               "fgc_conference", fgc.coordinator_id))
        elif fgc.status == Status.HELD and fgc.held_on:
            items.append(_item(fgc, "Record the family's plan from their conference",
                               fgc.held_on, "fgc_plan", fgc.coordinator_id))
        elif fgc.status == Status.PLAN_NOT_AGREED and fgc.plan_decided_at:
            items.append(_item(fgc, "Revise the family's plan with them",
                               _day(fgc.plan_decided_at), "fgc_plan", fgc.coordinator_id))
        elif fgc.status in (Status.PLAN_AGREED, Status.REVIEWED) and fgc.review_on:
            items.append(_item(fgc, "Review the family's plan", fgc.review_on, "fgc_review",
                               fgc.coordinator_id))
    return items


def _agreement_items(fgcs) -> list[DueItem]:
    return [_item(fgc, "Agree the family's plan from their conference",
                  conference_rules.agreement_due(_day(fgc.plan_recorded_at)), "fgc_agree",
                  fgc.referred_by_id)
            for fgc in fgcs if fgc.plan_recorded_at is not None]


WORK = (Status.ALLOCATED, Status.PREPARING, Status.HELD, Status.PLAN_NOT_AGREED,
        Status.PLAN_AGREED, Status.REVIEWED)


@compiled
def _any(p, team: bool):
    """A plain look, before the filter of what the user may see (issue 14; the look shows
    nothing itself): a worker's FGCs to coordinate or plans to agree, or the plans waiting
    for a team's referrers (``team``). Compiled once a process."""
    user = p.integer("user")
    if team:
        qs = FGC.objects.filter(status=Status.PLAN_WAITING,
                                referred_by__team_id=p.integer("team")).exclude(
            referred_by_id=user)
    else:
        qs = FGC.objects.filter(Q(coordinator_id=user, status__in=WORK)
                                | Q(referred_by_id=user, status=Status.PLAN_WAITING))
    return qs.order_by().values_list("pk", flat=True)[:1]


@needs("fgc")
def fgc_work(user, *, scope: str) -> list[DueItem]:
    if not user.has_hearth_permission("fgc.view"):
        return []

    def visible():
        return queries.visible_fgcs(user)

    if scope == TEAM:
        items: list[DueItem] = []
        if queries.fgc_manager(user) and queries.in_service(user):
            items += _coordinator_items(visible().filter(status__in=WORK,
                                                         coordinator__isnull=False))
        if user.is_manager and user.team_id and _any.first(True, user=user.pk,
                                                           team=user.team_id) is not None:
            waiting = Q(status=Status.PLAN_WAITING, referred_by__team_id=user.team_id) & ~Q(
                referred_by=user)
            items += _agreement_items(visible().filter(waiting))
        return items
    items = []
    # Most workers refer no FGC and coordinate none.
    if not queries.in_service(user) and _any.first(False, user=user.pk) is None:
        return items
    if queries.in_service(user):
        items += [_item(fgc, "Take or allocate the Family Group Conference referral",
                        rules.allocation_due(_day(fgc.referred_at)), "fgc_allocate", None)
                  for fgc in queries.queue(user)]
    if user.has_hearth_permission("fgc.coordinate"):
        items += _coordinator_items(visible().filter(coordinator=user, status__in=WORK))
    items += _agreement_items(visible().filter(referred_by=user, status=Status.PLAN_WAITING))
    return items
