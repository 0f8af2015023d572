"""Whose family is whose when a worker records for several children at once (a visit, a note)
and when the visits and notes pages ask whether there is a family to record for: the
children's own brothers and sisters by a shared parent or a sibling relationship, a parent's
children, never someone the reader may not see (issue 14 reads the family in two queries
compiled once a process). Sam the social worker, Olly an outsider, the Fletchers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.casework.models import Involvement
from hearth.casework.queries import family_children, family_ids, family_size
from hearth.people import actions
from hearth.people.models import Person

pytestmark = pytest.mark.django_db


def _person(by, given: str, family_name: str, years: int) -> Person:
    """Someone ``years`` old today (dates computed from today: the tests pass on any date)."""
    born = timezone.localdate() - timedelta(days=365 * years + 40)
    return actions.do_create_person(acting_user=by, given_name=given, family_name=family_name,
                                    date_of_birth=born, sex="M", ethnicity="WBRI")


@pytest.fixture
def family(social_worker, fletchers):
    """The Fletchers, with Jack's half-brother Liam (a sibling of Jack's only) and Amy's
    step-father Dean."""
    liam = _person(social_worker, "Liam", "Rowe", 12)
    dean = _person(social_worker, "Dean", "Rowe", 41)
    actions.do_add_relationship(fletchers["jack"], liam, acting_user=social_worker,
                                kind="sibling")
    actions.do_add_relationship(dean, fletchers["amy"], acting_user=social_worker,
                                kind="step_parent")
    return {**fletchers, "liam": liam, "dean": dean}


def test_each_persons_family_of_children(family):
    names = {p.pk: p.given_name for p in family.values()}

    def of(who):
        return sorted(names[pk] for pk in family_ids(family[who]))

    assert of("jack") == ["Amy", "Jack", "Liam"]  # by his mother, and his half-brother
    assert of("amy") == ["Amy", "Jack"]  # by her mother and her step-father
    assert of("mum") == ["Amy", "Jack"]  # a parent's children, not herself
    assert of("dean") == ["Amy"]
    assert of("liam") == ["Jack", "Liam"]  # the sibling relationship, read either way


def test_only_the_children_sam_may_see_and_nobody_for_olly(social_worker, outsider,
                                                           family):
    for who in ("jack", "amy", "mum", "dean", "liam"):
        person = family[who]
        seen = set(Person.objects.visible_to(social_worker).values_list("pk", flat=True))
        children = family_children(social_worker, person)
        assert {c.pk for c in children} == family_ids(person) & seen
        assert family_size(social_worker, person) == len(children)
        assert family_size(outsider, person) == 0 == len(family_children(outsider, person))


def test_the_visits_page_offers_recording_for_the_family_only_where_there_is_one(
        as_user, social_worker, family):
    sam = as_user(social_worker)
    jack = sam.get(f"/people/{family['jack'].pk}/visits").content.decode()
    assert "Record a visit to several children" in jack
    alone = _person(social_worker, "Mia", "Stone", 8)
    Involvement.objects.create(person=alone, team=social_worker.team, worker=social_worker,
                               opened_on=timezone.localdate() - timedelta(days=60))
    mia = sam.get(f"/people/{alone.pk}/visits").content.decode()
    assert "Record a visit" in mia and "Record a visit to several children" not in mia
