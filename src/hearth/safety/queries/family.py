"""A person's family as worker-safety warnings reach it (R-SAFE-1: "any case they are part
of"): their relatives, their relatives' relatives and the people of the household they live in
now; in Python (``family_map``) or all in the database (``near_sql``, the warnings that apply to
some people, for ``warnings.found_for``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from hearth.core.compiled import compiled, list_sql, list_value
from hearth.people.models import HouseholdMembership, Person, Relationship


def current(qs: QuerySet, today: date) -> QuerySet:
    """Rows of ``qs`` (dated from / to) that hold today."""
    return qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=today))


@compiled
def _rings(p):
    ids = p.uuids("ids")
    return (Relationship.objects.filter(Q(person_id__any=ids) | Q(relative_id__any=ids))
            .values_list("person_id", "relative_id"))


@compiled
def _households_of(p):
    today = p.date("today")
    homes = current(HouseholdMembership.objects.filter(person_id__any=p.uuids("ids")), today)
    return current(HouseholdMembership.objects.filter(
        household_id__in=homes.values("household_id")), today).values_list(
            "household_id", "person_id")


def family_map(person_ids: Iterable) -> dict:
    """Each person's family: their relatives, their relatives' relatives (a brother through
    their mother) and the people in the household they live in now. Three queries."""
    ids = set(person_ids)
    if not ids:
        return {}
    today = timezone.localdate()
    near: dict = defaultdict(set)

    def ring(people: set) -> set:
        """Add the relationships of ``people`` to ``near``; who they reach. Two indexed
        lookups in one query (one query with both rings nested in it made PostgreSQL read the
        whole table, or start parallel workers: 100-190 ms at 86,000 people)."""
        found: set = set()
        for a, b in _rings.all(ids=list(people)):
            near[a].add(b)
            near[b].add(a)
            found.update((a, b))
        return found

    first = ring(ids) - ids
    # The second ring runs even when the first reached no one new (it then asks again about
    # ``ids``, an indexed lookup of rows already seen), so that a page takes the same number
    # of queries whoever is on it: query counts that stay put are what the tests of pages
    # that grow, and ``hearth bench pages``, compare.
    ring(first or ids)
    households: dict = defaultdict(set)
    for household_id, pid in _households_of.all(ids=list(ids), today=today):
        households[household_id].add(pid)
    family: dict = {}
    for pid in ids:
        members = set(near[pid])
        for relative in list(members):
            members |= near[relative]
        for household in households.values():
            if pid in household:
                members |= household
        members.discard(pid)
        family[pid] = members
    return family


def near_sql(connection) -> str:
    """The ids of the warnings that apply to some of the people given (``found_for``'s rule:
    on them, their relatives, their relatives' relatives or the people of the households they
    live in now, or at an address where any of those lives now), all in the database, for a
    compiled query to embed. Its parameters: the people, then today for each dated row
    (``near_values``). On PostgreSQL each step reads the index of the one before it as an
    array (``= ANY(ARRAY(…))``: as a semi-join the planner read the whole of people's
    relationships)."""
    seed = list_sql(Person._meta.pk, connection)
    if connection.vendor == "postgresql":
        mat, day, gap = "MATERIALIZED ", "CAST(%s AS date)", "chr(31)"

        def among(column: str, step: str) -> str:
            return f"{column} = ANY(ARRAY(SELECT id FROM {step}))"  # noqa: S608
    else:
        mat, day, gap = "", "%s", "char(31)"

        def among(column: str, step: str) -> str:
            return f"{column} IN (SELECT id FROM {step})"  # noqa: S608

    def related(step: str) -> str:
        return (f"SELECT r.relative_id AS id FROM people_relationship r WHERE "  # noqa: S608
                f"{among('r.person_id', step)} UNION SELECT r.person_id FROM "
                f"people_relationship r WHERE {among('r.relative_id', step)}")

    def now(row: str) -> str:  # ``current`` in SQL
        return (f"({row}.end_date IS NULL OR {row}.end_date >= {day}) AND "
                f"({row}.start_date IS NULL OR {row}.start_date <= {day})")

    def place(address: str) -> str:  # ``warnings._place`` in SQL
        return f"LOWER(TRIM({address}.line1)) || {gap} || {address}.postcode_norm"

    # Every piece of the text is one of the fixed fragments above: no value is ever in it.
    return (
        f"WITH anchors(id) AS {mat}({seed}), "  # noqa: S608
        f"ring1 AS {mat}({related('anchors')}), ring2 AS {mat}({related('ring1')}), "
        f"homes AS {mat}(SELECT m.household_id AS id FROM people_householdmembership m "
        f"WHERE {among('m.person_id', 'anchors')} AND {now('m')}), "
        f"family AS {mat}(SELECT id FROM anchors UNION SELECT id FROM ring1 UNION SELECT id "
        f"FROM ring2 UNION SELECT m.person_id FROM people_householdmembership m WHERE "
        f"{among('m.household_id', 'homes')} AND {now('m')}), "
        f"places AS (SELECT pa.address_id, {place('a')} AS place, a.postcode_norm FROM "
        f"people_personaddress pa JOIN people_address a ON a.id = pa.address_id WHERE "
        f"{among('pa.person_id', 'family')} AND {now('pa')}) "
        f"SELECT w.id FROM safety_workerwarning w WHERE w.person_id IN (SELECT id FROM family) "
        f"UNION SELECT w.id FROM safety_workerwarning w WHERE w.address_id IN "
        f"(SELECT address_id FROM places) UNION SELECT w.id FROM safety_workerwarning w JOIN "
        f"people_address a ON a.id = w.address_id WHERE {place('a')} IN (SELECT place FROM "
        f"places WHERE postcode_norm <> '')")


def near_values(person_ids: Iterable, today: date, connection) -> tuple:
    """``near_sql``'s parameters for these people on ``today``."""
    # Today once for each of ``near_sql``'s tests of a dated row (a date in a CTE of its own
    # made PostgreSQL test each address warning against the family afresh: 8 -> 60 ms),
    # counted once a process, not on every page that shows a family.
    days = _DATED_ROWS.get(connection.vendor)
    if days is None:
        days = _DATED_ROWS[connection.vendor] = near_sql(connection).count("%s") - 1
    return (list_value(person_ids, Person._meta.pk, connection), *[today.isoformat()] * days)


#: How many of ``near_sql``'s parameters are today, for each database vendor.
_DATED_ROWS: dict[str, int] = {}
