"""The CIN census's pre-proceedings FGDM items from the FGCs recorded here (RETURNS.md §1.6,
R-FGC-4): an FGC offered (referred in pre-proceedings) and held, for a child in a period.
``fgc.queries.census`` is what the returns app will call."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.fgc.queries.census import census_counts, census_flags_for
from hearth.fgc.rules.census import CensusFlags
from tests.fgc.conftest import arranged, held, refer

pytestmark = pytest.mark.django_db


def test_jack_was_offered_an_fgc_and_it_was_held_in_pre_proceedings_r_fgc_4(
        social_worker, coordinator, fletchers):
    fgc = refer(social_worker, fletchers, pre_proceedings=True)
    today = timezone.localdate()
    year = (today - timedelta(days=200), today + timedelta(days=100))
    assert census_counts(fletchers["jack"], *year) == CensusFlags(True, False, 1, 0)
    held(arranged(fgc, coordinator), coordinator)
    assert census_counts(fletchers["jack"], *year) == CensusFlags(True, True, 1, 1)
    assert census_counts(fletchers["mum"], *year) == CensusFlags()
    later = (today + timedelta(days=1), today + timedelta(days=365))
    assert census_counts(fletchers["jack"], *later) == CensusFlags()
    every = census_flags_for(*year)
    assert set(every) == {fletchers["jack"].pk, fletchers["amy"].pk}


def test_an_fgc_outside_pre_proceedings_is_not_counted(social_worker, fletchers):
    refer(social_worker, fletchers, pre_proceedings=False)
    today = timezone.localdate()
    assert census_counts(fletchers["jack"], today - timedelta(days=1), today) == CensusFlags()


def test_an_fgc_offered_and_declined_still_counts_as_offered(social_worker, fletchers):
    from hearth.fgc.actions.referrals import do_end

    fgc = refer(social_worker, fletchers, pre_proceedings=True)
    do_end(fgc, acting_user=social_worker, outcome="declined", reason="Kerry said no",
           expected_version=1)
    today = timezone.localdate()
    assert census_counts(fletchers["amy"], today, today) == CensusFlags(True, False, 1, 0)
