"""The pure rules of periods of care (R-CLA-1, R-CLA-7, R-CLA-8): no database, no clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hearth.looked_after.rules import episodes as rules
from hearth.looked_after.rules import stability

D = date(2026, 3, 2)


def day(n: int) -> date:
    return D + timedelta(days=n)


@pytest.mark.parametrize(("legal", "placement", "same", "rne"), [
    (True, False, False, "L"), (False, True, False, "P"), (False, True, True, "T"),
    (True, True, False, "B"), (True, True, True, "U"), (False, False, False, "")])
def test_reason_for_a_new_episode_R_CLA_1(legal, placement, same, rne):
    assert rules.reason_new_episode(legal_status_changed=legal, placement_changed=placement,
                                    same_carer=same) == rne


def test_a_run_of_episodes_without_gaps_or_overlaps_R_CLA_1():
    whole = [rules.Span(day(0), day(10), "X1"), rules.Span(day(10), day(30), "X1"),
             rules.Span(day(30), None)]
    assert rules.sequence_problems(whole) == []
    assert rules.sequence_problems([rules.Span(day(0), day(10), "X1"),
                                    rules.Span(day(10), day(20), "E4A")]) == []
    gap = rules.sequence_problems([rules.Span(day(0), day(10), "X1"),
                                   rules.Span(day(12), None)])
    assert gap and gap[0].startswith("A gap between episode 1")
    overlap = rules.sequence_problems([rules.Span(day(0), day(10), "X1"),
                                       rules.Span(day(8), None)])
    assert overlap and "overlaps episode 1" in overlap[0]
    assert "still open" in rules.sequence_problems([rules.Span(day(0), None),
                                                    rules.Span(day(5), None)])[0]
    assert "must end with X1" in rules.sequence_problems(
        [rules.Span(day(0), day(10), "E8"), rules.Span(day(10), None)])[0]
    assert "no episode follows" in rules.sequence_problems([rules.Span(day(0), day(3), "X1")])[0]


def placement(kind="U4", provider="PR1", urn="SC123456", postcode="PO1 1AA", started=D):
    return rules.PlacementIn(kind, provider, urn, postcode, started)


def test_placement_provider_and_urn_follow_ssda903_R_CLA_1():
    today = day(100)
    ok = rules.placement_problems(placement(), period_started_on=D, today=today)
    assert ok == {}
    assert rules.placement_problems(placement("T2", "", "", ""), period_started_on=D,
                                    today=today) == {}
    assert "provider" in rules.placement_problems(placement("T2", "PR1", "", ""),
                                                  period_started_on=D, today=today)
    assert "urn" in rules.placement_problems(placement(urn=""), period_started_on=D,
                                             today=today)
    assert rules.placement_problems(placement(urn="XXXXXXX"), period_started_on=D,
                                    today=today) == {}
    assert rules.placement_problems(placement("P1", "PR0", ""), period_started_on=D,
                                    today=today) == {}
    assert "placement_type" in rules.placement_problems(placement("Q9"), period_started_on=D,
                                                        today=today)
    early = rules.placement_problems(placement(started=day(-1)), period_started_on=D,
                                     today=today)
    assert "before the period of care began" in early["started_on"]


def test_a_move_says_why_unless_from_a_temporary_placement_R_CLA_7():
    args = {"changed_on": day(5), "open_episode_started_on": D, "today": day(9),
            "legal_status": "V2", "current_legal_status": "V2", "placement_changed": True}
    assert "reason_changed" in rules.change_problems(leaving_type="U4", reason_changed="",
                                                     **args)
    assert rules.change_problems(leaving_type="T1", reason_changed="", **args) == {}
    assert rules.change_problems(leaving_type="U4", reason_changed="CARPL", **args) == {}
    before = rules.change_problems(**{**args, "changed_on": day(-1)}, leaving_type="U4",
                                   reason_changed="CHILD")
    assert "overlap" in before["changed_on"]
    nothing = rules.change_problems(**{**args, "placement_changed": False}, leaving_type="U4",
                                    reason_changed="")
    assert "Nothing changed" in nothing["legal_status"]


def test_ceasing_needs_a_reason_code_that_ends_the_period_R_CLA_7():
    args = {"ceased_on": day(5), "open_episode_started_on": D, "today": day(9)}
    assert rules.cease_problems(reason="E4A", **args) == {}
    assert "X1 only ends" in rules.cease_problems(reason="X1", **args)["reason_ceased"]
    assert "not an SSDA903 code" in rules.cease_problems(reason="E99", **args)["reason_ceased"]


def test_uasc_ceases_on_or_before_the_18th_birthday_R_CLA_8():
    born = date(2010, 2, 28)
    assert rules.uasc_problems(ceased_on=date(2028, 2, 28), date_of_birth=born) == {}
    assert "uasc_ceased_on" in rules.uasc_problems(ceased_on=date(2028, 2, 29),
                                                   date_of_birth=born)


def test_stability_three_placements_in_a_year_and_two_years_in_the_same_R_CLA_7():
    today = date(2027, 6, 1)
    moves = [(date(2026, 5, 1), date(2026, 7, 1)), (date(2026, 7, 1), date(2027, 1, 1)),
             (date(2027, 1, 1), None)]
    assert stability.placements_in_last_year(moves, today) == 3
    assert stability.many_placements(moves, today)
    assert not stability.many_placements(moves[1:], today)
    assert stability.long_term_stable(period_started_on=date(2024, 12, 1),
                                      placement_started_on=date(2025, 6, 1), today=today)
    assert not stability.long_term_stable(period_started_on=date(2025, 1, 2),
                                          placement_started_on=date(2025, 6, 1), today=today)
    assert not stability.long_term_stable(period_started_on=date(2024, 1, 1),
                                          placement_started_on=date(2025, 6, 2), today=today)
