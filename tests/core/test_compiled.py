"""Queries built and compiled once, their values bound on each run (``hearth.core.compiled``,
issue 14): the rows are the ORM's own, whatever the values; a shape is built once per
connection; bad values are refused by name. Sam the social worker and the Fletchers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.core import visibility
from hearth.core.compiled import compiled, forget
from hearth.people.models import Person, Relationship

pytestmark = pytest.mark.django_db

built: list[str] = []


@compiled
def relatives_of(p):
    built.append("relatives_of")
    return (Relationship.objects.filter(person_id=p.uuid("person"))
            .select_related("person", "relative").order_by("relative__given_name"))


@compiled
def names_among(p):
    return (Person.objects.filter(pk__any=p.uuids("ids"))
            .order_by("given_name").values_list("given_name", flat=True))


@compiled
def born_after(p, field):
    built.append(f"born_after {field}")
    return (Person.objects.filter(**{f"{field}__gt": p.date("day")})
            .order_by("given_name").values("given_name", "family_name"))


@compiled
def audited_since(p):
    return (AuditEntry.objects.filter(at__gte=p.datetime("since"),
                                      user_id_snapshot=p.integer("user"))
            .values_list("action", "object_id"))


@compiled
def visible_people_named(p, visible_sql):
    return (Person.objects.filter(pk__in=p.sql("visible", visible_sql),
                                  family_name=p.text("family"))
            .order_by("given_name").values_list("given_name", flat=True))


def test_the_rows_are_the_orms_own_for_any_family(social_worker, fletchers):
    mum, jack, amy = fletchers["mum"], fletchers["jack"], fletchers["amy"]
    forget()  # another test in this process may have built it on this connection
    built.clear()
    for person in (jack, amy, mum):
        expected = list(Relationship.objects.filter(person=person)
                        .select_related("person", "relative").order_by("relative__given_name"))
        found = relatives_of.all(person=person.pk)
        assert [(r.pk, r.kind, r.relative.given_name, r.person.family_name) for r in found] == [
            (r.pk, r.kind, r.relative.given_name, r.person.family_name) for r in expected]
        assert all(r._state.adding is False and r._state.db == "default" for r in found)
    # Kerry is the mother of both: her relatives are her children, read through the join.
    assert [r.relative.given_name for r in relatives_of.all(person=mum.pk)] == ["Amy", "Jack"]
    assert built == ["relatives_of"]  # built once, whoever asked next


def test_one_query_a_run_and_none_to_build(social_worker, fletchers):
    relatives_of.all(person=fletchers["jack"].pk)
    with CaptureQueriesContext(connection) as queries:
        relatives_of.first(person=fletchers["mum"].pk)
    assert len(queries.captured_queries) == 1
    assert relatives_of.first(person=fletchers["amy"].pk) is None  # Amy is no one's parent here


def test_counting_reads_one_number(social_worker, fletchers):
    mum = fletchers["mum"]
    assert relatives_of.count(person=mum.pk) == 2
    assert relatives_of.count(person=fletchers["amy"].pk) == 0
    assert names_among.count(ids=[mum.pk, fletchers["jack"].pk]) == 2
    with CaptureQueriesContext(connection) as queries:
        relatives_of.count(person=mum.pk)
    assert "COUNT(*)" in queries.captured_queries[0]["sql"]
    assert "ORDER BY" not in queries.captured_queries[0]["sql"]


def test_a_list_of_ids_binds_as_one_value_however_long(social_worker, fletchers):
    jack, amy = fletchers["jack"], fletchers["amy"]
    assert names_among.all(ids=[jack.pk, amy.pk]) == ["Amy", "Jack"]
    assert names_among.all(ids=[str(amy.pk)]) == ["Amy"]  # text ids are ids too
    assert names_among.all(ids=[]) == []
    assert "Jack" not in names_among.sql()  # values are never in the SQL text


def test_each_shape_is_built_once(social_worker, fletchers):
    forget()
    built.clear()
    last_year = timezone.localdate() - timedelta(days=365 * 12)
    assert {r["given_name"] for r in born_after.all("date_of_birth", day=last_year)} >= {"Amy"}
    assert born_after.all("date_of_birth", day=timezone.localdate()) == []
    assert born_after.all("date_of_birth", day=last_year)[0].keys() == {
        "given_name", "family_name"}
    assert built == ["born_after date_of_birth"]


def test_aware_times_and_numbers_bind_as_django_would(social_worker, fletchers):
    since = timezone.now() - timedelta(minutes=5)
    rows = audited_since.all(since=since, user=social_worker.pk)
    assert ("create", str(fletchers["jack"].pk)) in rows
    assert audited_since.all(since=timezone.now() + timedelta(minutes=5),
                             user=social_worker.pk) == []


def test_a_users_visibility_filter_embeds_with_its_own_values(
        social_worker, outsider, fletchers):
    def named_fletcher(user):
        sql, params = visibility.visible_sql(Person, user)
        return visible_people_named.all(sql, visible=params, family="Fletcher")

    assert named_fletcher(social_worker) == ["Amy", "Jack", "Kerry"]
    assert named_fletcher(outsider) == []  # Olly sees no one
    expected = list(Person.objects.visible_to(social_worker).filter(family_name="Fletcher")
                    .order_by("given_name").values_list("given_name", flat=True))
    assert named_fletcher(social_worker) == expected


def test_a_missing_value_or_a_wrong_shape_is_refused_by_name(social_worker, fletchers):
    with pytest.raises(TypeError, match="'person'"):
        relatives_of.all()
    with pytest.raises(TypeError, match="'ids' takes a list"):
        names_among.all(ids=str(fletchers["jack"].pk))
    sql, params = visibility.visible_sql(Person, social_worker)
    with pytest.raises(ValueError, match="visible: "):
        visible_people_named.all(sql, visible=(*params, 1), family="Fletcher")


def test_what_a_compiled_query_cannot_do(social_worker):
    @compiled
    def with_prefetch(p):
        return Person.objects.filter(pk=p.uuid("person")).prefetch_related("other_names")

    with pytest.raises(ValueError, match="prefetch_related"):
        with_prefetch.all(person=social_worker.pk)

    @compiled
    def nothing(p):
        return Person.objects.filter(Q(pk__in=[])).filter(family_name=p.text("family"))

    with CaptureQueriesContext(connection) as queries:
        assert nothing.all(family="Fletcher") == []
    assert len(queries.captured_queries) == 0


def test_forget_builds_again(social_worker, fletchers):
    relatives_of.all(person=fletchers["jack"].pk)
    built.clear()
    forget()
    relatives_of.all(person=fletchers["jack"].pk)
    assert built == ["relatives_of"]


@compiled
def first_two_named(p):
    return Person.objects.filter(family_name=p.text("family")).order_by("given_name")[:2]


def test_a_window_is_a_page_of_the_orms_rows_and_a_sliced_query_has_none(fletchers):
    """``window`` reads one page (the limit and offset bound as values: one statement for
    every page); the pages together are the ORM's rows in its order; a builder that slices
    its own query is refused a window, by name."""
    everyone = list(Person.objects.order_by("given_name").values_list("given_name", flat=True))
    pages = [names_among.window(start=start, size=2, ids=[p.pk for p in fletchers.values()])
             for start in (0, 2, 4)]
    assert pages == [everyone[0:2], everyone[2:4], []]
    with pytest.raises(ValueError, match="first_two_named"):
        first_two_named.window(start=0, size=1, family="Fletcher")
    with pytest.raises(ValueError):
        names_among.window(start=-1, size=2, ids=[])
    assert [p.given_name for p in first_two_named.all(family="Fletcher")] == ["Amy", "Jack"]
