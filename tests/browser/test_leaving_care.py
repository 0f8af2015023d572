"""A young person turning 18 becomes a former relevant care leaver with a personal adviser
(issue 17, R-CL-1..3): Daisy was looked after from her 14th birthday and ceased to be on her
18th, today; Tina opens her record and sees the category and why, and allocates Paula as her
personal adviser; Paula finds Daisy on her care leavers list and records keeping in touch
around the 18th birthday (first with an accommodation that contradicts "in touch": the error
summary names it). Every page passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.leaving_care.models import KeepingInTouch
from tests.browser.helpers import assert_accessible, error_summary, sign_in
from tests.conftest import make_user
from tests.leaving_care.conftest import young_person

pytestmark = pytest.mark.browser


def test_tina_allocates_paula_who_keeps_in_touch_with_daisy_at_18(
        new_page, social_worker, team_manager, north):
    daisy = young_person(social_worker, north)
    adviser = make_user("paula", Role.PERSONAL_ADVISER, first="Paula", last="Adams")

    tina = new_page()
    sign_in(tina, team_manager)
    tina.goto(f"/people/{daisy.pk}/care-leaver")
    expect(tina.locator("#category")).to_contain_text("Former relevant: 18 years old")
    assert_accessible(tina)
    tina.get_by_role("link", name="Allocate a personal adviser").click()
    tina.get_by_label("Personal adviser").select_option(label="Paula Adams")
    tina.get_by_role("button", name="Allocate").click()
    expect(tina.get_by_text("Personal adviser allocated.")).to_be_visible()
    expect(tina.locator("#adviser")).to_have_text("Paula Adams")
    assert_accessible(tina)

    paula = new_page()
    sign_in(paula, adviser)
    paula.goto("/care-leavers")
    assert_accessible(paula)
    paula.get_by_role("link", name="Daisy Hale").click()
    paula.get_by_role("link", name="Record keeping in touch").click()
    paula.get_by_label("Birthday").select_option("18")
    paula.get_by_label("In touch", exact=True).check()
    paula.get_by_label("Main activity (ACTIV)").select_option("F2")
    paula.get_by_label("Accommodation (ACCOM)").select_option("0")
    paula.get_by_role("button", name="Save keeping in touch").click()
    expect(error_summary(paula)).to_contain_text("In touch: select the accommodation (not 0)")
    assert_accessible(paula)
    paula.get_by_label("Accommodation (ACCOM)").select_option("Z1")
    paula.get_by_role("button", name="Save keeping in touch").click()
    expect(paula.get_by_text("Keeping in touch recorded.")).to_be_visible()
    expect(paula.locator("#keeping-in-touch")).to_contain_text("In touch (YES)")
    assert_accessible(paula)
    assert KeepingInTouch.objects.get().accommodation == "Z1"
