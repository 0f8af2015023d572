"""The managers' page of professional differences (R-PD-3): open differences by stage and by
agency, overdue stages first, and the time resolved ones took. Everything is counted, sorted,
filtered and paged in the database, over the differences the manager may see
(``visible_to``: a team manager's are those about their team's children, a service manager's
every child's).

Time to resolve is in working days (R-PD-1 counts its stages in working days): those after
the day a difference was raised, up to and including the day it was resolved, worked out once
when it is resolved (``rules.working_days_to_resolve``, England's bank holidays known). The
mean is the database's ``AVG``; the median is read from the one or two middle rows of the
resolved differences sorted by it (``rules.middle_rows``), so no list is ever loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, BooleanField, Case, Count, F, Q, QuerySet, Value, When

from hearth.differences import rules
from hearth.differences.codes import AgencyKind, StageNumber, Status
from hearth.differences.models import Difference
from hearth.differences.queries.differences import SHOWING, visible_differences

OPEN = "open"
AWAITING = "awaiting"
RESOLVED = "resolved"
ALL = "all"
#: What the status filter offers (the first is the page's default).
STATUSES = {OPEN: "Open", AWAITING: "Resolved, allocated worker not yet told",
            RESOLVED: "Resolved", ALL: "All"}


@dataclass(frozen=True)
class Filters:
    status: str = OPEN
    stage: int | None = None
    agency: str = ""
    overdue: bool = False


def overdue_q(now: datetime) -> Q:
    """R-PD-2 in the database (``rules.stage_overdue``): an open difference whose current
    stage is past its due time and has not resolved it."""
    return (Q(status=Status.OPEN, current_stage__due_at__lt=now)
            & ~Q(current_stage__resolved=True))


def rows(user, filters: Filters, now: datetime) -> QuerySet[Difference]:
    """The differences the page lists: overdue stages first, then open ones by their stage's
    due time, then resolved ones, newest first."""
    found = visible_differences(user).annotate(
        overdue=Case(When(overdue_q(now), then=Value(True)), default=Value(False),
                     output_field=BooleanField()),
        open_due=Case(When(status=Status.OPEN, then=F("current_stage__due_at"))))
    if filters.status == OPEN:
        found = found.filter(status=Status.OPEN)
    elif filters.status == AWAITING:
        found = found.filter(SHOWING, status=Status.RESOLVED)
    elif filters.status == RESOLVED:
        found = found.filter(status=Status.RESOLVED)
    if filters.stage is not None:
        found = found.filter(current_stage__number=filters.stage)
    if filters.agency:
        found = found.filter(Q(raiser_agency=filters.agency)
                             | Q(decision_agency=filters.agency))
    if filters.overdue:
        found = found.filter(overdue_q(now))
    return found.order_by("-overdue", "status", F("open_due").asc(nulls_last=True),
                          F("resolved_at").desc(nulls_last=True), "-pk")


@dataclass
class AgencyRow:
    code: str
    label: str
    raised: int = 0
    about: int = 0


@dataclass
class Summary:
    #: (stage number, its name, open differences at it, of which overdue)
    stages: list[tuple[int, str, int, int]]
    agencies: list[AgencyRow]
    open: int
    overdue: int
    awaiting_worker: int
    resolved: int
    mean_days: float | None
    median_days: float | None


def summary(user, now: datetime) -> Summary:
    """The figures over every difference the user may see: four queries."""
    visible = Difference.objects.visible_to(user)
    open_ = visible.filter(status=Status.OPEN)
    by_stage = {row["current_stage__number"]: (row["n"], row["late"]) for row in
                open_.values("current_stage__number").order_by()
                .annotate(n=Count("pk"), late=Count("pk", filter=overdue_q(now)))}
    agencies = {code: AgencyRow(code, label) for code, label in AgencyKind.choices}
    for row in (open_.values("raiser_agency", "decision_agency").order_by()
                .annotate(n=Count("pk"))):
        agencies[row["raiser_agency"]].raised += row["n"]
        agencies[row["decision_agency"]].about += row["n"]
    resolved = visible.filter(status=Status.RESOLVED)
    figures = resolved.aggregate(n=Count("pk"), mean=Avg("working_days_to_resolve"),
                                 awaiting=Count("pk", filter=SHOWING))
    start, stop = rules.middle_rows(figures["n"])
    middle = list(resolved.order_by("working_days_to_resolve", "pk")
                  .values_list("working_days_to_resolve", flat=True)[start:stop]) \
        if figures["n"] else []
    stages = [(n, label, *by_stage.get(n, (0, 0))) for n, label in StageNumber.choices]
    return Summary(stages=stages,
                   agencies=[a for a in agencies.values() if a.raised or a.about],
                   open=sum(s[2] for s in stages), overdue=sum(s[3] for s in stages),
                   awaiting_worker=figures["awaiting"], resolved=figures["n"],
                   mean_days=figures["mean"],
                   median_days=rules.median([m for m in middle if m is not None]))
