"""The pure rules behind two workers and the dashboards: families (a union-find over parent and
sibling links), the R-TWO-2 criteria for a family, the R-TWO-3 covering decision, and the
R-CP-1 / R-CP-2 due and overdue states. No database, no clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hearth.protection.rules import twoworkers as rules
from hearth.protection.rules.twoworkers import DecisionRef, Family, Member

TODAY = date(2026, 11, 17)


# --- families ---------------------------------------------------------------------------------

def test_children_sharing_a_mother_are_one_family_with_her():
    families = rules.group_families([("kerry", "jack", "mother"), ("kerry", "amy", "mother")])
    assert families == [Family(frozenset({"jack", "amy"}), frozenset({"kerry"}))]


def test_half_siblings_through_either_parent_are_one_family():
    """Ava shares a mother with Ben; Ben shares a father with Cal: one family of three."""
    links = [("mia", "ava", "mother"), ("mia", "ben", "mother"),
             ("dan", "ben", "father"), ("dan", "cal", "father")]
    [family] = rules.group_families(links)
    assert family.children == {"ava", "ben", "cal"}
    assert family.parents == {"mia", "dan"}


def test_a_sibling_relationship_links_children_without_a_recorded_parent():
    [family] = rules.group_families([("ava", "ben", "sibling")])
    assert family.children == {"ava", "ben"} and family.parents == frozenset()


def test_a_step_parent_links_the_children_of_two_households():
    links = [("mia", "ava", "mother"), ("sid", "ava", "step_parent"), ("sid", "cal", "father")]
    [family] = rules.group_families(links)
    assert family.children == {"ava", "cal"}


def test_other_relationships_are_not_family_links_here():
    """A grandmother, a partner or a carer does not join two families."""
    links = [("gran", "ava", "grandparent"), ("gran", "cal", "grandparent"),
             ("mia", "dan", "partner"), ("mia", "ava", "mother"), ("dan", "cal", "father")]
    families = rules.group_families(links, children=["ava", "cal"])
    assert [f.children for f in families] == [{"ava"}, {"cal"}]
    assert "gran" not in families[0].members | families[1].members


def test_a_child_with_no_links_is_a_family_of_one_and_families_come_in_a_stable_order():
    links = [("mia", "b2", "mother"), ("mia", "b1", "mother")]
    families = rules.group_families(links, children=["a1", "b1"])
    assert [sorted(f.children) for f in families] == [["a1"], ["b1", "b2"]]
    assert [f.key for f in families] == ["a1", "b1"]
    assert rules.family_of(families, "mia").children == {"b1", "b2"}
    assert rules.family_of(families, "nobody") is None


def test_many_families_are_grouped_in_one_pass():
    links = [(f"mum{i}", f"child{i}-{n}", "mother") for i in range(200) for n in range(3)]
    families = rules.group_families(links)
    assert len(families) == 200
    assert all(len(f.children) == 3 and len(f.parents) == 1 for f in families)


# --- R-TWO-2: the criteria for a family ---------------------------------------------------------

FAMILY = Family(frozenset({"c1", "c2", "c3", "c4", "c5"}), frozenset({"mum"}))


def members(on_plans: int, **extra) -> list[Member]:
    children = [Member(f"c{n}", on_plan=n <= on_plans) for n in range(1, 6)]
    return [*children, Member("mum", **extra)]


def test_r_two_2_three_children_on_plans_do_not_make_two_workers_a_must():
    criteria = rules.family_criteria(FAMILY, members(3))
    assert not criteria.must_consider and not criteria.met


def test_r_two_2_four_children_on_plans_mean_two_workers_must_be_considered():
    criteria = rules.family_criteria(FAMILY, members(4))
    assert criteria.must_consider and criteria.met
    assert criteria.reasons == ["4 children in the family are subject to child protection "
                                "plans"]


@pytest.mark.parametrize(("fact", "reason"), [
    ("hostility", "The family has shown significant hostility"),
    ("warning", "There is a warning about risks to workers"),
    ("complex_needs", "The family has complex needs"),
])
def test_r_two_2_hostility_a_warning_or_complex_needs_on_anyone_should_be_considered(
        fact, reason):
    criteria = rules.family_criteria(FAMILY, members(1, **{fact: True}))
    assert criteria.should_consider and not criteria.must_consider
    assert criteria.reasons == [reason]


def test_r_two_2_only_this_familys_members_count():
    other = [Member("stranger", hostility=True), Member("x", on_plan=True)]
    assert not rules.family_criteria(FAMILY, [*members(3), *other]).met


# --- R-TWO-3: the decision that covers a family --------------------------------------------------

def ref(pk, decided_on, *children, hour=9):
    return DecisionRef(pk, decided_on, datetime(2026, 11, 1, hour, tzinfo=UTC),
                       frozenset(children))


def test_r_two_3_a_decision_on_any_child_covers_the_family_and_a_later_one_supersedes():
    first = ref(1, date(2026, 10, 1), "c1")
    later = ref(2, date(2026, 11, 2), "c3")
    elsewhere = ref(3, date(2026, 11, 10), "someone-else")
    assert rules.covering_decision([first, later, elsewhere], FAMILY.children) == later
    assert rules.covering_decision([elsewhere], FAMILY.children) is None


def test_r_two_3_two_decisions_on_one_day_the_one_recorded_last_stands():
    morning = ref(1, date(2026, 11, 2), "c1", hour=9)
    afternoon = ref(2, date(2026, 11, 2), "c2", hour=15)
    assert rules.covering_decision([afternoon, morning], FAMILY.children) == afternoon


def test_r_two_3_a_decision_is_needed_while_the_criteria_are_met_and_none_covers_the_family():
    met = rules.family_criteria(FAMILY, members(4))
    unmet = rules.family_criteria(FAMILY, members(2))
    assert rules.decision_needed(met, None)
    assert not rules.decision_needed(met, ref(1, TODAY, "c1"))
    assert not rules.decision_needed(unmet, None)


def test_criteria_met_since_the_decision_are_named():
    assert rules.criteria_changed(["A", "B"], ["A"]) == ["B"]
    assert rules.criteria_changed(["A"], ["A", "B"]) == []


def test_r_two_3_a_decision_needs_yes_or_no_reasons_and_a_date_not_in_the_future():
    assert rules.decision_problems(two_workers=None, reasons="  ", decided_on=None,
                                   today=TODAY) == {
        "two_workers": rules.ANSWER_TWO_WORKERS, "reasons": rules.ENTER_REASONS,
        "decided_on": rules.ENTER_DATE}
    assert rules.decision_problems(two_workers=False, reasons="One worker, joint visits",
                                   decided_on=date(2026, 11, 18), today=TODAY) == {
        "decided_on": rules.NOT_IN_FUTURE}
    assert rules.decision_problems(two_workers=True, reasons="Four children on plans",
                                   decided_on=TODAY, today=TODAY) == {}
