"""People's registration points (issue 12): the person page's panels, the person API's extra
fields and what follows a change of address or household are registered by the higher apps,
so people never imports them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from hearth.casework.queries import involvements_panel
from hearth.chronology.actions import follow_people_record
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.frontdoor.queries.contacts import contacts_panel
from hearth.people import actions
from hearth.people.queries.persons import PERSON_PANELS, Panel, person_panels
from hearth.people.schemas import PERSON_API_FIELDS, ExtraField, extra_fields, person_out


def test_the_higher_apps_register_their_panels_in_order():
    registered = list(PERSON_PANELS)
    assert involvements_panel in registered and contacts_panel in registered
    assert registered.index(involvements_panel) < registered.index(contacts_panel)


@pytest.mark.django_db
def test_the_person_page_renders_each_registered_panel_in_order(monkeypatch, as_user,
                                                                 social_worker, fletchers):
    def first(user, person):
        return Panel("people/_test_panel.html", {"words": f"first for {user.username}"})

    def hidden(user, person):
        return None  # nothing to show this user

    monkeypatch.setattr(PERSON_PANELS, "_items", [first, hidden, *PERSON_PANELS])
    monkeypatch.setattr("django.template.loader.get_template", _with_test_panel(
        "django.template.loader.get_template"))
    jack = fletchers["jack"]
    assert [p.template for p in person_panels(social_worker, jack)][:2] == [
        "people/_test_panel.html", "casework/_person_involvements.html"]
    page = as_user(social_worker).get(reverse("web:person", args=[jack.pk])).content.decode()
    assert page.index(f"first for {social_worker.username}") < page.index("Involvements") \
        < page.index("Contacts")


def _with_test_panel(_name):
    from django.template import engines
    from django.template.loader import get_template as real

    def get_template(name, using=None):
        if name == "people/_test_panel.html":
            return engines["django"].from_string("<p>{{ words }} ({{ person.given_name }})</p>")
        return real(name, using)
    return get_template


def test_R_SAFE_1_safety_adds_the_warnings_to_the_person_api():
    names = [f.name for f in PERSON_API_FIELDS if isinstance(f, ExtraField)]
    assert "worker_safety_warnings" in names
    field = person_out().model_fields["worker_safety_warnings"]
    assert field.default == [] and not field.is_required()


@pytest.mark.django_db
def test_each_extra_field_is_answered_for_the_reader(social_worker, fletchers):
    values = extra_fields(social_worker, fletchers["jack"])
    assert values["worker_safety_warnings"] == []


def test_the_chronology_follows_peoples_addresses_and_households():
    assert follow_people_record in list(actions.RECORD_CHANGED)


@pytest.mark.django_db
def test_R_PPL_3_a_new_address_reaches_the_chronology_through_the_registration(social_worker,
                                                                               fletchers):
    jack = fletchers["jack"]
    actions.do_add_address(jack, acting_user=social_worker, line1="1 Mill Lane",
                           postcode="SO17 1BJ", start_date=date(2026, 3, 1))
    assert Event.objects.filter(person=jack, origin="address").count() == 1


@pytest.mark.django_db
def test_R_PPL_3_leaving_before_joining_is_refused_on_the_field(social_worker, fletchers):
    membership = actions.do_join_household(fletchers["jack"], acting_user=social_worker,
                                           start_date=date(2026, 3, 1), name="Mill Lane")
    with pytest.raises(Refused) as refused:
        actions.do_leave_household(membership, acting_user=social_worker,
                                   end_date=date(2026, 2, 1))
    assert refused.value.field == "end_date"
