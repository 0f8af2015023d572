"""Issue 16, the LADO: Lara, the LADO, takes a call from a school's designated safeguarding lead
about a teacher (a sector left out first, shown in the error summary), links Jack to his
record, records that the criteria are met (R-LADO-1), responds (R-LADO-2), holds an allegation
management meeting, records the employer's actions and the outcome, is stopped from closing
until she refers the dismissed teacher to the DBS (R-LADO-4), and closes the matter. Sam, Jack's
social worker, sees on Jack's record only that a LADO matter concerns him and whom to contact
(R-LADO-3). Every page passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.lado.models import Matter
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def day(d) -> str:
    return d.strftime("%d/%m/%Y")


def test_lara_manages_an_allegation_and_sam_sees_only_the_marker(new_page, social_worker,
                                                                  fletchers):
    from hearth.access.models import Team

    lara_user = make_user("lara", "lado", team=Team.objects.create(name="LADO service",
                                                                   service="lado"),
                          first="Lara", last="Officer")
    now = timezone.localtime()
    today = now.date()
    lara = new_page()
    sign_in(lara, lara_user)
    expect(lara.locator("#no-matters")).to_have_text("No LADO matters are open.")
    lara.get_by_role("link", name="Record a notification or consultation").click()
    expect(lara.get_by_role("heading", level=1)).to_have_text(
        "Record a notification or consultation")
    assert_accessible(lara)
    lara.get_by_label("Name of the person who notified").fill("Amira Shah")
    lara.get_by_label("Role of the person who notified").fill("Designated safeguarding lead")
    lara.get_by_label("Organisation that notified").fill("Northam Primary School")
    lara.get_by_label("Phone number or email address to reach them").fill("023 8000 0000")
    lara.get_by_label("Date of the incident").fill(day(today - timedelta(days=1)))
    lara.get_by_label("When the concern was shared").fill(
        (now - timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"))
    lara.get_by_label("Their given name").fill("Mark")
    lara.get_by_label("Their family name").fill("Benson")
    lara.get_by_label("Their date of birth").fill(
        (timezone.localdate() - timedelta(days=41 * 365)).strftime("%d/%m/%Y"))
    lara.get_by_label("Their employer or organisation").fill("Northam Primary School")
    lara.get_by_label("Their job or voluntary role").fill("Class teacher")
    lara.get_by_label("At work or while volunteering").check()
    lara.get_by_label("What is alleged").fill(
        "Jack says Mr Benson grabbed his arm hard in the playground; a bruise was seen.")
    lara.get_by_label("Child 1 given name").fill("Jack")
    lara.get_by_label("Child 1 family name").fill("Fletcher")
    lara.get_by_label("Child 1 date of birth").fill(
        fletchers["jack"].date_of_birth.strftime("%d/%m/%Y"))
    lara.get_by_role("button", name="Record the notification").click()
    expect(error_summary(lara)).to_contain_text("Select the sector the person works in")
    assert_accessible(lara)
    assert not Matter.objects.exists()
    lara.get_by_label("Sector they work in").select_option(label="Education")
    lara.get_by_role("button", name="Record the notification").click()
    matter = Matter.objects.get()
    expect(lara.get_by_text(f"LADO matter {matter.reference} recorded.")).to_be_visible()
    expect(lara.locator("#stage")).to_contain_text("New")
    assert_accessible(lara)

    lara.get_by_role("link", name="Find Jack's record").click()
    expect(lara.get_by_role("heading", level=1)).to_have_text("Find Jack Fletcher's record")
    assert_accessible(lara)
    lara.get_by_label("Jack Fletcher, born 14 September 2016").check()
    lara.get_by_role("button", name="Link to this record").click()
    expect(lara.get_by_text("Jack Fletcher is linked to their record.")).to_be_visible()
    expect(lara.locator("#children")).to_contain_text("Their record")

    lara.get_by_role("link", name="Record which criteria are met").click()
    expect(lara.get_by_role("heading", level=1)).to_have_text("Which criteria are met?")
    assert_accessible(lara)
    lara.get_by_label("Behaved in a way that has harmed a child").check()
    lara.get_by_role("button", name="Save the criteria").click()
    expect(lara.get_by_text("Criteria recorded.")).to_be_visible()
    expect(lara.locator("#stage")).to_contain_text("Awaiting response")

    lara.get_by_role("link", name="Record your response").click()
    assert_accessible(lara)
    lara.get_by_label("Your response").fill(
        "Mr Benson to work away from pupils until an allegation management meeting.")
    lara.get_by_role("button", name="Save the response").click()
    expect(lara.get_by_text("Response recorded.")).to_be_visible()
    expect(summary_value(lara, "By")).to_have_text("Lara Officer")

    lara.get_by_role("link", name="Record an allegation management meeting").click()
    expect(lara.get_by_role("heading", level=1)).to_have_text(
        "Record an allegation management meeting")
    assert_accessible(lara)
    lara.get_by_label("Date of the meeting").fill(day(today))
    lara.get_by_label("Attendee 1 name").fill("Lara Officer")
    lara.get_by_label("Attendee 1 agency").fill("LADO service")
    lara.get_by_label("Attendee 2 name").fill("DC Priya Rao")
    lara.get_by_label("Attendee 2 agency").fill("Hampshire Police")
    lara.get_by_label("Attendee 3 name").fill("Amira Shah")
    lara.get_by_label("Attendee 3 agency").fill("Northam Primary School")
    lara.get_by_label("Information shared").fill(
        "The school's log of the incident; the police hold no previous concerns.")
    lara.get_by_label("What action 1 is").fill("Interview Jack with his mother present")
    lara.get_by_label("Who owns action 1").fill("DC Priya Rao, Hampshire Police")
    lara.get_by_label("When action 1 is due").fill(day(today + timedelta(days=7)))
    lara.get_by_label("Date of the next meeting").fill(day(today + timedelta(days=21)))
    lara.get_by_role("button", name="Save the meeting").click()
    expect(lara.get_by_text("Meeting recorded.")).to_be_visible()
    expect(lara.locator("#attendees")).to_contain_text("Hampshire Police")
    expect(lara.get_by_role("link", name="Download the minutes (PDF)")).to_be_visible()
    assert_accessible(lara)
    lara.get_by_role("link", name="Back to the matter").click()
    expect(lara.locator("#stage")).to_contain_text("Meeting held")

    lara.get_by_role("link", name="Record the employer's actions").click()
    assert_accessible(lara)
    lara.get_by_role("group", name="Did the employer consider suspension?").get_by_label(
        "Yes").check()
    lara.get_by_label("Suspended", exact=True).check()
    lara.get_by_role("group", name="Employer's investigation").get_by_label("Complete").check()
    lara.get_by_role("group", name="Disciplinary action").get_by_label("Dismissed").check()
    lara.get_by_role("group", name="Police involvement").get_by_label(
        "No further action").check()
    lara.get_by_role("group", name="Children's social care involvement").get_by_label(
        "Informed").check()
    lara.get_by_role("button", name="Save", exact=True).click()
    expect(lara.get_by_text("Employer's actions recorded.")).to_be_visible()
    expect(summary_value(lara, "Disciplinary")).to_have_text("Dismissed")

    lara.get_by_role("link", name="Record the outcome").click()
    assert_accessible(lara)
    lara.get_by_label("Substantiated", exact=True).check()
    lara.get_by_label("Date of the outcome").fill(day(today))
    lara.get_by_role("button", name="Save the outcome").click()
    expect(lara.get_by_text("Outcome recorded.")).to_be_visible()

    lara.get_by_role("link", name="Close the matter").click()
    lara.get_by_role("button", name="Close the matter").click()
    expect(error_summary(lara)).to_contain_text(
        "record the referral to the Disclosure and Barring Service before closing")
    assert_accessible(lara)
    lara.get_by_role("link", name="Back to the matter").click()
    lara.get_by_role("link", name="Record referrals to the DBS and a regulator").click()
    assert_accessible(lara)
    lara.get_by_label("Date of the referral to the DBS").fill(day(today))
    lara.get_by_label("Name of the regulator").fill("Teaching Regulation Agency")
    lara.get_by_label("Date of the referral to the regulator").fill(day(today))
    lara.get_by_role("button", name="Save the referrals").click()
    expect(lara.get_by_text("Referrals recorded.")).to_be_visible()
    lara.get_by_role("link", name="Close the matter").click()
    lara.get_by_role("button", name="Close the matter").click()
    expect(lara.get_by_text("Matter closed.")).to_be_visible()
    expect(lara.locator("#stage")).to_contain_text("Closed")
    expect(lara.locator("#closed")).to_contain_text("Lara Officer")
    assert_accessible(lara)
    matter.refresh_from_db()
    assert (matter.status, matter.outcome) == ("closed", "substantiated")
    assert matter.dbs_referred_on == today

    sam = new_page()
    sign_in(sam, social_worker)
    sam.goto(f"/people/{fletchers['jack'].pk}")
    expect(sam.locator("#lado-marker")).to_contain_text(
        "A LADO matter concerns this child — contact Lara Officer (LADO)")
    expect(sam.locator("main")).not_to_contain_text("Benson")
    expect(sam.locator("main")).not_to_contain_text("grabbed")
    assert_accessible(sam)
    sam.goto(f"/lado/matters/{matter.pk}")
    expect(sam.get_by_role("heading", level=1)).not_to_contain_text("LADO matter")


def test_the_lados_queue_figures_and_other_pages(new_page, front_door, fletchers):
    """Sian, the LADO's service manager, reads the queue and the annual figures; Lara opens a
    matter from a front-door contact and names another child (an empty form first)."""
    from hearth.access.models import Team
    from hearth.frontdoor.actions import contacts as frontdoor
    from hearth.lado.actions.notifications import do_record_notification
    from hearth.lado.rules.children import ChildLine
    from tests.lado.conftest import notification

    team = Team.objects.create(name="LADO service", service="lado")
    lara_user = make_user("lara", "lado", team=team, first="Lara", last="Officer")
    sian_user = make_user("sian", "service_manager", team=team, first="Sian", last="Senior")
    now = timezone.now()
    matter = do_record_notification(
        acting_user=front_door, origin="notification",
        notification=notification(incident_on=timezone.localdate() - timedelta(days=3),
                                  concern_shared_at=now - timedelta(days=2),
                                  notified_at=now - timedelta(hours=1)),
        children=[ChildLine(person_id=fletchers["amy"].pk)])
    contact = frontdoor.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child")],
        received_at=now - timedelta(minutes=30), channel="phone", caller_kind="professional",
        caller_name="Amira Shah", caller_agency="Northam Primary School",
        caller_contact="023 8000 0000", referral_source="2A",
        worries="Jack says a dinner lady pinched him.", urgency="today", family_aware=True,
        family_told_sharing=True)
    frontdoor.do_decide(contact, acting_user=front_door, outcome="lado", rationale="Staff")

    sian = new_page()
    sign_in(sian, sian_user)
    sian.goto("/lado")
    expect(sian.get_by_role("heading", level=1)).to_have_text("LADO queue")
    expect(sian.locator("#lado-queue")).to_contain_text(matter.reference)
    expect(sian.locator("#lado-queue")).to_contain_text("Late")
    assert_accessible(sian)
    sian.get_by_role("link", name="Annual figures").click()
    expect(sian.get_by_role("heading", level=1)).to_contain_text("LADO annual figures")
    expect(sian.locator("#total")).to_contain_text("1 matter")
    assert_accessible(sian)

    lara = new_page()
    sign_in(lara, lara_user)
    lara.get_by_role("link", name=f"Open a matter from contact {contact.reference}").click()
    expect(lara.get_by_role("heading", level=1)).to_have_text(
        f"Open a matter from contact {contact.reference}")
    expect(lara.locator("#contact-children")).to_contain_text("Jack Fletcher")
    assert_accessible(lara)
    lara.goto(f"/lado/matters/{matter.pk}/children/new")
    lara.get_by_role("button", name="Add the child").click()
    expect(error_summary(lara)).to_contain_text("Enter the child's given name")
    assert_accessible(lara)
    lara.goto("/lado?show=closed")
    expect(lara.locator("#no-matters")).to_have_text("No matters are closed.")
    assert_accessible(lara)
