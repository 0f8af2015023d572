"""What professional differences add to the list of what is due (``hearth.core.due``, R-PD-1..3).
Registered from DifferencesConfig.ready(); one query whatever the number of differences.

A user's own (``scope="mine"``):

- the stage they lead of an open difference, due two working days after it started: its
  outcome to record, then to escalate or resolve it;
- the child's allocated worker: an open difference about their child, until they have been
  told what was agreed (then it leaves their list and the child's record);
- whoever is named to tell the worker what was agreed, until it is recorded that they did.

A manager's team (``scope="team"``): the stages led by the workers they manage (a service
manager: every stage they may see), each item for the one who leads it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.codes import Role
from hearth.casework.models import Involvement
from hearth.casework.queries import LIVE
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.core.due import TEAM, DueItem, for_one_child, needs
from hearth.differences import rules
from hearth.differences.codes import Status
from hearth.differences.models import Difference
from hearth.differences.queries import differences as queries

OWNER = "difference_stage"
WORKER = "difference_open"
TELLER = "difference_tell"


def _item(d: Difference, kind: str, what: str, due, for_user_id: int | None) -> DueItem:
    return DueItem(person_id=str(d.person_id), person_name=d.person.display_name, what=what,
                   due=due, kind=kind, for_user_id=for_user_id,
                   link=reverse("differences:difference", args=[d.pk]))


def _stage_work(d: Difference) -> str:
    stage = d.current_stage
    assert stage is not None
    if not stage.outcome_recorded:
        doing = "record its outcome"
    elif stage.resolved:
        doing = "record what was agreed"
    else:
        doing = f"escalate it to stage {stage.number + 1}"
    return f"Professional difference, stage {stage.number}: {doing}"


def _resolved_on(d: Difference):
    assert d.resolved_at is not None
    return timezone.localtime(d.resolved_at, calendar.LONDON).date()


def _mine(user, d: Difference) -> DueItem | None:
    stage = d.current_stage
    if d.status == Status.OPEN and stage is not None:
        if stage.owner_id == user.pk:
            return _item(d, OWNER, _stage_work(d), stage.due_at, user.pk)
        if getattr(d, "my_child", False):
            return _item(d, WORKER, f"Professional difference open — stage {stage.number}: "
                         f"{rules.stage_name(stage.number).lower()}", stage.due_at, user.pk)
        return None
    if not d.awaiting_worker:
        return None
    assert d.worker is not None
    if d.teller_id == user.pk and d.worker_id != user.pk:
        return _item(d, TELLER, f"Tell {d.worker.display_name} what was agreed about a "
                     "professional difference", _resolved_on(d), user.pk)
    if d.worker_id == user.pk:
        teller = d.teller.display_name if d.teller else "someone"
        return _item(d, WORKER, f"Professional difference resolved: {teller} is to tell you "
                     "what was agreed", _resolved_on(d), user.pk)
    return None


def _concerning(user_id, showing: bool = True) -> Q:
    """The differences that are a user's own work (``differences``)."""
    mine = Involvement.objects.filter(LIVE, worker_id=user_id)
    return (Q(status=Status.OPEN, current_stage__owner_id=user_id)
            | Q(status=Status.OPEN, person__in=mine.values("person_id"))
            | (queries.SHOWING & Q(status=Status.RESOLVED) & (Q(teller_id=user_id)
                                                              | Q(worker_id=user_id))))


def _led(user, team_id) -> Q:
    """The open differences whose stage a worker the manager manages leads (a service manager:
    ``team_id`` None, every one)."""
    team = Q() if team_id is None else Q(current_stage__owner__team_id=team_id)
    return Q(team, status=Status.OPEN) & ~Q(current_stage__owner_id=user)


@compiled
def _any(p, which: str, service: bool, one: bool):
    """A plain look, before the filter of what the user may see: most have none (issue 14;
    the look shows nothing itself). Compiled once a process."""
    user = p.integer("user")
    qs = Difference.objects.filter(
        _concerning(user) if which == "mine" else _led(user, None if service else p.integer(
            "team")))
    if one:
        qs = qs.filter(person_id=p.uuid("person"))
    return qs.order_by().values_list("pk", flat=True)[:1]


def _team(user, person_id) -> list[DueItem]:
    """The stages led by the workers a manager manages (a service manager: every one)."""
    if not queries.manages(user):
        return []
    service = user.role == Role.SERVICE_MANAGER
    if not service and not user.team_id:
        return []
    if _any.first("team", service, person_id is not None, user=user.pk, team=user.team_id,
                  person=person_id) is None:
        return []
    sql, params = visibility.visible_sql(Difference, user)
    rows = _team_led.all(sql, service, person_id is not None, user=user.pk, team=user.team_id,
                         person=person_id, visible=params)
    return [_item(d, OWNER, _stage_work(d), d.current_stage.due_at, d.current_stage.owner_id)
            for d in rows if d.current_stage is not None]


@compiled
def _team_led(p, visible_sql: str, service: bool, one: bool):
    """``_led`` among the differences the manager may see (their kept scope): one query
    compiled once a process (issue 14)."""
    qs = Difference.objects.filter(
        _led(p.integer("user"), None if service else p.integer("team")),
        pk__in=p.sql("visible", visible_sql, Difference._meta.pk))
    if one:
        qs = qs.filter(person_id=p.uuid("person"))
    return qs.select_related(*queries.PARTS).order_by("current_stage__due_at", "pk")


@needs("differences")
@for_one_child
def differences(user, *, scope: str, person_id=None) -> list[DueItem]:
    if not user.has_hearth_permission("differences.view"):
        return []

    if scope == TEAM:
        return _team(user, person_id)
    if _any.first("mine", False, person_id is not None, user=user.pk,
                  person=person_id) is None:
        return []
    sql, params = visibility.visible_sql(Difference, user)
    rows = _own_work.all(sql, person_id is not None, user=user.pk, person=person_id,
                         visible=params)
    return [item for d in rows if (item := _mine(user, d)) is not None]


@compiled
def _own_work(p, visible_sql: str, one: bool):
    """The user's own differences (``_concerning``) among those they may see (their kept
    scope: a partner's or the front door's is their part in it, a case holder's or a
    manager's the children they may see): one query compiled once a process (issue 14)."""
    user = p.integer("user")
    mine = Involvement.objects.filter(LIVE, worker_id=user)
    qs = (Difference.objects.filter(_concerning(user),
                                    pk__in=p.sql("visible", visible_sql, Difference._meta.pk))
          .annotate(my_child=Exists(mine.filter(person_id=OuterRef("person_id")))))
    if one:
        qs = qs.filter(person_id=p.uuid("person"))
    return qs.select_related(*queries.PARTS).order_by("pk")
