"""The decision form asks only the chosen outcome's questions, and a manager finds Authorise on
the first screen of the contact (issue 15: every outcome's fields showed at once and the button
was at the foot of a 3,500-pixel page)."""

from __future__ import annotations

import re

import pytest

from tests.frontdoor.test_pages_contacts import now, record  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_each_outcomes_questions_are_revealed_by_its_choice(now, as_user, front_door,  # noqa: F811
                                                            fletchers, call):
    contact = record(front_door, fletchers, call)
    page = as_user(front_door).get(f"/contacts/{contact.pk}").content.decode()
    for outcome, fields in (("nfa", ("id_advice", "id_referrer_plan")),
                            ("referral", ("id_team",)),
                            ("mash", ("id_mash_scope", "id_mash_rag", "id_mash_agencies-hint"))):
        assert f'value="{outcome}" aria-controls="conditional-outcome-{outcome}"' in page
        block = re.search(rf'<div class="govuk-radios__conditional govuk-radios__conditional--'
                          rf'hidden" id="conditional-outcome-{outcome}">(.*?)\n        </div>',
                          page, re.S)
        assert block, outcome
        assert all(f'id="{f}"' in block.group(1) for f in fields), outcome
    # The reasons and the primary need are asked whatever the outcome.
    assert page.index('id="id_rationale"') > page.index("conditional-outcome-mash")


def test_a_refused_decision_shows_the_chosen_outcomes_questions_open(now, as_user,  # noqa: F811
                                                                     front_door, fletchers,
                                                                     call):
    contact = record(front_door, fletchers, call)
    answer = as_user(front_door).post(f"/contacts/{contact.pk}/decide",
                                      {"outcome": "referral", "rationale": "Bruising",
                                       "version": 1})
    page = answer.content.decode()
    assert answer.status_code == 400 and "Choose the team the child is referred to" in page
    assert '<div class="govuk-radios__conditional" id="conditional-outcome-referral">' in page
    assert 'govuk-radios__conditional--hidden" id="conditional-outcome-nfa"' in page


def test_carla_finds_authorise_before_the_contact_itself(now, as_user, front_door,  # noqa: F811
                                                         crs_manager, fletchers, call, south):
    contact = record(front_door, fletchers, call)
    as_user(front_door).post(f"/contacts/{contact.pk}/decide", {
        "outcome": "referral", "rationale": "Bruising and hunger", "team": south.pk,
        "version": 1})
    page = as_user(crs_manager).get(f"/contacts/{contact.pk}").content.decode()
    banner = page.index('id="authorise-banner"')
    assert banner < page.index('id="contact-summary"')
    assert "Fran Door proposes: Referral to a social work team (Family Safeguarding South)" \
        in page
    assert page.index(">Authorise</button>", banner) < page.index('id="contact-summary"')
    # Fran, who proposed it, is not asked.
    assert 'id="authorise-banner"' not in as_user(front_door).get(
        f"/contacts/{contact.pk}").content.decode()
