"""Sam's home page with due work (issue 15): Jack's overdue ICPC first, tagged "Overdue by …",
Amy's first core group below it; grouped by family on request; the link goes where the work is
done. Dates are computed from today. Every page checked with axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, path_of, sign_in
from tests.protection.conftest import enquiry_for, plan_for  # noqa: F401

pytestmark = pytest.mark.browser


def test_sams_home_lists_what_is_due(new_page, social_worker, fletchers, enquiry_for,  # noqa: F811
                                     plan_for):  # noqa: F811
    today = timezone.localdate()
    enquiry = enquiry_for(fletchers["jack"], held_on=today - timedelta(days=40))
    enquiry.outcome = "icpc"  # concerns substantiated: an ICPC is needed
    enquiry.save()
    plan_for(fletchers["amy"], icpc_on=today - timedelta(days=1))
    late = (today - enquiry.icpc_due).days
    page = new_page()
    sign_in(page, social_worker)
    expect(page.get_by_role("heading", name="What is due")).to_be_visible()
    overdue = page.locator("#due-overdue")
    expect(overdue.get_by_role("caption")).to_have_text("Overdue (1)")
    expect(overdue).to_contain_text("Jack Fletcher")
    expect(overdue).to_contain_text(f"Overdue by {late} days")
    expect(page.locator("table.hearth-due").first).to_have_id("due-overdue")
    expect(page.get_by_text("First core group meeting")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Group by family").click()
    expect(page.get_by_role("link", name="Show by when it is due")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Arrange the initial child protection conference for "
                                  "Jack Fletcher").click()
    assert path_of(page).startswith(f"/people/{fletchers['jack'].pk}/conferences/new")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Arrange the initial child protection conference")
    assert_accessible(page)


def test_tinas_home_lists_her_team_by_worker(new_page, team_manager, social_worker, fletchers,
                                             enquiry_for):  # noqa: F811
    today = timezone.localdate()
    enquiry = enquiry_for(fletchers["jack"], held_on=today - timedelta(days=40))
    enquiry.proposed_outcome, enquiry.proposed_by = "not_substantiated", social_worker
    enquiry.proposed_at = timezone.now()
    enquiry.save()
    page = new_page()
    sign_in(page, team_manager)
    waiting = page.locator("section", has=page.get_by_role(
        "heading", name="Waiting for your authorisation"))
    expect(waiting).to_contain_text("Authorise the Section 47 outcome")
    team = page.locator(f"#team-worker-{social_worker.pk}")
    expect(team.get_by_role("caption")).to_have_text("Sam Worker (1)")
    expect(team).to_contain_text("Jack Fletcher")
    assert_accessible(page)


def test_tina_reads_the_rest_of_sams_work_on_the_teams_page(new_page, team_manager,
                                                            social_worker, north):
    """Sam has more due than the home shows; Tina follows "See all" to the team's page, a
    page at a time, and chooses another worker (issue 14)."""
    from hearth.casework.models import Involvement
    from hearth.engagement.models import FollowUpTask
    from hearth.people import actions as people
    from hearth.web.views.work import TEAM_SHOWN

    total = TEAM_SHOWN + 2
    for n in range(total):
        child = people.do_create_person(acting_user=social_worker, given_name=f"Child{n:02d}",
                                        family_name="Duewell")
        involvement = Involvement.objects.create(person=child, team=north, worker=social_worker,
                                                 opened_on=timezone.localdate())
        FollowUpTask.objects.create(person=child, involvement=involvement,
                                    reason="Not in when visited", assigned_to=social_worker,
                                    created_at=timezone.now(),
                                    due_on=timezone.localdate() + timedelta(days=n + 1))
    page = new_page()
    sign_in(page, team_manager)
    team = page.locator(f"#team-worker-{social_worker.pk}")
    expect(team.get_by_role("caption")).to_have_text(f"Sam Worker ({total})")
    expect(team.locator("tbody tr")).to_have_count(TEAM_SHOWN)
    page.get_by_role("link", name=f"See all {total} for Sam Worker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What is due for your team")
    listed = page.locator("#team-work")
    expect(listed.get_by_role("caption")).to_have_text(f"Sam Worker ({total})")
    expect(listed.locator("tbody tr")).to_have_count(total)
    expect(page.get_by_label("Worker")).to_have_value(str(social_worker.pk))
    assert_accessible(page)
    page.get_by_label("Worker").select_option(label="Every worker")
    page.get_by_role("button", name="Show").click()
    expect(listed.get_by_role("caption")).to_have_text(f"Every worker ({total})")
    assert_accessible(page)
