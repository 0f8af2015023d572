"""Care leavers' rules as plain functions (no database, no clock): the category from the dates
(R-CL-1) at its boundaries, the pathway plan and contact timescales (R-CL-2), and keeping in
touch around each birthday with the SSDA903 OC3 codes (R-CL-3)."""

from __future__ import annotations

from datetime import date, timedelta

from hearth import calendar
from hearth.leaving_care import rules
from hearth.leaving_care.codes import ACCOMMODATION

BORN = date(2010, 6, 15)
B14, B16, B18 = (calendar.birthday(BORN, n) for n in (14, 16, 18))
DAY = timedelta(days=1)


def category(spans, today, **kwargs) -> str:
    return rules.category(BORN, spans, today, **kwargs).category


def test_eligible_from_the_16th_birthday_not_the_day_before_R_CL_1():
    in_care = [(B14, None)]
    assert category(in_care, B16) == "eligible"
    found = rules.category(BORN, in_care, B16 - DAY)
    assert found.category == "none" and "15 years old" in found.reason


def test_exactly_13_weeks_qualifies_and_a_day_less_does_not_R_CL_1():
    in_care = [(B16, None)]
    assert category(in_care, B16 + 91 * DAY) == "eligible"
    short = rules.category(BORN, in_care, B16 + 90 * DAY)
    assert short.category == "none" and "13 weeks are needed" in short.reason


def test_only_care_from_the_14th_birthday_counts_R_CL_1():
    before = [(B14 - 200 * DAY, B14 + 89 * DAY), (B16, None)]
    assert category(before, B16 + DAY) == "none"  # 89 + 1 days
    from_14 = [(B14 - 200 * DAY, B14 + 90 * DAY), (B16, None)]
    assert category(from_14, B16 + DAY) == "eligible"  # 90 + 1 days


def test_relevant_once_no_longer_looked_after_and_care_must_go_past_16_R_CL_1():
    left = rules.category(BORN, [(B14, B16 + 30 * DAY)], B16 + 60 * DAY)
    assert left.category == "relevant" and "no longer looked after" in left.reason
    on_birthday = rules.category(BORN, [(B14, B16)], B16 + 60 * DAY)
    assert on_birthday.category == "none"
    assert "none of it after their 16th birthday" in on_birthday.reason


def test_former_relevant_from_the_18th_birthday_to_21_or_25_on_request_R_CL_1():
    care = [(B14, B18)]
    assert category(care, B18 - DAY) == "eligible"
    found = rules.category(BORN, care, B18)
    assert found.category == "former_relevant"
    assert found.reason.startswith("Former relevant: 18 years old, looked after for 208 weeks")
    b21, b25 = calendar.birthday(BORN, 21), calendar.birthday(BORN, 25)
    assert category(care, b21 - DAY) == "former_relevant"
    assert category(care, b21) == "none"
    assert category(care, b21, support_to_25=True) == "former_relevant"
    assert category(care, b25 - DAY, support_to_25=True) == "former_relevant"
    assert category(care, b25, support_to_25=True) == "none"


def test_a_category_that_contradicts_the_dates_is_refused_with_why_R_CL_1():
    found = rules.category(BORN, [(B14, B18)], B18)
    assert rules.category_problem("former_relevant", found) is None
    problem = rules.category_problem("eligible", found)
    assert problem and problem.startswith("The dates make this young person former relevant, "
                                          "not eligible")


def test_pathway_plan_and_contact_timescales_R_CL_2():
    assert calendar.pathway_plan_first_due(BORN).date() == date(2026, 9, 15)
    assert calendar.pathway_plan_first_due(BORN, date(2026, 12, 1)).date() == date(2026, 12, 1)
    assert calendar.pathway_plan_review_due(date(2027, 8, 31)).date() == date(2028, 2, 29)
    assert calendar.care_leaver_contact_due(date(2027, 1, 4), 8).date() == date(2027, 3, 1)
    assert rules.plan_due(BORN, None, date(2027, 1, 10)).date() == date(2027, 7, 10)


def test_keeping_in_touch_codes_and_their_cross_checks_R_CL_3():
    assert "S2" in ACCOMMODATION and "S1" not in ACCOMMODATION and "X1" not in ACCOMMODATION
    ok = {"age": 19, "in_touch": "YES", "activity": "F5", "accommodation": "U1"}
    assert rules.kit_problems(**ok) == {}
    assert set(rules.kit_problems(**{**ok, "in_touch": "DIED"})) == {"activity",
                                                                     "accommodation"}  # 344
    assert set(rules.kit_problems(**{**ok, "activity": "0", "accommodation": "0"})) == {
        "activity", "accommodation"}  # 345
    assert rules.kit_problems(**{**ok, "in_touch": "NO", "activity": "0",
                                 "accommodation": "0"}) == {}
    assert "S2" in rules.kit_problems(**{**ok, "accommodation": "S1"})["accommodation"]
    assert "accommodation" in rules.kit_problems(**{**ok, "age": 17, "accommodation": "T1"})
    assert "accommodation" in rules.kit_problems(**{**ok, "age": 17, "accommodation": "Z1"})


def test_keeping_in_touch_is_due_in_the_window_around_each_birthday_R_CL_3():
    opens, due = calendar.keeping_in_touch_window(BORN, 19)
    b19 = calendar.birthday(BORN, 19)
    assert opens == b19 - timedelta(days=92) and due.date() == date(2029, 7, 15)
    care = [(B14, B18)]
    assert [w.age for w in rules.kit_due(BORN, care, [], opens - DAY)] == [18]  # overdue
    assert [w.age for w in rules.kit_due(BORN, care, [18], opens)] == [19]
    # Looked after on the 17th birthday: no OC3 for it (SSDA903 1007).
    assert [w.age for w in rules.kit_due(BORN, care, [], calendar.birthday(BORN, 17))] == []
