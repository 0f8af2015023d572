"""Reads that supervision pages share, and the ones other apps need.

Who may see a supervision: the worker supervised, the supervisor, the worker's team manager
and service managers; a session about a restricted record the reader may not see is hidden
from them. Anything not visible is 404. Cases offered for discussion are the people the
supervisor may see (``Person.objects.visible_to``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from hearth.access.codes import Role
from hearth.access.models import Team, User
from hearth.access.rules import MANAGER_ROLES
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.casework.rules import PARENT_KINDS
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404, visible_pks
from hearth.engagement.queries.events import hostility_in_family
from hearth.people.models import Person, Relationship
from hearth.safety.queries.warnings import warnings_for
from hearth.supervision import rules
from hearth.supervision.codes import SessionStatus
from hearth.supervision.models import SupervisionAction, SupervisionFrequency, SupervisionSession

#: Who a team manager supervises; a service manager supervises team managers too.
PRACTITIONER_ROLES = (Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.FAMILY_PRACTITIONER)


def latest_visit_action_plan(person_ids: Iterable) -> SupervisionSession | None:
    """The most recent held supervision that agreed a visit action plan for any of these
    people (R-SAFE-3), or None."""
    return (SupervisionSession.objects.filter(cases__in=list(person_ids),
                                              status=SessionStatus.HELD)
            .exclude(visit_action_plan="").order_by("-held_on", "-pk").first())


# --- who supervises whom -------------------------------------------------------------------

def supervised_workers(user) -> QuerySet[User]:
    """The active workers ``user`` may supervise: a team manager their team's practitioners,
    a service manager every practitioner and team manager."""
    qs = User.objects.filter(is_active=True).exclude(pk=user.pk)
    if user.role == Role.SERVICE_MANAGER:
        return qs.filter(role__in=(*PRACTITIONER_ROLES, Role.TEAM_MANAGER))
    if user.role == Role.TEAM_MANAGER and user.team_id:
        return qs.filter(role__in=PRACTITIONER_ROLES, team_id=user.team_id)
    return qs.none()


def get_supervised_worker(user, worker_id) -> User:
    try:
        return supervised_workers(user).select_related("team").get(pk=worker_id)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such worker.") from exc


def managed_teams(user) -> QuerySet[Team]:
    """The teams whose supervision frequency ``user`` may set."""
    if user.role == Role.SERVICE_MANAGER:
        return Team.objects.all()
    if user.role == Role.TEAM_MANAGER and user.team_id:
        return Team.objects.filter(pk=user.team_id)
    return Team.objects.none()


# --- sessions ----------------------------------------------------------------------------

def _staff_scope(user) -> Q | None:
    if not user.has_hearth_permission("supervision.view"):
        return None
    if user.role == Role.SERVICE_MANAGER:
        return Q()
    scope = Q(worker_id=user.pk) | Q(supervisor_id=user.pk)
    if user.role == Role.TEAM_MANAGER and user.team_id:
        scope |= Q(worker__team_id=user.team_id) & ~Q(worker__role__in=MANAGER_ROLES)
    return scope


def session_scope(user) -> Q | None:
    """Who may see a supervision (registered from the AppConfig): the worker, the supervisor,
    the worker's team manager and every service manager, and never one that discussed a
    restricted child the user may not see."""
    scope = _staff_scope(user)
    if scope is None:
        return None
    hidden = SupervisionSession.cases.through.objects.filter(person__restricted=True).exclude(
        person_id__in=visible_pks(Person, user))
    return scope & ~Q(pk__in=hidden.values("supervisionsession_id"))


def action_scope(user) -> Q:
    """An action agreed in supervision is visible exactly when its session is."""
    return Q(session__in=SupervisionSession.objects.visible_to(user))


def visible_sessions(user) -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.visible_to(user)


def get_visible_session(user, session_id) -> SupervisionSession:
    """The session, or 404 when it does not exist or ``user`` may not see it."""
    return get_visible_or_404(SupervisionSession.objects.select_related(
        "worker__team", "supervisor", "recorded_by"), user, session_id, "supervision")


def may_manage(user, session: SupervisionSession) -> bool:
    """Whether ``user`` may change, cancel and add actions to the session."""
    if not user.has_hearth_permission("supervision.record"):
        return False
    return session.supervisor_id == user.pk or \
        supervised_workers(user).filter(pk=session.worker_id).exists()


def visible_cases(user, session: SupervisionSession) -> list[Person]:
    return list(Person.objects.visible_to(user).filter(supervisions=session)
                .order_by("family_name", "given_name"))


def sessions_of_worker(user, worker) -> list[SupervisionSession]:
    """A worker's supervision history, newest first; cancelled sessions included (R-SUP-1)."""
    return list(visible_sessions(user).filter(worker=worker)
                .select_related("supervisor").prefetch_related("cases")
                .order_by("-scheduled_for", "-pk"))


def sessions_about(user, person: Person) -> list[SupervisionSession]:
    """The supervision of a case: every session that discussed them the user may see."""
    return list(visible_sessions(user).filter(cases=person)
                .select_related("worker", "supervisor").order_by("-scheduled_for", "-pk"))


def actions_of(session: SupervisionSession) -> list[SupervisionAction]:
    return list(session.actions.select_related("owner").order_by("done_on", "due_on", "pk"))


def open_actions_for(user) -> list[SupervisionAction]:
    """The supervision actions ``user`` owns that are not done, soonest due first."""
    return list(SupervisionAction.objects.filter(
        owner=user, done_on__isnull=True, session__in=visible_sessions(user))
        .select_related("session").order_by("due_on", "pk"))


def get_visible_action(user, action_id) -> SupervisionAction:
    return get_visible_or_404(SupervisionAction.objects.select_related("session", "owner"),
                              user, action_id, "action")


# --- cases and the hostile-family check (R-SUP-2, R-SAFE-3) --------------------------------

def candidate_cases(user, worker, include: Iterable = ()) -> list[Person]:
    """The cases ``user`` may discuss in ``worker``'s supervision: the worker's live cases
    (allocated or co-allocated) and anyone in ``include``, all as far as ``user`` may see."""
    involvements = Involvement.objects.exclude(status=InvolvementStatus.CLOSED).filter(
        Q(worker=worker) | Q(secondary_workers__worker=worker,
                             secondary_workers__end_date__isnull=True))
    wanted = Q(pk__in=involvements.values("person_id"))
    extra = [pk for pk in include if pk]
    if extra:
        wanted |= Q(pk__in=extra)
    return list(Person.objects.visible_to(user).live().filter(wanted)
                .order_by("family_name", "given_name", "date_of_birth"))


def families_of(person_ids: Iterable) -> dict:
    """Each person's family: themselves, everyone they have a relationship with, and the
    other children of their parents."""
    ids = list(dict.fromkeys(person_ids))
    family: dict = {pk: {pk} for pk in ids}
    parents: dict = defaultdict(set)
    for person_id, relative_id, kind in Relationship.objects.filter(
            Q(person_id__in=ids) | Q(relative_id__in=ids)).values_list(
            "person_id", "relative_id", "kind"):
        if person_id in family:
            family[person_id].add(relative_id)
        if relative_id in family:
            family[relative_id].add(person_id)
            if kind in PARENT_KINDS:
                parents[person_id].add(relative_id)
    if parents:
        for parent_id, child_id in Relationship.objects.filter(
                person_id__in=list(parents), kind__in=PARENT_KINDS).values_list(
                "person_id", "relative_id"):
            for case_id in parents[parent_id]:
                family[case_id].add(child_id)
    return family


def safety_reasons(person_ids: Iterable) -> dict:
    """R-SUP-2: for each case whose family has hostility recorded or a live worker-safety
    warning, why; cases without either are left out."""
    family = families_of(person_ids)
    everyone = set().union(*family.values()) if family else set()
    if not everyone or not (hostility_in_family(everyone) or warnings_for(everyone).exists()):
        return {}
    reasons: dict = {}
    for case_id, members in family.items():
        found = []
        if hostility_in_family(members):
            found.append("hostility has been recorded in the family")
        kinds = list(dict.fromkeys(w.get_kind_display().lower() for w in warnings_for(members)))
        if kinds:
            found.append("worker-safety warning: " + ", ".join(kinds))
        if found:
            reasons[case_id] = found
    return reasons


def needs_safety_items(person_ids: Iterable) -> bool:
    return bool(safety_reasons(person_ids))


# --- frequency (R-SUP-3) -----------------------------------------------------------------

@compiled
def _frequencies(p):
    return (SupervisionFrequency.objects.filter(Q(worker_id__any=p.integers("workers"))
                                                | Q(team_id__any=p.integers("teams")))
            .order_by().values_list("worker_id", "team_id", "every_days"))


def frequency_settings(workers: Iterable[User]) -> tuple[dict, dict]:
    """Workers' own settings and their teams' settings, in days, by id (one query compiled
    once a process)."""
    workers = list(workers)
    team_ids = sorted({w.team_id for w in workers if w.team_id})
    own: dict = {}
    team: dict = {}
    if not workers:
        return own, team
    for worker_id, team_id, every_days in _frequencies.all(workers=[w.pk for w in workers],
                                                           teams=team_ids):
        if worker_id:
            own[worker_id] = every_days
        else:
            team[team_id] = every_days
    return own, team


@compiled
def _session_facts(p):
    return (SupervisionSession.objects.filter(worker_id__any=p.integers("workers"))
            .order_by().values_list("worker_id", "status", "scheduled_for", "held_on"))


@compiled
def _supervised(p, service: bool):
    qs = User.objects.filter(is_active=True).exclude(pk=p.integer("user"))
    if service:
        return qs.filter(role__in=(*PRACTITIONER_ROLES, Role.TEAM_MANAGER)).order_by("pk")
    return qs.filter(role__in=PRACTITIONER_ROLES, team_id=p.integer("team")).order_by("pk")


def supervised_worker_list(user) -> list[User]:
    """``supervised_workers`` read: one query compiled once a process."""
    if user.role == Role.SERVICE_MANAGER:
        return _supervised.all(True, user=user.pk)
    if user.role == Role.TEAM_MANAGER and user.team_id:
        return _supervised.all(False, user=user.pk, team=user.team_id)
    return []


def _source(worker: User, own: dict, team: dict) -> str:
    if worker.pk in own:
        return "own"
    if worker.team_id in team:
        return "team"
    return "default"


def due_for(workers: Iterable[User], today: date) -> list[dict]:
    """Each worker with where their supervision stands (``rules.supervision_due``)."""
    workers = list(workers)
    own, team = frequency_settings(workers)
    facts: dict = defaultdict(list)
    for worker_id, status, scheduled_for, held_on in (
            _session_facts.all(workers=[w.pk for w in workers]) if workers else []):
        facts[worker_id].append(rules.SessionFact(status, scheduled_for, held_on))
    rows = []
    for worker in workers:
        every = rules.every_days_for(worker_days=own.get(worker.pk),
                                     team_days=team.get(worker.team_id))
        rows.append({"worker": worker, "source": _source(worker, own, team),
                     "due": rules.supervision_due(facts[worker.pk], every, today)})
    return rows


def team_overview(user, today: date) -> list[dict]:
    """For a manager: per team, each worker's last supervision, next due, overdue and
    cancelled count (R-SUP-3)."""
    workers = list(supervised_workers(user).select_related("team")
                   .order_by("team__name", "first_name", "last_name", "username"))
    groups: dict = {}
    for row in due_for(workers, today):
        team = row["worker"].team
        groups.setdefault(team.pk if team else None, {"team": team, "rows": []})["rows"].append(
            row)
    return list(groups.values())


def possible_owners(session: SupervisionSession) -> list[User]:
    """Who may own an action from a supervision: the worker, the supervisor, and the active
    members of the worker's team."""
    wanted = Q(pk__in=[session.worker_id, session.supervisor_id])
    if session.worker.team_id:
        wanted |= Q(team_id=session.worker.team_id, is_active=True)
    return list(User.objects.filter(wanted).exclude(role=Role.ADMINISTRATOR)
                .order_by("first_name", "last_name", "username"))




def workers_on_case(user, person: Person) -> list[User]:
    """The workers on this case (allocated or co-allocated) whom ``user`` supervises."""
    involvements = Involvement.objects.exclude(status=InvolvementStatus.CLOSED).filter(
        person=person)
    ids = set(involvements.exclude(worker__isnull=True).values_list("worker_id", flat=True))
    ids |= set(involvements.filter(secondary_workers__end_date__isnull=True).values_list(
        "secondary_workers__worker_id", flat=True))
    return list(supervised_workers(user).filter(pk__in=ids).order_by("first_name", "last_name"))
