"""Two records of one person become one, nothing lost; an administrator can undo it (R-PPL-2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from hearth.access.models import AuditEntry
from hearth.casework.models import Involvement
from hearth.core.refusals import Refused
from hearth.people import actions
from hearth.people.models import Merge, Person, PersonAddress, PersonName, Relationship


@pytest.fixture
def duplicate_jack(fletchers, social_worker, north):
    """A second record of Jack, typed at the front door, with its own address and a case."""
    dup = actions.do_create_person(acting_user=social_worker, given_name="Jak",
                                   family_name="Fletcher", date_of_birth=date(2016, 9, 14))
    actions.do_add_address(dup, acting_user=social_worker, line1="4 Mill Lane",
                           postcode="SO14 2AB", start_date=date(2025, 1, 1))
    actions.do_add_relationship(fletchers["mum"], dup, acting_user=social_worker, kind="mother",
                                parental_responsibility=True)
    Involvement.objects.create(person=dup, team=north, opened_on=date(2026, 1, 1))
    return dup


@pytest.mark.django_db
def test_merging_moves_everything_across_R_PPL_2(fletchers, duplicate_jack, social_worker):
    jack = fletchers["jack"]
    merge = actions.do_merge(jack, duplicate_jack, acting_user=social_worker,
                             reason="Same child: same date of birth, mother and school")
    duplicate_jack.refresh_from_db()
    assert duplicate_jack.merged_into == jack
    assert PersonAddress.objects.filter(person=jack, address__line1="4 Mill Lane").exists()
    assert Involvement.objects.filter(person=jack).count() == 2
    assert Relationship.objects.filter(person=fletchers["mum"], relative=jack).count() == 2
    assert PersonName.objects.filter(person=jack, given_name="Jak").exists()
    assert not Person.objects.visible_to(social_worker).filter(pk=duplicate_jack.pk).exists()
    assert AuditEntry.objects.filter(action="merge", object_id=str(jack.pk)).exists()
    assert merge.moved


@pytest.mark.django_db
def test_an_administrator_reverses_a_merge(fletchers, duplicate_jack, social_worker,
                                           administrator, as_user):
    jack = fletchers["jack"]
    merge = actions.do_merge(jack, duplicate_jack, acting_user=social_worker, reason="same")
    client = as_user(administrator)
    assert client.get(reverse("web:merges")).status_code == 200
    response = client.post(reverse("web:merge_reverse", args=[merge.pk]),
                           {"reason": "The school says these are two different boys"})
    assert response.status_code == 302
    duplicate_jack.refresh_from_db()
    assert duplicate_jack.merged_into is None
    assert PersonAddress.objects.filter(person=duplicate_jack).count() == 1
    assert Involvement.objects.filter(person=jack).count() == 1
    assert not PersonName.objects.filter(person=jack, given_name="Jak").exists()
    merge.refresh_from_db()
    assert merge.reversed_by == administrator


@pytest.mark.django_db
def test_a_social_worker_cannot_reverse_a_merge(fletchers, duplicate_jack, social_worker,
                                                as_user):
    merge = actions.do_merge(fletchers["jack"], duplicate_jack, acting_user=social_worker,
                             reason="same")
    response = as_user(social_worker).post(reverse("web:merge_reverse", args=[merge.pk]),
                                           {"reason": "x"})
    assert response.status_code == 403
    assert Merge.objects.get().reversed_at is None


@pytest.mark.django_db
def test_merge_refuses_the_same_record_twice(fletchers, duplicate_jack, social_worker):
    actions.do_merge(fletchers["jack"], duplicate_jack, acting_user=social_worker, reason="same")
    with pytest.raises(Refused):
        actions.do_merge(fletchers["amy"], duplicate_jack, acting_user=social_worker,
                         reason="again")
    with pytest.raises(Refused):
        actions.do_merge(fletchers["amy"], fletchers["amy"], acting_user=social_worker,
                         reason="self")


@pytest.mark.django_db
def test_the_merged_records_page_answers_404(fletchers, duplicate_jack, social_worker, as_user):
    actions.do_merge(fletchers["jack"], duplicate_jack, acting_user=social_worker, reason="same")
    page = as_user(social_worker).get(reverse("web:person", args=[duplicate_jack.pk]))
    assert page.status_code == 404
