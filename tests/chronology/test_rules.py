"""The chronology's pure rules: the twelve-month figures, the instability flag (R-PPL-3) and
hand-entry checks, with their edges."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.chronology import rules
from hearth.chronology.codes import LANE_OF, MANUAL_KINDS, Kind, Lane


def figures(**counts) -> rules.Figures:
    return rules.Figures.from_kind_counts(counts)


def test_figures_count_the_kinds_that_make_each_figure():
    f = figures(address_move=2, joined_household=1, left_household=2, family_change=1,
                school_change=1, no_access=3, visit_cancelled=1, visit_cut_short=5,
                contact_received=4, unknown_adult=1, visit=9)
    assert f == rules.Figures(address_moves=2, household_changes=4, school_moves=1,
                              missed_visits=4, contacts=4, unknown_adults=1)


def test_r_ppl_3_two_changes_of_membership_is_not_yet_unstable():
    f = figures(joined_household=1, left_household=1)
    assert not rules.is_unstable(f)
    assert rules.instability_reasons(f) == []


def test_r_ppl_3_three_changes_of_membership_in_a_year_is_unstable():
    f = figures(joined_household=2, left_household=1)
    assert rules.is_unstable(f)
    assert rules.instability_reasons(f) == [
        "The household's membership changed 3 times in the last 12 months."]


def test_r_ppl_3_one_unknown_adult_seen_is_enough():
    f = figures(unknown_adult=1)
    assert rules.is_unstable(f)
    assert rules.instability_reasons(f) == [
        "An adult not known to us was seen once in the last 12 months."]


def test_r_ppl_3_frequent_moves_are_named_but_do_not_make_the_flag_alone():
    f = figures(address_move=3)
    assert not rules.is_unstable(f)
    assert rules.instability_reasons(f) == [
        "The child has lived at 3 addresses in the last 12 months."]


def test_every_kind_has_a_lane_and_hand_entries_cover_r_chr_2():
    assert set(LANE_OF) == set(Kind.values)
    assert set(LANE_OF.values()) <= set(Lane.values)
    # R-CHR-2: what a worker must be able to add that no module records by itself.
    for needed in (Kind.SCHOOL_CHANGE, Kind.LEGAL_STATUS, Kind.INJURY, Kind.HOSPITAL,
                   Kind.DISCLOSURE, Kind.NON_COOPERATION, Kind.FAMILY_CHANGE):
        assert needed in MANUAL_KINDS


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 11, 23), 12, date(2025, 11, 23)),
    (date(2024, 2, 29), 12, date(2023, 2, 28)),
    (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2026, 1, 15), 1, date(2025, 12, 15)),
])
def test_months_before(day, months, expected):
    assert rules.months_before(day, months) == expected


TODAY = date(2026, 11, 23)


def test_a_hand_entry_needs_a_kind_a_past_date_what_happened_and_a_source():
    assert rules.entry_problems(kind="injury", occurred_on=TODAY, summary="Bruise",
                                source_agency="School", today=TODAY) == {}
    problems = rules.entry_problems(kind="visit", occurred_on=date(2026, 11, 24),
                                    summary="  ", source_agency="", today=TODAY)
    assert problems == {"kind": "Select what kind of event this was",
                        "occurred_on": "The date of the event must be today or in the past",
                        "summary": "Enter what happened",
                        "source_agency": "Enter which agency the information came from"}
    assert rules.entry_problems(kind="injury", occurred_on=None, summary="x" * 2001,
                                source_agency="School", today=TODAY) == {
        "occurred_on": "Enter the date of the event",
        "summary": "What happened must be 2000 characters or fewer"}
