"""A visit recorded once for three children (issue 15): Sam saw Jack, Amy and baby Mia together
at Kerry's home. From Jack's visits he records the visit once — the shared part once, each
child's own part (seen, seen alone, their words, what he saw: R-REC-6) for each — and each child
gets a visit of their own, linked to the others. He then corrects the shared part of Amy's
visit, and is asked whether the correction applies to the others too (R-REC-4). Every page he
sees passes axe-core, including the one with his mistakes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.chronology.models import Event
from hearth.visits.models import Visit
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value
from tests.conftest import add_child

pytestmark = pytest.mark.browser


def answer(page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def test_sam_records_a_visit_once_for_three_children(page, social_worker, north, fletchers):
    jack, amy = fletchers["jack"], fletchers["amy"]
    mia = add_child(fletchers["mum"], "Mia", timezone.localdate() - timedelta(days=200),
                    by=social_worker, team=north)
    yesterday = timezone.localdate() - timedelta(days=1)

    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}/visits")
    page.get_by_role("link", name="Record a visit to several children").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a visit to several children")
    assert_accessible(page)

    # Sam forgets to say how the visit went and that Amy was seen.
    answer(page, "Kind of visit", "Unannounced")
    page.get_by_label("Date of the visit").fill(f"{yesterday:%d/%m/%Y}")
    page.get_by_label("Time of the visit").fill("16:15")
    page.get_by_label("Where").fill("Family home, Mill Lane")
    page.get_by_label("Who was present").fill("Kerry (mother), Jack, Amy and Mia")
    page.get_by_label("Home conditions").fill("Warm and tidy; food in the fridge.")
    answer(page, "Was an adult there who is not known to us?", "No")
    answer(page, "Was Jack seen?", "Yes")
    answer(page, "Was Jack seen alone?", "Yes")
    answer(page, "Was Jack's bedroom seen?", "Yes")
    page.get_by_label("What Jack said, and what was said about them").fill(
        "Jack said he likes his new teacher.")
    page.get_by_label("Amy was part of this visit").check()
    page.get_by_label("Mia was part of this visit").check()
    answer(page, "Was Mia seen?", "Yes")
    answer(page, "Was Mia seen alone?", "No")
    answer(page, "Was Mia's bedroom seen?", "Yes")
    page.get_by_label("What you saw of Mia and their parent together").fill(
        "Kerry fed Mia and held her close; Mia settled quickly.")
    page.get_by_role("button", name="Save the visit").click()
    expect(error_summary(page)).to_contain_text("Select how the visit went")
    expect(error_summary(page)).to_contain_text("Select whether Amy was seen")
    expect(page.get_by_label("Home conditions")).to_have_value(
        "Warm and tidy; food in the fridge.")
    assert_accessible(page)
    assert not Visit.objects.exists()

    answer(page, "How did the visit go?", "Completed")
    answer(page, "Was Amy seen?", "Yes")
    answer(page, "Was Amy seen alone?", "No")
    answer(page, "Was Amy's bedroom seen?", "Yes")
    page.get_by_label("What Amy said, and what was said about them").fill(
        "Amy showed me her drawing of the house.")
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("Visit recorded for Jack, Amy and Mia.")).to_be_visible()
    expect(page.locator("#visits")).to_contain_text("With Amy and Mia")
    assert_accessible(page)
    assert Visit.objects.count() == 3
    for child in (jack, amy, mia):
        assert Event.objects.filter(person=child, origin="visit").count() == 1

    page.get_by_role("link", name=f"{yesterday:%a} {yesterday.day} {yesterday:%B %Y}, 16:15") \
        .click()
    recorded_with = page.locator("#recorded-with")
    expect(recorded_with).to_contain_text("Recorded with the visits to Amy Fletcher and Mia "
                                          "Fletcher")
    expect(summary_value(page, "What was said")).to_have_text(
        "Jack said he likes his new teacher.")
    assert_accessible(page)
    recorded_with.get_by_role("link", name="Amy Fletcher").click()
    expect(page.locator(".govuk-caption-l")).to_contain_text("Amy Fletcher")
    expect(summary_value(page, "What was said")).to_have_text(
        "Amy showed me her drawing of the house.")
    expect(summary_value(page, "Home conditions")).to_have_text(
        "Warm and tidy; food in the fridge.")

    # R-REC-4: the shared part corrected on Amy's visit, and on her brother's and sister's.
    page.get_by_role("link", name="Correct this visit").click()
    page.get_by_label("Where").fill("Grandmother's flat, Mill Lane")
    page.get_by_label("Why are you correcting the visit?").fill(
        "The family had moved to the grandmother's flat that week")
    page.get_by_role("button", name="Save the corrections").click()
    expect(error_summary(page)).to_contain_text(
        "Select whether the correction applies to the visits to the other children")
    assert_accessible(page)
    answer(page, "Does this correction apply to the visits to Jack Fletcher and Mia Fletcher "
           "too?", "Yes")
    page.get_by_role("button", name="Save the corrections").click()
    expect(page.get_by_text("Visit corrected, and the visits to Jack and Mia.")).to_be_visible()
    expect(summary_value(page, "Where")).to_have_text("Grandmother's flat, Mill Lane")
    assert_accessible(page)
    assert set(Visit.objects.values_list("place", flat=True)) == {
        "Grandmother's flat, Mill Lane"}
    assert {v.amendments.get().reason for v in Visit.objects.all()} == {
        "The family had moved to the grandmother's flat that week"}
