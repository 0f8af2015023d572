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
from hearth.safety.actions.warnings import do_add_warning


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


@pytest.mark.django_db
def test_issue_13_item_8_adas_merge_list_shows_no_child_and_no_family_warning(
        fletchers, duplicate_jack, social_worker, administrator, as_user):
    """Administrators see no casework: Ada's list of merges names each merge by its own
    reference, never the children's records it joined, and the worker-safety warning on
    Jack's mother is not shown to her (it still is to Sam, on the same list's records)."""
    jack = fletchers["jack"]
    do_add_warning(acting_user=social_worker, person=fletchers["mum"], kind="animals",
                   what_happened="Two large dogs loose in the garden", source="Sam's visit",
                   occurred_on=date(2026, 10, 2), disclosed_to_person=True)
    merge = actions.do_merge(jack, duplicate_jack, acting_user=social_worker, reason="same")
    response = as_user(administrator).get(reverse("web:merges"))
    assert response.status_code == 200
    html = response.content.decode()
    for casework in (str(jack.pk), str(duplicate_jack.pk), str(fletchers["mum"].pk),
                     "Worker safety", "Two large dogs", "Fletcher"):
        assert casework not in html, casework
    assert reverse("web:merge_reverse", args=[merge.pk]) in html
    reverse_page = as_user(administrator).get(reverse("web:merge_reverse", args=[merge.pk]))
    assert "Worker safety" not in reverse_page.content.decode()
    # Sam, who works with the family, still sees the warning first on Jack's page.
    assert "Two large dogs" in as_user(social_worker).get(
        reverse("web:person", args=[jack.pk])).content.decode()


@pytest.mark.django_db
def test_issue_13_item_8_the_merging_worker_is_told_the_merge_reference(
        fletchers, duplicate_jack, social_worker, as_user):
    response = as_user(social_worker).post(
        reverse("web:person_merge", args=[fletchers["jack"].pk]),
        {"other": str(duplicate_jack.pk), "reason": "Same child: same school and mother"},
        follow=True)
    merge = Merge.objects.get()
    assert f"merge {merge.pk}: give this reference to reverse it" in response.content.decode()
