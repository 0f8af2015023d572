"""Who may see a LADO matter, and the LADO's queue (R-LADO-2, R-LADO-3).

``matter_scope`` is registered with ``core.visibility``: LADO officers and the LADO's service
manager see every matter (the LADO service works them together); anyone else sees none, and a
matter answers them 404 on every page and in the API. The queue is sorted in the database:
matters waiting for the LADO's response first, soonest due (so overdue) first, then the rest
by when they were told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models import IntegerField as Int
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.core import visibility
from hearth.core.visibility import get_visible_or_404
from hearth.frontdoor.codes import DecisionStatus, Outcome
from hearth.frontdoor.models import Contact
from hearth.lado.codes import CLOSED_STATUSES, OPEN_STATUSES
from hearth.lado.models import Matter, Meeting
from hearth.lado.rules import matters as matter_rules

#: What a matter is shown with, read in the same query.
PARTS = ("lado_officer", "created_by", "responded_by", "criteria_decided_by", "closed_by",
         "contact", "subject_person")


def in_lado_service(user) -> bool:
    """R-LADO-3: a LADO officer, or the LADO's service manager (``rules.matters.sees_matters``:
    a service manager in a team with a LADO officer in it). One query for a service manager,
    once per request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.has_hearth_permission("lado.view"):
        return False
    with_lado = False
    if user.role == Role.SERVICE_MANAGER and user.team_id:
        with_lado = visibility.remembered(
            ("lado_team", user.team_id),
            lambda: User.objects.filter(team_id=user.team_id, role=Role.LADO,
                                        is_active=True).exists())
    return matter_rules.sees_matters(user.role, with_a_lado_in_team=with_lado)


def matter_scope(user) -> Q | None:
    """Registered with ``core.visibility`` for matters (and, through them, their children and
    meetings): all of them for the LADO service, none for anyone else."""
    return Q() if in_lado_service(user) else None


def visible_matters(user) -> QuerySet[Matter]:
    return Matter.objects.visible_to(user)


def get_visible_matter(user, matter_id) -> Matter:
    return get_visible_or_404(Matter.objects.select_related(*PARTS), user, matter_id,
                              "LADO matter")


def queue(user, *, closed: bool = False) -> QuerySet[Matter]:
    """The LADO's queue: open matters, those waiting for a response first and soonest (most
    overdue) first; or the closed ones, most recently closed first."""
    held = Exists(Meeting.objects.filter(matter=OuterRef("pk")))
    qs = visible_matters(user).select_related("lado_officer").annotate(meetings_held=held)
    if closed:
        return qs.filter(status__in=CLOSED_STATUSES).order_by("-closed_at", "-pk")
    waiting = Case(When(responded_at__isnull=True, then=Value(0)), default=Value(1),
                   output_field=Int())
    return (qs.filter(status__in=OPEN_STATUSES).alias(waiting=waiting)
            .order_by("waiting", "response_due", "notified_at", "pk"))


@dataclass
class Row:
    """A matter as the queue shows it: where it stands and how long is left to respond."""

    matter: Matter
    stage: str
    stage_label: str
    time_left: str
    overdue: bool


def describe(matter: Matter, now: datetime, *, meetings: int | None = None) -> Row:
    overdue = matter_rules.response_overdue(due=matter.response_due,
                                            responded_at=matter.responded_at, now=now)
    if meetings is None:
        meetings = int(getattr(matter, "meetings_held", 0) or 0)
    stage = matter_rules.stage(status=matter.status,
                               criteria_decided=matter.criteria_decided_at is not None,
                               responded=matter.responded_at is not None,
                               response_overdue=overdue, meetings=meetings,
                               outcome=matter.outcome)
    waiting = matter.responded_at is None and matter.is_open
    return Row(matter, stage, matter_rules.STAGES[stage],
               matter_rules.time_left(matter.response_due, now) if waiting else "", overdue)


def contacts_waiting(user, *, limit: int = 50) -> list[Contact]:
    """Front-door contacts decided "LADO" that no matter has been opened from yet (for a LADO
    officer, who opens one from each)."""
    if user.role != Role.LADO or not user.has_hearth_permission("lado.manage"):
        return []
    return list(Contact.objects.visible_to(user)
                .filter(decisions__outcome=Outcome.LADO,
                        decisions__status=DecisionStatus.DECIDED, lado_matter__isnull=True)
                .distinct().order_by("received_at", "pk")[:limit])


def lado_officers() -> list[User]:
    """Who is told of a new notification: every active LADO officer."""
    return list(User.objects.filter(role=Role.LADO, is_active=True).order_by("pk"))



def home_queue(user, *, limit: int = 10) -> tuple[list[Row], int]:
    """The top of the queue for the LADO's home page, and how many matters are open."""
    qs = queue(user)
    now = timezone.now()
    return [describe(m, now) for m in qs[:limit]], qs.count()
