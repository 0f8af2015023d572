"""The incident rules on plain values: no database, no clock (R-SAFE-5, R-SAFE-6)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hearth.incidents import rules

NOW = datetime(2026, 11, 17, 11, 0, tzinfo=ZoneInfo("Europe/London"))
TODAY = date(2026, 11, 17)


def test_an_incident_kind_suggests_a_warning_kind():
    assert rules.warning_kind_for("threat") == "threats"
    assert rules.warning_kind_for("violence") == "violence"
    assert rules.warning_kind_for("abuse") == "hostile_to_profession"
    assert rules.warning_kind_for("damage") == "threats"
    assert rules.warning_kind_for("unknown") == "other"


def test_a_report_needs_kind_time_place_and_account():
    assert rules.report_problems(kind="threat", occurred_at=NOW, where="Door",
                                 what_happened="Shouted", now=NOW) == {}
    problems = rules.report_problems(kind="", occurred_at=None, where=" ", what_happened="",
                                     now=NOW)
    assert set(problems) == {"kind", "occurred_at", "where", "what_happened"}
    later = datetime(2026, 11, 17, 11, 1, tzinfo=ZoneInfo("Europe/London"))
    assert "occurred_at" in rules.report_problems(kind="threat", occurred_at=later,
                                                  where="Door", what_happened="x", now=NOW)


def test_R_SAFE_5_closing_needs_the_debrief_and_the_police_decision():
    assert set(rules.closing_problems(debrief_on=None, debrief_by_id=None,
                                      police_complaint="not_decided")) == {
        "debrief_on", "debrief_by", "police_complaint"}
    assert rules.closing_problems(debrief_on=TODAY, debrief_by_id=3,
                                  police_complaint="no") == {}
    assert rules.closing_problems(debrief_on=TODAY, debrief_by_id=3,
                                  police_complaint="yes") == {}


def test_a_debrief_is_dated_between_the_incident_and_today_and_names_who_gave_it():
    def check(**kw):
        values = {"occurred_on": date(2026, 11, 10), "today": TODAY, "debrief_on": None,
                  "debrief_by_id": None, "investigation": "not_decided",
                  "police_complaint": "not_decided", "police_reference": ""}
        return rules.post_incident_problems(**{**values, **kw})

    assert check() == {}
    assert "debrief_on" in check(debrief_on=date(2026, 11, 18), debrief_by_id=1)
    assert "debrief_on" in check(debrief_on=date(2026, 11, 9), debrief_by_id=1)
    assert "debrief_by" in check(debrief_on=TODAY)
    assert "debrief_on" in check(debrief_by_id=1)
    assert "police_reference" in check(police_reference="123")
    assert check(police_complaint="yes", police_reference="123") == {}


def test_R_SAFE_6_plans_and_meetings_say_what_is_shared_with_the_family():
    assert rules.plan_problems(plan="Joint visits", shared_with_family="", review_on=date(
        2027, 1, 1), today=TODAY) == {"shared_with_family": rules.SHARED_REQUIRED}
    assert "review_on" in rules.plan_problems(plan="x", shared_with_family="y",
                                              review_on=TODAY, today=TODAY)
    assert rules.meeting_problems(held_on=TODAY, attendees="a", discussion="b", plan="c",
                                  shared_with_family=" ", today=TODAY) == {
        "shared_with_family": rules.SHARED_REQUIRED}
