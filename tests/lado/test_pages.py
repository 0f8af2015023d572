"""The LADO's pages: the queue (R-LADO-2: time left, overdue first, 25 a page, sorted in the
database), recording a notification and moving a matter on through its forms (every problem
named on its field, 400, nothing written; a stale form 409), the meeting's minutes as a PDF,
and the LADO's home page and list of what is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.due import TEAM, due_for
from hearth.frontdoor.actions import contacts as frontdoor
from hearth.lado.actions import matters as actions
from hearth.lado.codes import MatterStatus
from hearth.lado.models import Matter
from hearth.lado.rules import matters as rules
from hearth.lado.rules.notifications import notification_due
from tests.lado.conftest import NOW, SCHOOL, TODAY, at

pytestmark = pytest.mark.django_db


def matters(n: int, by, *, start: int = 0, responded: bool = False) -> list[Matter]:
    """``n`` matters told to the LADO an hour apart, going back from now."""
    made = []
    for i in range(start, start + n):
        told = NOW - timedelta(hours=i + 1)
        made.append(Matter.objects.create(
            origin="consultation", notifier_name="A Caller", notifier_organisation="A School",
            notifier_contact="0", incident_on=TODAY - timedelta(days=2),
            concern_shared_at=told - timedelta(hours=2), notified_at=told,
            notification_due=notification_due(told - timedelta(hours=2)),
            response_due=rules.response_due(told), responded_at=NOW if responded else None,
            subject_given_name=f"Person{i:03d}", subject_family_name="Example",
            subject_employer="A School", subject_role="Teacher", sector="education",
            subject_key=f"person{i}|example|", setting="workplace", allegation="x",
            created_by=by, created_at=NOW))
    return made


def queries_for(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_r_lado_2_the_queue_puts_waiting_matters_first_the_most_overdue_at_the_top(
        as_user, lado_officer, time_machine):
    done = matters(1, lado_officer, responded=True)[0]
    older, newer = matters(2, lado_officer, start=30)[::-1]
    time_machine.move_to(older.response_due + timedelta(hours=1), tick=False)
    page = as_user(lado_officer).get("/lado").content.decode()
    assert page.index(older.reference) < page.index(newer.reference) < page.index(
        done.reference)
    assert "Overdue by 1 hour" in page and "Response overdue" in page


def test_the_queue_takes_the_same_queries_for_3_or_30_matters_and_shows_25_a_page(
        as_user, lado_officer):
    client = as_user(lado_officer)
    matters(3, lado_officer)
    few = queries_for(client, "/lado")
    made = matters(27, lado_officer, start=3)
    assert queries_for(client, "/lado") == few <= 10
    first = client.get("/lado").content.decode()
    assert made[-1].reference in first and made[-1].reference not in client.get(
        "/lado?page=2").content.decode()
    assert 'aria-label="Page 2"' in first


def test_the_closed_matters_are_listed_on_their_own(as_user, lado_officer):
    closed = matters(1, lado_officer)[0]
    Matter.objects.filter(pk=closed.pk).update(status=MatterStatus.CLOSED, closed_at=NOW)
    client = as_user(lado_officer)
    assert closed.reference not in client.get("/lado").content.decode()
    assert closed.reference in client.get("/lado?show=closed").content.decode()


FORM = {"notifier_name": "Amira Shah", "notifier_role": "Headteacher",
        "notifier_organisation": "Northam Primary School",
        "notifier_contact": "023 8000 0000", "dsl_name": "", "incident_on": "16/11/2026",
        "concern_shared_at": "16/11/2026 15:30", "notified_at": "17/11/2026 09:00",
        "subject_given_name": "Mark", "subject_family_name": "Benson",
        "subject_date_of_birth": "2/3/1985", "subject_employer": "Northam Primary School",
        "subject_role": "Class teacher", "sector": "education", "setting": "workplace",
        "allegation": "Jack says Mr Benson grabbed his arm.", "child_1_given_name": "Jack",
        "child_1_family_name": "Fletcher", "child_1_date_of_birth": "14/9/2016"}


def test_lara_records_a_consultation_on_the_page(as_user, lado_officer):
    response = as_user(lado_officer).post("/lado/matters/new", FORM)
    matter = Matter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/lado/matters/{matter.pk}"
    assert matter.concern_shared_at == at(2026, 11, 16, 15, 30)
    assert [c.name for c in matter.children.all()] == ["Jack Fletcher"]


def test_a_notification_with_problems_names_each_and_writes_nothing(as_user, lado_officer):
    bad = {**FORM, "sector": "banking", "allegation": "", "child_1_given_name": "",
           "child_1_family_name": "", "child_1_date_of_birth": "",
           "notified_at": "16/11/2026 09:00"}
    response = as_user(lado_officer).post("/lado/matters/new", bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Select the sector the person works in" in page
    assert "Enter what is alleged" in page
    assert not Matter.objects.exists()
    late = as_user(lado_officer).post("/lado/matters/new", {
        **FORM, "notified_at": "16/11/2026 09:00", "child_1_family_name": ""})
    text = late.content.decode()
    assert late.status_code == 400 and "Enter the family name of child 1" in text
    assert "The LADO cannot have been told before the concern was shared" in text
    assert 'href="#id_child_1_family_name"' in text
    assert not Matter.objects.exists()


def test_the_matter_page_takes_the_same_queries_for_one_or_many_children_and_meetings(
        as_user, lado_officer, record):

    from hearth.lado.actions.children import do_add_child
    from hearth.lado.actions.meetings import do_record_meeting
    from hearth.lado.rules.children import ChildLine
    from hearth.lado.rules.meetings import ActionLine, Attendee

    matter = record()
    actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                               criteria=["harm"])
    client = as_user(lado_officer)
    url = f"/lado/matters/{matter.pk}"

    def more(version: int) -> int:
        do_add_child(matter, acting_user=lado_officer, expected_version=version,
                     child=ChildLine(f"Child{version}", "Price",
                                           TODAY - timedelta(days=11 * 365)))
        do_record_meeting(matter, acting_user=lado_officer, expected_version=version + 1,
                          held_on=TODAY, information_shared="x",
                          attendees=[Attendee("A", "B"), Attendee("C", "D")],
                          actions=[ActionLine("x", "y", TODAY)])
        return version + 2

    version = more(2)
    few = queries_for(client, url)
    for _ in range(3):
        version = more(version)
    assert queries_for(client, url) == few <= 16


def step(client, matter, name, data):
    matter.refresh_from_db()
    return client.post(f"/lado/matters/{matter.pk}/{name}", {**data,
                                                            "version": matter.version})


def test_the_forms_move_a_matter_on_and_refuse_closing_without_an_outcome(
        as_user, lado_officer, record):
    matter = record()
    client = as_user(lado_officer)
    assert step(client, matter, "criteria", {"criteria": ["harm", "risk"]}).status_code == 302
    assert step(client, matter, "response", {"responded_at": "17/11/2026 10:30",
                                             "response": "Advice given"}).status_code == 302
    refused = step(client, matter, "close", {})
    assert refused.status_code == 400
    assert "A matter is closed only with its outcome" in refused.content.decode()
    matter.refresh_from_db()
    assert matter.status == MatterStatus.OPEN
    early = step(client, matter, "outcome", {"outcome": "false", "outcome_on": "1/11/2026"})
    assert early.status_code == 400
    assert "The date of the outcome cannot be before the LADO was told (17 November 2026)" in \
        early.content.decode()
    assert 'href="#id_outcome_on"' in early.content.decode()
    assert step(client, matter, "employer", {
        "suspension_considered": "yes", "suspension": "alternative",
        "investigation": "planned", "disciplinary": "", "police": "informed",
        "social_care": "not_involved"}).status_code == 302
    assert step(client, matter, "outcome", {"outcome": "unfounded",
                                            "outcome_on": "17/11/2026"}).status_code == 302
    assert step(client, matter, "referrals", {"dbs_referred_on": "",
                                              "regulator": "",
                                              "regulator_referred_on": ""}).status_code == 302
    assert step(client, matter, "close", {}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and matter.suspension == "alternative"
    page = client.get(f"/lado/matters/{matter.pk}").content.decode()
    assert "Unfounded" in page and "What to do next" not in page


def test_a_stale_form_is_409_and_keeps_what_was_typed(as_user, lado_officer, record):
    matter = record()
    client = as_user(lado_officer)
    actions.do_respond(matter, acting_user=lado_officer, expected_version=1,
                       responded_at=NOW, response="By phone")
    response = client.post(f"/lado/matters/{matter.pk}/criteria",
                           {"criteria": ["offence"], "version": 1})
    assert response.status_code == 409
    assert "Someone else changed this matter" in response.content.decode()
    assert 'value="offence" checked' in response.content.decode()


def test_the_lado_opens_a_matter_from_a_contact_its_details_carried_over(
        as_user, lado_officer, front_door, fletchers):
    contact = frontdoor.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child")],
        received_at=at(2026, 11, 17, 10, 0), channel="phone", caller_kind="professional",
        caller_name="Amira Shah", caller_agency="Northam Primary School",
        caller_contact="023 8000 0000", referral_source="2A",
        worries="Jack says his teacher grabbed him.", urgency="today", family_aware=True,
        family_told_sharing=True)
    frontdoor.do_decide(contact, acting_user=front_door, outcome="lado", rationale="A teacher")
    client = as_user(lado_officer)
    home = client.get("/").content.decode()
    assert f"Open a matter from contact {contact.reference}" in home
    form = client.get(f"/lado/contacts/{contact.pk}/matter").content.decode()
    assert 'value="Amira Shah"' in form and "Jack says his teacher grabbed him." in form
    assert "Jack Fletcher" in form
    data = {**FORM, "notified_at": "17/11/2026 10:00", "child_1_given_name": "",
            "child_1_family_name": "", "child_1_date_of_birth": ""}
    response = client.post(f"/lado/contacts/{contact.pk}/matter", data)
    assert response.status_code == 302
    matter = Matter.objects.get()
    assert matter.contact == contact and matter.children.get().person == fletchers["jack"]
    assert f"Open a matter from contact {contact.reference}" not in client.get("/").content.decode()


def test_the_lado_finds_and_links_a_named_childs_record(as_user, lado_officer, record,
                                                         fletchers):
    matter = record()
    child = matter.children.get()
    client = as_user(lado_officer)
    page = client.get(f"/lado/matters/{matter.pk}/children/{child.pk}/link").content.decode()
    assert "Jack Fletcher, born 14 September 2016" in page
    response = client.post(f"/lado/matters/{matter.pk}/children/{child.pk}/link",
                           {"person": str(fletchers["jack"].pk), "version": 1})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.person == fletchers["jack"]


def test_a_meeting_is_recorded_on_its_page_and_its_minutes_are_a_pdf(
        as_user, lado_officer, record):
    from hearth.access.models import AuditEntry

    matter = record()
    actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                               criteria=["harm"])
    client = as_user(lado_officer)
    data = {"version": 2, "held_on": "17/11/2026", "information_shared": "The bruise log.",
            "attendee_1_name": "Lara Officer", "attendee_1_agency": "LADO",
            "attendee_2_name": "DC Rao", "attendee_2_agency": "Hampshire Police",
            "action_1_action": "Interview Jack", "action_1_owner": "DC Rao",
            "action_1_due_on": "20/11/2026", "next_meeting_on": "1/12/2026"}
    missing = client.post(f"/lado/matters/{matter.pk}/meetings/new",
                          {**data, "action_1_owner": ""})
    assert missing.status_code == 400 and "Enter who owns action 1" in missing.content.decode()
    assert 'href="#id_action_1_owner"' in missing.content.decode()
    response = client.post(f"/lado/matters/{matter.pk}/meetings/new", data)
    assert response.status_code == 302
    meeting = matter.meetings.get()
    page = client.get(f"/lado/meetings/{meeting.pk}").content.decode()
    assert "Hampshire Police" in page and "Interview Jack" in page
    pdf = client.get(f"/lado/meetings/{meeting.pk}/minutes.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="download_lado_minutes", username="lara").exists()


def test_r_lado_2_the_responses_due_are_on_the_lados_list_and_her_service_managers(
        lado_officer, lado_manager, other_manager, record, jacks_matter):
    mine = record()
    items = due_for(lado_officer)
    assert {i.link for i in items} == {f"/lado/matters/{mine.pk}",
                                       f"/lado/matters/{jacks_matter.pk}"}
    assert all(i.person_id == "" and "Jack" not in i.person_name for i in items)
    assert len(due_for(lado_manager, scope=TEAM)) == 2
    assert due_for(other_manager, scope=TEAM) == []
    actions.do_respond(mine, acting_user=lado_officer, expected_version=1, responded_at=NOW,
                       response="Advice")
    assert [i.link for i in due_for(lado_officer)] == [f"/lado/matters/{jacks_matter.pk}"]


def test_the_lados_home_shows_her_queue(as_user, lado_officer, record):
    matter = record()
    page = as_user(lado_officer).get("/").content.decode()
    assert matter.reference in page and "LADO queue" in page
    assert "Respond to the LADO notification" in page


def test_the_notification_clock_is_shown_and_late_ones_flagged(as_user, lado_officer, record):
    matter = record(concern_shared_at=at(2026, 11, 13, 9, 0), incident_on=TODAY - timedelta(5))
    page = as_user(lado_officer).get(f"/lado/matters/{matter.pk}").content.decode()
    assert "Late notification" in page and "14 November 2026 09:00" in page
    assert SCHOOL.allegation in page
