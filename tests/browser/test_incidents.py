"""Sam reports yesterday's threat at the Fletchers' door from Kerry's record; Tina, told at
once, opens it from her list, is stopped from closing it early, records the debrief, the
support offered, the investigation and the complaint to the police, and closes it (R-SAFE-5).
Every page either of them sees, including those with mistakes, passes axe-core."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.incidents.actions import do_report_incident
from hearth.incidents.models import Incident
from hearth.people.actions import do_add_address
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value

pytestmark = pytest.mark.browser


def test_sam_reports_an_incident_and_tina_sees_it_through(new_page, social_worker,
                                                         team_manager, fletchers):
    mum = fletchers["mum"]
    do_add_address(mum, acting_user=social_worker, line1="14 Mill Lane", town="Southampton",
                   postcode="SO15 2AB", start_date=date(2024, 6, 1))
    yesterday = timezone.localdate() - timedelta(days=1)

    sam = new_page()
    sign_in(sam, social_worker)
    expect(sam.get_by_role("link", name="Report an incident")).to_be_visible()
    sam.goto(f"/people/{mum.pk}")
    sam.get_by_role("link", name="Incidents, risk-reduction plans and practitioners' "
                                 "meetings").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Incidents, plans and meetings")
    assert_accessible(sam)
    sam.get_by_role("link", name="Report an incident").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Report an incident")
    assert_accessible(sam)
    sam.get_by_role("button", name="Report the incident").click()
    expect(error_summary(sam)).to_contain_text("Select what kind of incident it was")
    assert_accessible(sam)

    sam.get_by_role("group", name="What kind of incident was it?").get_by_label("Threat").check()
    sam.get_by_label("Date it happened").fill(f"{yesterday:%d/%m/%Y}")
    sam.get_by_label("Time it happened").fill("16:40")
    sam.get_by_label("Where did it happen?").fill("At the front door")
    sam.get_by_role("group", name="Was it at their address?").get_by_label(
        "14 Mill Lane, Southampton, SO15 2AB").check()
    sam.get_by_label("What happened").fill(
        "Kerry shouted that she would smash my car if I came back.")
    sam.get_by_role("group", name="Was anyone injured?").get_by_label("No").check()
    sam.get_by_role("button", name="Report the incident").click()
    expect(sam.get_by_text("Incident reported. Your manager has been told.")).to_be_visible()
    expect(summary_value(sam, "Kind of incident")).to_have_text("Threat")
    expect(summary_value(sam, "Person involved")).to_have_text("Kerry Fletcher")
    expect(sam.get_by_role("button", name="Save the post-incident record")).to_have_count(0)
    assert_accessible(sam)
    incident = Incident.objects.get()
    assert incident.manager_told_at is not None

    tina = new_page()
    sign_in(tina, team_manager)
    expect(tina.get_by_text("Incident reported: threat against Sam Worker")).to_be_visible()
    tina.goto("/incidents")
    expect(tina.get_by_role("heading", level=1)).to_have_text("Open incidents")
    assert_accessible(tina)
    tina.get_by_role("link", name=f"Threat, {yesterday:%-d %b %Y} 16:40").click()
    expect(tina.get_by_role("heading", level=1)).to_have_text(
        f"Threat, {yesterday:%-d %B %Y}")
    assert_accessible(tina)

    tina.get_by_role("button", name="Close the incident").click()
    expect(error_summary(tina)).to_contain_text("You cannot close this incident yet")
    expect(error_summary(tina)).to_contain_text(
        "Record whether a complaint was made to the police before closing the incident")
    assert_accessible(tina)

    tina.get_by_label("Date of the debrief").fill(f"{timezone.localdate():%d/%m/%Y}")
    tina.get_by_label("Who gave the debrief").select_option(label="Tina Manager")
    tina.get_by_label("Support offered").fill("Talked it through; counselling offered.")
    tina.get_by_role("group", name="Investigation of what happened").get_by_label(
        "Investigation closed").check()
    tina.get_by_label("Investigation notes").fill("Joint visits from now on.")
    tina.get_by_role("group", name="Was a complaint made to the police?").get_by_label(
        "Yes, a complaint was made to the police").check()
    tina.get_by_label("Police reference").fill("44261117")
    tina.get_by_role("button", name="Save the post-incident record").click()
    expect(tina.get_by_text("Post-incident record saved.")).to_be_visible()
    expect(summary_value(tina, "Complaint to the police")).to_have_text(
        "Yes, a complaint was made to the police")
    assert_accessible(tina)
    tina.get_by_role("button", name="Close the incident").click()
    expect(tina.get_by_text("Incident closed.")).to_be_visible()
    expect(summary_value(tina, "Status")).to_contain_text("Closed by Tina Manager")
    assert_accessible(tina)
    incident.refresh_from_db()
    assert incident.closed_by == team_manager


def test_plan_meeting_and_warning_pages_are_accessible(page, social_worker, fletchers):
    mum = fletchers["mum"]
    sign_in(page, social_worker)
    page.goto(f"/people/{mum.pk}/risk-reduction-plans/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a risk-reduction plan")
    assert_accessible(page)
    page.get_by_label("The plan").fill("Joint visits only.")
    page.get_by_label("Review date").fill("17/2/2099")
    page.get_by_role("button", name="Save the plan").click()
    expect(error_summary(page)).to_contain_text("Enter what will be shared with the family")
    assert_accessible(page)
    page.get_by_label("What will be shared with the family").fill("Tina writes to Kerry.")
    page.get_by_role("button", name="Save the plan").click()
    expect(summary_value(page, "Agreed by a manager")).to_have_text("Not yet agreed")
    assert_accessible(page)

    page.goto(f"/people/{mum.pk}/practitioners-meetings/new")
    assert_accessible(page)
    page.get_by_role("button", name="Save the meeting").click()
    expect(error_summary(page)).to_contain_text("Enter what will be shared with the family")
    assert_accessible(page)

    incident = do_report_incident(acting_user=social_worker, person=mum, kind="violence",
                                  occurred_at=timezone.now() - timedelta(hours=2),
                                  where="In the hallway", what_happened="Kerry pushed me.")
    page.goto(f"/incidents/{incident.pk}")
    page.get_by_role("link", name="Create a warning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a warning")
    expect(page.get_by_label("Where this came from")).to_have_value(
        "Incident reported by Sam Worker")
    expect(page.get_by_role("group", name="Type of risk").get_by_label("Violence")).to_be_checked()
    assert_accessible(page)
    page.goto(f"/incidents/{incident.pk}/warning/link")
    expect(page.get_by_text("There is no live warning about this person or address.")) \
        .to_be_visible()
    assert_accessible(page)
