"""Fran takes a call from Jack's teacher, end to end (R-FD-1..6, R-FD-3, R-PPL-2): she records
the conversation, finds Jack, links his mother after the duplicate check, adds mum's partner,
proposes no further action with advice and the school's plan; Carla authorises; Fran previews
the response letter and sends it. axe-core checks every page on the way."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.codes import ContactStatus
from hearth.frontdoor.models import Contact, ReferrerResponse
from hearth.people.models import Person
from tests.browser.helpers import assert_accessible, error_summary, path_of, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser

NFA = "No further action, with advice and the referrer's plan"


@pytest.fixture
def carla(front_door):
    """The CRS team manager."""
    return make_user("carla", Role.TEAM_MANAGER, team=front_door.team, first="Carla",
                     last="Manager")


def heading(page):
    return page.get_by_role("heading", level=1)


def fill_the_conversation(page, urgency: str | None = "Today") -> None:
    """The teacher's call; ``urgency`` is the radio to choose (None: leave it unchosen)."""
    page.get_by_role("radio", name="Professional").check()
    page.get_by_label("Caller's name").fill("Ms Amira Shah")
    page.get_by_label("Agency or organisation").fill("Northam Primary School")
    page.get_by_label("Caller's role").fill("Designated safeguarding lead")
    page.get_by_label("Relationship to the child").fill("Jack's teacher")
    page.get_by_label("How to reach the caller").fill("023 8000 0000")
    page.get_by_label("Caller's email address").fill("a.shah@northam.example.org")
    page.get_by_label("Referral source").select_option("2A")
    if urgency:
        page.get_by_role("radio", name=urgency).check()
    page.get_by_label("What is the caller worried about?").fill(
        "Jack arrived hungry three days running and has a bruise on his arm.")
    page.get_by_label("What is going well?").fill("Mum usually collects him and is warm with him.")
    page.get_by_label("What has the caller already done?").fill("Gave Jack breakfast.")
    page.get_by_label("The child's own words").fill("'Mum's boyfriend shouts a lot.'")
    page.get_by_label("Questions you asked").fill("Any injuries explained?")
    page.get_by_label("Advice or coaching you gave").fill("Record what Jack says in his words.")
    page.get_by_role("group", name="Does the family know about this call?").get_by_label(
        "Yes").check()


def test_fran_takes_a_call_and_the_teacher_gets_a_written_response(
        page, new_page, front_door, carla, fletchers, tmp_path: Path):
    jack, mum = fletchers["jack"], fletchers["mum"]
    sign_in(page, front_door)
    page.goto("/contacts")
    expect(heading(page)).to_have_text("Front-door queue")
    assert_accessible(page)
    page.get_by_role("link", name="Record a contact").click()
    expect(heading(page)).to_have_text("Record a contact")
    assert_accessible(page)

    # The conversation. The teacher has not told mum: the exceptional reason is needed (R-FD-2).
    fill_the_conversation(page)
    told = page.get_by_role("group", name="Was the family told that information would be shared?")
    told.get_by_label("No").check()
    reason = page.get_by_label("Why was the family not told?")
    expect(reason).to_be_visible()
    page.get_by_role("button", name="Continue: who the contact is about").click()
    expect(page).to_have_title("Error: Record a contact – Hearth")
    message = re.compile("Enter the exceptional reason the family was not told")
    expect(error_summary(page).get_by_role("link", name=message)).to_be_visible()
    expect(page.get_by_label("Caller's name")).to_have_value("Ms Amira Shah")
    assert_accessible(page)
    page.get_by_label("Why was the family not told?").fill(
        "Jack said mum's boyfriend shouts; telling mum now could put Jack at risk.")
    page.get_by_role("button", name="Continue: who the contact is about").click()

    # The people concerned: search first (R-FD-3).
    expect(heading(page)).to_have_text("Who is the contact about?")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Jack Fletcher")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Jack Fletcher")).to_be_visible()
    # Updated in place by htmx: wait for GOV.UK Frontend to start the new components.
    page.wait_for_function("() => document.querySelector('#find-person [data-govuk-button-init]')")
    assert_accessible(page)
    page.get_by_role("button", name="Link as a child (Jack Fletcher)").click()
    expect(page.get_by_text("Jack Fletcher is linked as a child.")).to_be_visible()
    linked = page.locator("#linked-people")
    expect(linked).to_contain_text("Allocated to Sam Worker, Family Help North")
    expect(page.get_by_role("heading", name="Warnings about risks to workers")).to_be_visible()
    assert_accessible(page)

    # Fran adds mum, misspelt: the duplicate check finds her record (R-PPL-2).
    new_person = page.locator("#new-person")
    new_person.get_by_label("Given name").fill("Kery")
    new_person.get_by_label("Family name").fill("Fletcher")
    new_person.get_by_label("Date of birth").fill("2/4/1990")
    new_person.get_by_role("radio", name="Adult").check()
    page.get_by_role("button", name="Check for existing records and add").click()
    expect(page.get_by_text("This person may already have a record")).to_be_visible()
    assert_accessible(page)
    people_before = Person.objects.count()
    page.locator("#possible-duplicates").get_by_role(
        "button", name="Link as an adult (Kerry Fletcher)").click()
    expect(page.get_by_text("Kerry Fletcher is linked as an adult.")).to_be_visible()
    assert Person.objects.count() == people_before

    # Mum's boyfriend has no record: checked, then added and linked.
    new_person = page.locator("#new-person")
    new_person.get_by_label("Given name").fill("Dean")
    new_person.get_by_label("Family name").fill("Marsh")
    new_person.get_by_role("radio", name="Adult").check()
    page.get_by_role("button", name="Check for existing records and add").click()
    expect(page.get_by_text("Dean Marsh's record was created and linked as an adult.")
           ).to_be_visible()
    expect(linked.get_by_role("row")).to_have_count(4)  # a header and three people
    assert_accessible(page)

    page.get_by_role("button", name="Record the contact").click()
    contact = Contact.objects.get()
    expect(heading(page)).to_have_text(f"Contact {contact.reference}")
    expect(page.get_by_text(f"Contact {contact.reference} was recorded")).to_be_visible()
    assert {p.pk for p in contact.people.all()} == {
        jack.pk, mum.pk, Person.objects.get(given_name="Dean").pk}
    assert_accessible(page)

    # Fran proposes no further action: advice and the school's plan are needed (R-FD-5).
    # Only the chosen outcome's questions show (issue 15): none until she chooses one.
    expect(page.get_by_label("Advice given to the referrer")).to_be_hidden()
    expect(page.get_by_label("Team", exact=True)).to_be_hidden()
    page.get_by_role("radio", name=NFA).check()
    expect(page.get_by_label("Team", exact=True)).to_be_hidden()
    page.get_by_label("Advice given to the referrer").fill(
        "Keep offering breakfast club; call us again if the bruising recurs.")
    page.get_by_label("Steps the referring agency agreed to take").fill(
        "The school will check in with Jack each morning and talk to mum about food.")
    page.get_by_label("Reasons for the decision").fill(
        "Bruise explained by a fall at football; Jack is fed at school; mum engages.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("was sent to a manager to authorise")).to_be_visible()
    assert_accessible(page)
    contact_path = path_of(page)

    # Carla authorises.
    carlas = new_page()
    sign_in(carlas, carla)
    carlas.goto("/contacts")
    to_authorise = carlas.locator("#to-authorise")
    expect(to_authorise).to_contain_text(NFA)
    assert_accessible(carlas)
    to_authorise.get_by_role("link", name=contact.reference).click()
    expect(heading(carlas)).to_have_text(f"Contact {contact.reference}")
    assert_accessible(carlas)
    carlas.get_by_role("button", name="Authorise", exact=True).click()
    expect(carlas.get_by_text("You authorised the decision")).to_be_visible()
    assert_accessible(carlas)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECIDED

    # Fran previews the letter, downloads the PDF and sends it (R-FD-6).
    page.goto(contact_path)
    page.get_by_role("link", name="Preview and send the response").click()
    expect(heading(page)).to_have_text("Response to the referrer")
    letter = page.locator("#letter")
    expect(letter).to_contain_text("Dear Ms Amira Shah")
    expect(letter).to_contain_text("The school will check in with Jack each morning")
    expect(page.get_by_label("Send to")).to_have_value("a.shah@northam.example.org")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    saved = tmp_path / "letter.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes()[:4] == b"%PDF"
    page.get_by_role("button", name="Send the response").click()
    expect(page.get_by_text("The response was sent by email to a.shah@northam.example.org")
           ).to_be_visible()
    expect(page.locator("#responses")).to_contain_text("Email")
    assert_accessible(page)
    sent = ReferrerResponse.objects.get()
    assert sent.sent_to == "a.shah@northam.example.org" and sent.sent_by == front_door


def test_the_other_front_door_pages_pass_axe(page, new_page, front_door, social_worker, carla,
                                             fletchers):
    """The pages the call does not reach: errors, a race lost (409), the EDT queue, linking a
    person to a recorded contact, and the manager's timeliness view."""
    call = {"received_at": timezone.now(), "channel": "phone", "caller_kind": "public",
            "caller_name": "A neighbour", "caller_contact": "07700 900000",
            "referral_source": "1B", "worries": "Shouting at night", "urgency": "routine",
            "family_aware": False,
            "family_told_sharing": False, "not_told_reason": "The neighbour fears reprisals"}
    contact = actions.do_record_contact(acting_user=front_door,
                                        people=[(fletchers["jack"], "child")], **call)
    sign_in(page, front_door)
    sams = new_page()
    sign_in(sams, social_worker)
    for who in (page, sams):
        who.goto(f"/contacts/{contact.pk}")
        expect(heading(who)).to_have_text(f"Contact {contact.reference}")

    page.get_by_role("button", name="Record the decision").click()  # nothing chosen
    expect(page).to_have_title(f"Error: Contact {contact.reference} – Hearth")
    expect(error_summary(page).get_by_role("link", name="Select what happens next")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name="Early help / Family Help").check()
    page.get_by_label("Reasons for the decision").fill("Family Help can support mum")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded: Early help / Family Help.")).to_be_visible()

    # Sam decided at the same moment, on the version he opened: he is told, and keeps his words.
    sams.get_by_role("radio", name="Strategy discussion (section 47) needed").check()
    sams.get_by_label("Reasons for the decision").fill("Shouting and a bruise: strategy")
    sams.get_by_role("button", name="Record the decision").click()
    expect(sams.get_by_text("Someone else decided this contact")).to_be_visible()
    expect(sams.locator("#your-entries")).to_contain_text("Shouting and a bruise: strategy")
    assert_accessible(sams)

    page.goto(f"/contacts/{contact.pk}/people")
    expect(heading(page)).to_have_text("People concerned")
    assert_accessible(page)
    page.goto("/contacts/edt")
    expect(heading(page)).to_have_text("Emergency Duty Team queue")
    assert_accessible(page)

    late = actions.do_record_contact(acting_user=front_door, people=[], **{
        **call, "received_at": timezone.now() - timedelta(days=6)})
    actions.do_decide(late, acting_user=front_door, outcome="nfa", rationale="x", advice="a",
                      referrer_plan="p")
    carlas = new_page()
    sign_in(carlas, carla)
    carlas.goto(f"/contacts/{late.pk}")
    carlas.get_by_role("button", name="Return with comment").click()
    expect(error_summary(carlas).get_by_role("link", name="Enter a comment for the worker")
           ).to_be_visible()
    assert_accessible(carlas)
    carlas.goto("/contacts/timeliness")
    expect(heading(carlas)).to_have_text("Front-door timeliness")
    expect(carlas.locator("#overdue")).to_contain_text(late.reference)
    assert_accessible(carlas)
    carlas.get_by_label("From").fill("30/11/2026")
    carlas.get_by_label("To", exact=True).fill("1/11/2026")
    carlas.get_by_role("button", name="Show").click()
    expect(error_summary(carlas)).to_contain_text("To must be the same as or after From")
    assert_accessible(carlas)
