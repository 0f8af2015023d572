"""Strategy discussions on the pages: Sam records one about Jack from his open case with the
police and the school, and a joint Section 47 enquiry starts with its ICPC due date (R-CP-1);
the page names what is wrong when the police are missing or an action has no owner; Jack's
child protection page lists the discussions and enquiries, an overdue ICPC tagged. Olly, the
outsider, gets 404 everywhere; Pat, the police partner, cannot record; Chris the chair reads."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.assessments.actions import do_start_assessment
from hearth.frontdoor.actions import contacts as frontdoor
from hearth.protection.models import Section47Enquiry, StrategyAction, StrategyDiscussion
from tests.conftest import make_user
from tests.protection.conftest import LONDON

pytestmark = pytest.mark.django_db


def strategy_form(**changes) -> dict:
    data = {
        "held_on": "16/11/2026", "participant_rows": "6", "action_rows": "4",
        "participant_1_name": "Sam Worker", "participant_1_agency": "Children's services",
        "participant_1_agency_kind": "social_care", "participant_1_role": "Social worker",
        "participant_2_name": "DC Pat Officer", "participant_2_agency": "Hampshire Police",
        "participant_2_agency_kind": "police", "participant_2_role": "Investigator",
        "participant_3_name": "Amira Shah", "participant_3_agency": "Northam Primary School",
        "participant_3_agency_kind": "education", "participant_3_role": "DSL",
        "information_shared": "School: a bruise on Jack's cheek. Police: a callout in October.",
        "decision": "s47_joint", "decision_reasons": "Jack's account and the injury.",
        "action_1_action": "Visit Jack at school", "action_1_owner": "Sam Worker",
        "action_1_due_on": "17/11/2026",
        "action_2_action": "Check police records for Dean", "action_2_owner": "DC Pat Officer",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def new_url(child) -> str:
    return f"/people/{child.pk}/strategy-discussions/new"


def test_sam_records_a_strategy_discussion_from_jacks_open_case_with_police_and_school(
        fletchers, social_worker, as_user):
    jack, client = fletchers["jack"], as_user(social_worker)
    page = client.get(new_url(jack))
    assert page.status_code == 200
    html = page.content.decode()
    assert "The open case with Family Help North (allocated to Sam Worker)" in html
    assert html.count("<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
                      "Participant ") == 6
    response = client.post(new_url(jack), strategy_form())
    discussion = StrategyDiscussion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/strategy-discussions/{discussion.pk}"
    assert discussion.origin == "open_case" and discussion.involvement is not None
    assert discussion.participants.count() == 3 and discussion.actions.count() == 2
    enquiry = Section47Enquiry.objects.get()
    assert (enquiry.strategy, enquiry.joint, enquiry.icpc_due) == (discussion, True,
                                                                    date(2026, 12, 7))
    shown = client.get(response["Location"]).content.decode()
    assert "A Section 47 enquiry has started: the initial child protection conference is due " \
           "by 7 December 2026." in shown
    assert "Northam Primary School" in shown and "Check police records for Dean" in shown
    person = client.get(f"/people/{jack.pk}/protection").content.decode()
    assert "Children&#x27;s services, Hampshire Police, Northam Primary School" in person
    assert "Section 47 enquiry by children&#x27;s social care" not in person
    assert "7 December 2026" in person and "Overdue" not in person
    assert AuditEntry.objects.filter(action="view_protection",
                                     object_id=str(jack.pk)).exists()


def test_without_the_police_the_page_says_so_and_nothing_is_saved(fletchers, social_worker,
                                                                  as_user):
    response = as_user(social_worker).post(new_url(fletchers["jack"]), strategy_form(
        participant_2_name="", participant_2_agency="", participant_2_agency_kind="",
        participant_2_role=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "The police must take part in a strategy discussion" in html
    assert 'href="#participants"' in html  # the error summary links to the group
    assert not StrategyDiscussion.objects.exists()


def test_a_known_police_agency_typed_by_name_counts_as_the_police(fletchers, social_worker,
                                                                  police, as_user):
    response = as_user(social_worker).post(new_url(fletchers["jack"]), strategy_form(
        participant_2_agency_kind=""))
    assert response.status_code == 302
    assert StrategyDiscussion.objects.get().participants.get(
        name="DC Pat Officer").agency_kind == "police"


def test_every_action_needs_an_owner_and_a_due_date_after_the_discussion(
        fletchers, social_worker, as_user):
    response = as_user(social_worker).post(new_url(fletchers["jack"]), strategy_form(
        action_1_owner="", action_2_due_on="12/11/2026"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter who owns action 1" in html and 'href="#id_action_1_owner"' in html
    assert "Action 2 cannot be due before the strategy discussion (16 November 2026)" in html
    assert not StrategyAction.objects.exists()


def test_more_rows_keep_what_was_entered(fletchers, social_worker, as_user):
    response = as_user(social_worker).post(new_url(fletchers["jack"]),
                                           strategy_form(more_participants="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="participant_9_name"' in html and 'name="participant_10_name"' not in html
    assert 'value="Amira Shah"' in html and "There is a problem" not in html
    assert not StrategyDiscussion.objects.exists()


def test_the_discussion_may_follow_a_contact_or_an_assessment(fletchers, social_worker,
                                                             front_door, as_user):
    """The contact is offered once the front door's manager has agreed that a strategy
    discussion is needed (seed 003, R-FD-5), not while it is only proposed."""
    jack, amy, client = fletchers["jack"], fletchers["amy"], as_user(social_worker)
    carla = make_user("carla", Role.TEAM_MANAGER, team=front_door.team, first="Carla",
                      last="Crs")
    contact = frontdoor.do_record_contact(
        acting_user=front_door, people=[(jack, "child")],
        received_at=datetime(2026, 11, 16, 9, 0, tzinfo=LONDON), channel="phone",
        caller_kind="professional", caller_name="Amira Shah", caller_contact="023 8000 0000",
        referral_source="2A", worries="A bruise", urgency="today", family_aware=True,
        family_told_sharing=True)
    proposed = frontdoor.do_decide(contact, acting_user=front_door, outcome="strategy",
                                   rationale="Reasonable cause to suspect significant harm.")
    person = client.get(f"/people/{jack.pk}/protection").content.decode()
    assert f"?contact={contact.pk}" not in person  # proposed, not yet agreed
    frontdoor.do_authorise(proposed, acting_user=carla)
    person = client.get(f"/people/{jack.pk}/protection").content.decode()
    assert f"?contact={contact.pk}" in person
    page = client.get(f"{new_url(jack)}?contact={contact.pk}").content.decode()
    assert f"Contact {contact.reference}, received 16 November 2026" in page
    assert client.get(f"{new_url(amy)}?contact={contact.pk}").status_code == 404
    response = client.post(f"{new_url(jack)}?contact={contact.pk}", strategy_form())
    assert response.status_code == 302
    assert StrategyDiscussion.objects.get().contact == contact

    assessment = do_start_assessment(amy.involvements.get(), acting_user=social_worker)
    assert client.get(f"{new_url(jack)}?assessment={assessment.pk}").status_code == 404
    assert client.get(f"{new_url(amy)}?assessment=nonsense").status_code == 404
    response = client.post(f"{new_url(amy)}?assessment={assessment.pk}", strategy_form())
    assert response.status_code == 302
    assert StrategyDiscussion.objects.get(person=amy).assessment == assessment


def test_a_child_without_an_open_case_needs_another_origin(fletchers, social_worker, as_user):
    jack, client = fletchers["jack"], as_user(social_worker)
    jack.involvements.update(status="closed", closed_on=date(2026, 11, 1))
    page = client.get(new_url(jack))  # Sam still sees Jack: he recorded him
    assert page.status_code == 200
    assert "Jack Fletcher has no open case" in page.content.decode()
    assert "Save the strategy discussion" not in page.content.decode()
    response = client.post(new_url(jack), strategy_form())
    assert response.status_code == 400
    assert "This child has no open case" in response.content.decode()
    assert not StrategyDiscussion.objects.exists()


def test_an_overdue_icpc_is_tagged_on_jacks_page(fletchers, social_worker, enquiry_for,
                                                 as_user):
    jack = fletchers["jack"]
    enquiry_for(jack, held_on=date(2026, 10, 20))  # ICPC due 10 November 2026
    page = as_user(social_worker).get(f"/people/{jack.pk}/protection").content.decode()
    assert "10 November 2026" in page and "Overdue" in page


def test_marking_an_action_done(fletchers, social_worker, as_user):
    client = as_user(social_worker)
    client.post(new_url(fletchers["jack"]), strategy_form())
    discussion = StrategyDiscussion.objects.get()
    action = discussion.actions.get(owner="Sam Worker")
    url = f"/strategy-discussions/{discussion.pk}/actions/{action.pk}/done"
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_on == date(2026, 11, 17)
    again = client.post(url)
    assert again.status_code == 400
    assert "already marked done on 17 November 2026" in again.content.decode()


def test_olly_the_outsider_gets_404_everywhere(fletchers, social_worker, outsider, as_user,
                                               enquiry_for):
    jack = fletchers["jack"]
    as_user(social_worker).post(new_url(jack), strategy_form())
    discussion = StrategyDiscussion.objects.get()
    action = discussion.actions.first()
    client = as_user(outsider)
    for url in (f"/people/{jack.pk}/protection", new_url(jack),
                f"/strategy-discussions/{discussion.pk}",
                f"/s47-enquiries/{discussion.enquiry.pk}",
                f"/s47-enquiries/{discussion.enquiry.pk}/visits/new",
                f"/s47-enquiries/{discussion.enquiry.pk}/outcome"):
        assert client.get(url).status_code == 404, url
    assert client.post(new_url(jack), strategy_form()).status_code == 404
    assert client.post(f"/strategy-discussions/{discussion.pk}/actions/{action.pk}/done"
                       ).status_code == 404
    assert StrategyDiscussion.objects.count() == 1


def test_pat_the_police_partner_cannot_record_or_read_them(fletchers, police_partner,
                                                           as_user):
    jack, client = fletchers["jack"], as_user(police_partner)
    assert client.get(new_url(jack)).status_code == 403
    assert client.post(new_url(jack), strategy_form()).status_code == 403
    assert client.get(f"/people/{jack.pk}/protection").status_code == 403
    assert not StrategyDiscussion.objects.exists()


def test_chris_the_chair_reads_but_does_not_record(fletchers, chair, enquiry_for, as_user):
    jack, client = fletchers["jack"], as_user(chair)
    enquiry = enquiry_for(jack)
    page = client.get(f"/people/{jack.pk}/protection")
    assert page.status_code == 200
    assert "Record a strategy discussion" not in page.content.decode()
    assert client.get(f"/s47-enquiries/{enquiry.pk}").status_code == 200
    assert client.get(new_url(jack)).status_code == 403
    assert client.get(f"/s47-enquiries/{enquiry.pk}/visits/new").status_code == 403


def test_jacks_page_does_not_ask_more_of_the_database_as_discussions_grow(
        fletchers, social_worker, as_user, enquiry_for):
    jack, client = fletchers["jack"], as_user(social_worker)
    enquiry_for(jack, held_on=date(2026, 9, 1))
    url = f"/people/{jack.pk}/protection"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for day in (date(2026, 9, 15), date(2026, 10, 1)):
        Section47Enquiry.objects.update(outcome="not_substantiated", outcome_on=day)
        enquiry_for(jack, held_on=day)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three.captured_queries) == len(one.captured_queries)
