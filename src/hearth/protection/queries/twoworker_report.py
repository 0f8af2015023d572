"""The report of families needing a two-worker decision (R-TWO-2, R-TWO-3), in a number of
queries that does not grow with the council (issue 14).

A family can meet the criteria only through someone in it who is on an open plan, has
significant hostility, open complex needs or a live worker-safety warning recorded (on them or
at the address they live at now). So the report starts from those people (a few indexed
queries), follows family links outwards from them (a round a query, at most ``MAX_ROUNDS``),
keeps the children in the user's scope it reaches, and works out those children's families and
their standing exactly as the family page does (``queries.twoworkers``). Nobody else's family
is read: at 20,000 families the report used to work out every family in scope (8-13 s).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from hearth.casework.models import Involvement
from hearth.casework.rules import PARENT_KINDS
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.people.models import Person, PersonAddress, Relationship
from hearth.protection.models import ComplexNeeds, CPPlan, TwoWorkerDecision
from hearth.protection.queries.twoworkers import (
    LIVE,
    MAX_ROUNDS,
    SERVICE_WIDE,
    FamilyStatus,
    _visible,
    families_of,
    in_protection_work,
    scope_children,
    significant_hostility,
    statuses,
    with_children_seen,
)
from hearth.protection.rules import twoworkers as rules
from hearth.safety.models import WorkerWarning
from hearth.safety.queries.warnings import LIVE as LIVE_WARNINGS
from hearth.safety.queries.warnings import address_key, place_of

FAMILY_KINDS = (*PARENT_KINDS, rules.SIBLING)


@compiled
def _flagged(p):
    """The people on a plan, hostile, with complex needs or warned about: one statement
    compiled once a process."""
    sources = [CPPlan.objects.filter(end_on__isnull=True),
               significant_hostility().filter(person__isnull=False),
               ComplexNeeds.objects.filter(ended_at__isnull=True),
               WorkerWarning.objects.filter(status__in=LIVE_WARNINGS, person__isnull=False)]
    first, *rest = [qs.order_by().values_list("person_id", flat=True) for qs in sources]
    return first.union(*rest)


@compiled
def _warned_places(p):
    return (WorkerWarning.objects.filter(status__in=LIVE_WARNINGS, address__isnull=False)
            .select_related("address").order_by("pk"))


def flagged_people() -> set:
    """Everyone who could make their family meet R-TWO-2 (see the module's docstring): one
    query, two more when a warning is about an address."""
    ids = set(_flagged.all())
    at_places = _warned_places.all()
    if at_places:
        places = {key for key in (place_of(w) for w in at_places) if key is not None}
        rows = {w.address_id for w in at_places}
        homes = (_homes_now()
                 .filter(Q(address_id__in=rows)
                         | Q(address__postcode_norm__in={p[1] for p in places}))
                 .select_related("address"))
        ids |= {h.person_id for h in homes if h.address_id in rows
                or address_key(h.address.line1, h.address.postcode_norm) in places}
    return ids


def _homes_now() -> QuerySet[PersonAddress]:
    """Addresses lived at now, by anyone."""
    today = timezone.localdate()
    return (PersonAddress.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=today)))


@compiled
def _links(p):
    """The family links of any of ``ids``, either way: one statement compiled once a process
    (each of the report's rounds built it afresh, issue 14)."""
    ids = p.uuids("ids")
    return (Relationship.objects.filter(Q(person_id__any=ids) | Q(relative_id__any=ids),
                                        kind__in=FAMILY_KINDS)
            .order_by().values_list("person_id", "relative_id"))


def near(people: set) -> set:
    """Everyone reached from ``people`` by family links (either way, any of them), at most
    ``MAX_ROUNDS`` links away: more than their families, never less."""
    reached, frontier = set(people), set(people)
    for _ in range(MAX_ROUNDS):
        if not frontier:
            break
        found: set = set()
        for person, relative in _links.all(ids=list(frontier)):
            found.update((person, relative))
        frontier = found - reached
        reached |= found
    return reached


@dataclass
class ReportRow:
    status: FamilyStatus
    children: list[Person]
    hidden_children: int
    teams: list[str]

    @property
    def first(self) -> Person:
        return self.children[0]


@dataclass
class Report:
    needed: list[ReportRow]
    decisions: list[TwoWorkerDecision]


@compiled
def _service_scope_among(p, visible_sql: str):
    """Of the people given, those a service manager's or a chair's report is about
    (``scope_children``), through their kept filter of people: one statement compiled once a
    process, where the ORM built and compiled the scope on every visit (issue 14)."""
    return (Person.objects.filter(pk__any=p.uuids("ids"))
            .filter(pk__in=p.sql("visible", visible_sql, Person._meta.pk)).live()
            .filter(in_protection_work()).values_list("pk", flat=True))


def _scope_among(user, ids: set) -> set:
    """Which of ``ids`` are children the user's report is about (``scope_children``)."""
    if user.role in SERVICE_WIDE:
        sql, params = visibility.visible_sql(Person, user)
        return set(_service_scope_among.all(sql, ids=list(ids), visible=params))
    return set(scope_children(user).filter(pk__in=list(ids)).values_list("pk", flat=True))


def needed(user) -> list[ReportRow]:
    """Every family of a child in the user's scope meeting the criteria with no recorded
    decision: those that must be considered first, then by the first child's name."""
    flagged = flagged_people()
    if not flagged:
        return []
    seeds = _scope_among(user, near(flagged))
    needing = [s for s in statuses(families_of(seeds)) if s.needed]
    wanted = {c for s in needing for c in s.children}
    seen = {p.pk: p for p in _visible(user, wanted).order_by("date_of_birth", "given_name")}
    teams: dict = defaultdict(set)
    for person_id, name in Involvement.objects.filter(LIVE, person_id__in=wanted).values_list(
            "person_id", "team__name"):
        teams[person_id].add(name)
    rows = []
    for status in needing:
        children = [seen[c] for c in seen if c in status.family.children]
        if not children:
            continue
        rows.append(ReportRow(status, children, len(status.children) - len(children),
                              sorted(set().union(*(teams[c] for c in status.children)))))
    rows.sort(key=lambda r: (not r.status.criteria.must_consider, r.first.family_name,
                             r.first.given_name))
    return rows


def decisions(user) -> QuerySet[TwoWorkerDecision]:
    """The decisions recorded on children in the user's scope (a decision names all its
    family's children), newest first, each with the children the user may see."""
    through = TwoWorkerDecision.children.through
    named = through.objects.filter(person_id__in=scope_children(user).values("pk"))
    return with_children_seen(user, TwoWorkerDecision.objects.filter(
        pk__in=named.values("twoworkerdecision_id"))).order_by("-decided_on", "-recorded_at",
                                                               "-pk")


def report(user) -> Report:
    """The whole report (the API's): every family needing a decision, every decision."""
    return Report(needed(user), list(decisions(user)))
