"""Reads for two workers (R-TWO-2, R-TWO-3): a child's family, whether it meets the criteria,
the decision that covers it, and the report of families needing a decision.

The family and its criteria are worked out from every member, seen or not: the criteria do
not change with who is looking (four children on plans are four, even if the reader may open
only three records). What a page *shows* of the family is filtered by
``Person.objects.visible_to``. Every read here takes a constant number of queries, however
many families or children: the links are fetched a round at a time (one query each, at most
``MAX_ROUNDS``), grouped by ``rules_twoworkers.group_families``, and each fact about the
members is one query for all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import Team
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.casework.queries import team_children
from hearth.casework.rules import PARENT_KINDS
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404
from hearth.engagement.codes import EventKind
from hearth.engagement.models import EngagementEvent
from hearth.people.models import Person, PersonAddress, Relationship
from hearth.people.queries.visibility import get_visible_person as get_visible_person
from hearth.people.queries.visibility import visible_among
from hearth.protection.models import ComplexNeeds, CPPlan, Section47Enquiry, TwoWorkerDecision
from hearth.protection.rules import twoworkers as rules
from hearth.protection.rules.pathway import SIGNIFICANT_HOSTILITY, TwoWorkerCriteria
from hearth.safety.queries.warnings import address_key, place_of, warnings_covering

LIVE = ~Q(status=InvolvementStatus.CLOSED)
#: How many rounds of links are followed from the first child (a half-sibling's other
#: parent's children are three rounds away).
MAX_ROUNDS = 6


# --- families --------------------------------------------------------------------------------

@compiled
def _links(p, with_children: bool, with_parents: bool):
    where = Q(pk__in=[])
    if with_children:
        children = p.uuids("children")
        where |= (Q(kind__in=PARENT_KINDS, relative_id__any=children)
                  | Q(kind=rules.SIBLING, person_id__any=children)
                  | Q(kind=rules.SIBLING, relative_id__any=children))
    if with_parents:
        where |= Q(kind__in=PARENT_KINDS, person_id__any=p.uuids("parents"))
    return Relationship.objects.filter(where).values_list("person_id", "relative_id", "kind")


def _links_around(children: set, parents: set) -> list[tuple]:
    """The family links of these children (their parents, their siblings) and of these
    parents (their children): one query (compiled once a process for each of the three
    shapes)."""
    return _links.all(bool(children), bool(parents), children=list(children),
                      parents=list(parents))


def _expand(links: set, children: set, parents: set) -> set:
    """Follow family links from these children and parents until nobody new is found."""
    known_children, known_parents = set(children), set(parents)
    for person, relative, kind in links:
        if kind in PARENT_KINDS:
            known_parents.add(person)
            known_children.add(relative)
        else:
            known_children.update((person, relative))
    frontier_c, frontier_p = set(children), set(parents)
    for _ in range(MAX_ROUNDS):
        if not (frontier_c or frontier_p):
            break
        found_c, found_p = set(), set()
        for row in _links_around(frontier_c, frontier_p):
            links.add(row)
            person, relative, kind = row
            if kind in PARENT_KINDS:
                found_p.add(person)
                found_c.add(relative)
            else:
                found_c.update((person, relative))
        frontier_c, frontier_p = found_c - known_children, found_p - known_parents
        known_children |= found_c
        known_parents |= found_p
    return links


def family_for(person: Person) -> rules.Family:
    """The person's family. A child's: their brothers and sisters (by a shared parent, or a
    sibling relationship, transitively) and their parents. A parent's: their children's."""
    pk = person.pk
    first = set(_links_around({pk}, {pk}))
    own_children = {r for p, r, k in first if k in PARENT_KINDS and p == pk}
    if own_children:  # a parent: their children's family (not their own parents')
        links = {(p, r, k) for p, r, k in first if k in PARENT_KINDS and p == pk}
        links = _expand(links, own_children, set())
        seeds: set = set()
    else:
        siblings = {x for p, r, k in first if k == rules.SIBLING for x in (p, r)} - {pk}
        parents = {p for p, r, k in first if k in PARENT_KINDS}
        links = _expand(first, siblings, parents)
        seeds = {pk}
    return rules.family_of(rules.group_families(links, seeds), pk) or rules.Family(
        frozenset({pk}))


def families_of(child_ids: Iterable) -> list[rules.Family]:
    """The families of these children, each once."""
    seeds = set(child_ids)
    return rules.group_families(_expand(set(), seeds, set()), seeds) if seeds else []


# --- what is known about the members ----------------------------------------------------------

def _current_homes(ids: set) -> QuerySet[PersonAddress]:
    today = timezone.localdate()
    return (PersonAddress.objects.filter(person_id__in=ids)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=today)))


def warned_ids(ids: set) -> set:
    """Who among these people has a live worker-safety warning on them or at the address
    they live at now (``hearth.safety.queries.warnings_for``): one query, two with address
    warnings."""
    # Perhaps more than theirs: the banner's read of the wider family (``warnings_covering``).
    warnings = warnings_covering(ids) if ids else []
    warned = {w.person_id for w in warnings if w.person_id in ids}
    at_addresses = [w for w in warnings if w.address_id]
    if at_addresses:
        homes = list(_current_homes(ids).select_related("address"))
        for w in at_addresses:
            key = place_of(w)
            warned |= {h.person_id for h in homes if h.address_id == w.address_id or (
                key and address_key(h.address.line1, h.address.postcode_norm) == key)}
    return warned


def significant_hostility() -> QuerySet[EngagementEvent]:
    """R-TWO-2: hostility events that count towards the criteria: confrontation, threatened
    or actual violence (seed 004 §2)."""
    return EngagementEvent.objects.filter(kind=EventKind.HOSTILITY,
                                          form__in=sorted(SIGNIFICANT_HOSTILITY))


@compiled
def _facts(p):
    return (Person.objects.live().filter(pk__any=p.uuids("ids")).annotate(
        on_plan=Exists(CPPlan.objects.filter(person=OuterRef("pk"), end_on__isnull=True)),
        hostility=Exists(significant_hostility().filter(person=OuterRef("pk"))),
        needs=Exists(ComplexNeeds.objects.filter(person=OuterRef("pk"), ended_at__isnull=True)))
        .values_list("pk", "on_plan", "hostility", "needs"))


def member_facts(ids: set) -> dict:
    """For each live person among ``ids``: on an open CP plan, significant hostility recorded
    (R-TWO-2: confrontation or worse, ``protection.rules.SIGNIFICANT_HOSTILITY``; ambivalence
    or avoidance is not), open complex needs, a worker-safety warning. Two or three
    queries."""
    if not ids:
        return {}
    rows = _facts.all(ids=list(ids))
    warned = warned_ids(set(ids))
    return {pk: rules.Member(pk, on_plan=on_plan, hostility=hostility, complex_needs=needs,
                             warning=pk in warned)
            for pk, on_plan, hostility, needs in rows}


@compiled
def _decisions_naming(p):
    return TwoWorkerDecision.children.through.objects.filter(
        person_id__any=p.uuids("ids")).values_list(
        "twoworkerdecision_id", "person_id", "twoworkerdecision__decided_on",
        "twoworkerdecision__recorded_at")


def decision_refs(child_ids: set) -> list[rules.DecisionRef]:
    """The decisions recorded on any of these children (each with those of them it names)."""
    if not child_ids:
        return []
    found: dict = {}
    children: dict = defaultdict(set)
    for pk, child, decided_on, recorded_at in _decisions_naming.all(ids=list(child_ids)):
        found[pk] = (decided_on, recorded_at)
        children[pk].add(child)
    return [rules.DecisionRef(pk, on, at, frozenset(children[pk]))
            for pk, (on, at) in found.items()]


# --- a family's standing ------------------------------------------------------------------------

@dataclass
class FamilyStatus:
    """A family's R-TWO-2 criteria and the R-TWO-3 decision that covers it (if any)."""

    family: rules.Family
    criteria: TwoWorkerCriteria
    members: dict
    decision: TwoWorkerDecision | None = None
    changed: list[str] = field(default_factory=list)

    @property
    def needed(self) -> bool:
        return self.criteria.met and self.decision is None

    @property
    def children(self) -> list:
        """The family's live children (ids)."""
        return [c for c in self.family.children if c in self.members]

    @property
    def on_plans(self) -> list:
        return [c for c in self.children if self.members[c].on_plan]


def statuses(families: list[rules.Family]) -> list[FamilyStatus]:
    """Each family's standing, in a constant number of queries."""
    everyone = set().union(*(f.members for f in families)) if families else set()
    facts = member_facts(everyone)
    children = {c for f in families for c in f.children}
    refs = decision_refs(children)
    covering = {f.key: rules.covering_decision(refs, f.children) for f in families}
    loaded = {d.pk: d for d in TwoWorkerDecision.objects.filter(
        pk__in=[r.id for r in covering.values() if r is not None]).select_related(
        "decided_by", "team")} if any(covering.values()) else {}
    out = []
    for family in families:
        criteria = rules.family_criteria(family, [facts[m] for m in family.members
                                                  if m in facts])
        ref = covering[family.key]
        decision = loaded.get(ref.id) if ref is not None else None
        out.append(FamilyStatus(
            family, criteria, {pk: facts[pk] for pk in family.members if pk in facts},
            decision=decision,
            changed=rules.criteria_changed(criteria.reasons, decision.criteria)
            if decision is not None and criteria.met else []))
    return out


def status_for(person: Person) -> FamilyStatus:
    """The person's family's standing (a handful of queries: see ``MAX_ROUNDS``)."""
    return statuses([family_for(person)])[0]


def deciding_teams(child_ids: Iterable) -> list[Team]:
    """The teams holding an open involvement for any of these children: their team managers
    decide on two workers (R-TWO-3)."""
    return list(Team.objects.filter(Exists(Involvement.objects.filter(
        LIVE, team=OuterRef("pk"), person_id__in=list(child_ids)))).order_by("name"))


def may_decide(user, teams: Iterable[Team]) -> bool:
    """R-TWO-3: only the team manager of a team working with the family."""
    return (user.role == Role.TEAM_MANAGER and user.has_hearth_permission(
        "protection.two_workers") and bool(user.team_id)
        and any(t.pk == user.team_id for t in teams))


# --- the page ---------------------------------------------------------------------------------

@dataclass
class FamilyPage:
    status: FamilyStatus
    children: list[Person]
    parents: list[Person]
    hidden_children: int
    teams: list[Team]
    decisions: list[TwoWorkerDecision]
    hostility: list[EngagementEvent]
    complex_needs: list[ComplexNeeds]


def _visible(user, ids) -> QuerySet[Person]:
    """These people, those ``user`` may see (``visible_among``: the user's filter kept for the
    process, not built again)."""
    return Person.objects.filter(pk__in=visible_among(user, ids))


def _seen(user) -> QuerySet[Person]:
    """The live people ``user`` may see, through their filter kept for the process
    (``visibility.visible_pks``), not built again."""
    return Person.objects.filter(pk__in=visibility.visible_pks(Person, user)).live()


def with_children_seen(user, qs: QuerySet[TwoWorkerDecision]) -> QuerySet[TwoWorkerDecision]:
    """Decisions with who decided, and the children each names that ``user`` may see."""
    return (qs.select_related("decided_by", "team")
            .prefetch_related(Prefetch("children", queryset=_seen(user)
                                       .order_by("date_of_birth", "given_name"))))


def decisions_of(user, child_ids) -> QuerySet[TwoWorkerDecision]:
    """Decisions recorded on any of these children, newest first."""
    return with_children_seen(user, TwoWorkerDecision.objects.filter(
        pk__in=TwoWorkerDecision.children.through.objects
        .filter(person_id__in=list(child_ids)).values("twoworkerdecision_id"))
    ).order_by("-decided_on", "-recorded_at", "-pk")


def family_page(user, person: Person) -> FamilyPage:
    status = status_for(person)
    family = status.family
    seen = list(_visible(user, family.members).order_by("date_of_birth", "given_name"))
    seen_ids = {p.pk for p in seen}
    return FamilyPage(
        status=status,
        children=[p for p in seen if p.pk in family.children],
        parents=[p for p in seen if p.pk in family.parents],
        hidden_children=len([c for c in status.children if c not in seen_ids]),
        teams=deciding_teams(status.children),
        decisions=list(decisions_of(user, family.children)),
        hostility=list(significant_hostility().filter(person_id__in=seen_ids)
                       .select_related("person").order_by("-occurred_at", "-pk")[:5]),
        complex_needs=list(ComplexNeeds.objects.filter(person_id__in=seen_ids,
                                                       ended_at__isnull=True)
                           .select_related("person", "recorded_by").order_by("-recorded_at")))


def get_visible_needs(user, needs_id) -> ComplexNeeds:
    return get_visible_or_404(ComplexNeeds.objects.select_related("person"), user, needs_id,
                              "record of complex needs")


# --- the report (R-TWO-2, R-TWO-3) ---------------------------------------------------------------

def scope_children(user) -> QuerySet[Person]:
    """The children a manager's child protection views are about: a team manager's team's
    (an open involvement with the team); for service managers and conference chairs, every
    child they may see with an open involvement, a Section 47 enquiry or a plan."""
    if user.role == Role.TEAM_MANAGER:  # through casework's reached (issue 14)
        return team_children(user)
    visible = _seen(user)
    if user.role in SERVICE_WIDE:
        return visible.filter(in_protection_work())
    return visible.none()


#: The roles whose report is about every child they may see in child protection's work.
SERVICE_WIDE = (Role.SERVICE_MANAGER, Role.CONFERENCE_CHAIR)


def in_protection_work() -> Q:
    """A person (the query's row) with an open involvement, a Section 47 enquiry or an open
    plan: whom a service manager's or a chair's views are about (``scope_children``)."""
    return (Q(Exists(Involvement.objects.filter(LIVE, person=OuterRef("pk"))))
            | Q(Exists(CPPlan.objects.filter(person=OuterRef("pk"), end_on__isnull=True)))
            | Q(Exists(Section47Enquiry.objects.filter(person=OuterRef("pk")))))


def report(user):
    """Every family in the user's scope needing a two-worker decision, and the decisions made
    (``queries.twoworker_report``)."""
    from hearth.protection.queries import twoworker_report

    return twoworker_report.report(user)
