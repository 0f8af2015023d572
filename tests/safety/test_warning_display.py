"""Warnings are loud only when there is something to warn about (R-SAFE-1): no red box saying
"no warnings"; one warning is one box; a home page lists several families, so each row shows
its own family's warnings and no page-wide banner presents them as "the people on this page"."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.casework.models import Involvement
from hearth.people import actions as people
from tests.safety.warning_helpers import NOW, banner, warn

pytestmark = [pytest.mark.django_db]

RED_BOX = "hearth-warnings"


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def other_family(social_worker, north):
    """The Parkers: Lily, allocated to Sam too, no relation of the Fletchers."""
    lily = people.do_create_person(acting_user=social_worker, given_name="Lily",
                                   family_name="Parker", date_of_birth=date(2018, 3, 3),
                                   sex="F", ethnicity="WBRI")
    Involvement.objects.create(person=lily, team=north, worker=social_worker,
                               opened_on=date(2026, 10, 1))
    return lily


def _row(html: str, name: str) -> str:
    start = html.index(name)
    return html[start:html.index("</tr>", start)]


def test_R_SAFE_1_no_red_box_says_there_are_no_warnings(fletchers, social_worker, as_user):
    html = as_user(social_worker).get(f"/people/{fletchers['jack'].pk}").content.decode()
    assert "No warnings about risks to workers are recorded for this person" in html
    assert RED_BOX not in html and "govuk-warning-text" not in html


def test_R_SAFE_1_one_warning_is_one_box(fletchers, social_worker, team_manager, as_user):
    warn(team_manager, person=fletchers["mum"], joint=True)
    sam = as_user(social_worker)
    for url in (f"/people/{fletchers['jack'].pk}", f"/people/{fletchers['jack'].pk}/visits/new",
                f"/people/{fletchers['mum'].pk}"):
        html = sam.get(url).content.decode()
        assert html.count(RED_BOX) == 1, url
        assert "Worker safety: 1 warning" in banner(html)
        assert html.count('class="govuk-tag govuk-tag--red"') == 1, url
        raw = html[html.index('id="worker-safety"'):]
        assert "govuk-warning-text" not in raw[:raw.index("</section>")], url
        # The family's two-worker decision (R-TWO-2) is asked for quietly: it is the same warning.
        assert "govuk-warning-text" not in html, url
        assert 'id="plan-the-visit"' not in html or "govuk-inset-text" not in html, url


def test_R_SAFE_1_a_home_page_flags_each_familys_row_and_has_no_page_banner(
        fletchers, other_family, social_worker, team_manager, as_user):
    warn(team_manager, person=fletchers["mum"], joint=True)
    for user in (social_worker, team_manager):
        html = as_user(user).get("/").content.decode()
        assert 'id="worker-safety"' not in html and RED_BOX not in html
        assert "people on this page" not in html
        jack_row = _row(html, "Jack Fletcher")
        assert "Worker safety: Violence" in jack_row and "in the family" in jack_row
        assert "Worker safety" not in _row(html, "Lily Parker")

