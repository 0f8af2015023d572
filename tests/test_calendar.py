"""Working days and statutory timescales (DOMAIN.md §2 "Working day", §5, R-FD-4, R-EDT-1,
R-CP-1, R-CP-2, R-LADO-2, R-PD-1), and the `hearth calendar` command.

Every expected date below was worked out by hand from a calendar and is written literally.
Deadlines are compared as ISO strings so that the Europe/London offset (GMT +00:00 or BST
+01:00) is checked too. "N working days after D": D is day 0 (DOMAIN.md §5).

England bank holidays used here: 2021-12-27/28 (Christmas and Boxing Day substitutes),
2022-01-03 (New Year substitute), 2022-06-03 (jubilee), 2022-09-19 (state funeral), 2022-12-26
and 2022-12-27 (Boxing Day, Christmas substitute), 2023-05-01 and 2023-05-08 (May Day,
coronation), 2026-08-31, 2026-12-25 (Fri), 2026-12-28 (Mon, Boxing Day substitute), 2027-01-01,
2027-03-26 and 2027-03-29 (Good Friday, Easter Monday), 2028-01-03 (New Year substitute).
Clocks change on 2026-03-29, 2026-10-25 and 2027-03-28 (Sundays).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command

from hearth import calendar as cal


def at(text: str) -> datetime:
    """An aware date-time from an ISO string with an offset."""
    dt = datetime.fromisoformat(text)
    assert dt.tzinfo is not None
    return dt


def iso(dt: datetime) -> str:
    assert dt.tzinfo is cal.LONDON
    return dt.isoformat()


# --- working days (DOMAIN.md §2) ----------------------------------------------------------------


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 12, 24), True),    # Thursday
    (date(2026, 12, 25), False),   # Christmas Day, Friday
    (date(2026, 12, 26), False),   # Saturday (Boxing Day)
    (date(2026, 12, 28), False),   # Monday, Boxing Day substitute
    (date(2026, 12, 29), True),
    (date(2021, 12, 27), False),   # Christmas Day (Saturday) substitute
    (date(2021, 12, 28), False),   # Boxing Day (Sunday) substitute
    (date(2021, 12, 29), True),
    (date(2022, 12, 26), False),   # Boxing Day, Monday
    (date(2022, 12, 27), False),   # Christmas Day (Sunday) substitute
    (date(2022, 12, 28), True),
    (date(2027, 3, 26), False),    # Good Friday
    (date(2027, 3, 29), False),    # Easter Monday
    (date(2027, 3, 30), True),
    (date(2028, 1, 3), False),     # New Year's Day (Saturday) substitute
    (date(2028, 1, 4), True),
    (date(2023, 5, 8), False),     # coronation of Charles III
    (date(2022, 9, 19), False),    # state funeral of Elizabeth II
    (date(2022, 6, 3), False),     # platinum jubilee
    (date(2026, 6, 13), False),    # Saturday
    (date(2026, 6, 14), False),    # Sunday
    (date(2026, 6, 15), True),     # Monday
])
def test_working_days_follow_england_bank_holidays(day, working):
    assert cal.is_working_day(day) is working


def test_bank_holidays_are_cached_per_year():
    assert cal.bank_holidays(2026) is cal.bank_holidays(2026)
    assert date(2026, 12, 28) in cal.bank_holidays(2026)
    assert cal.is_bank_holiday(date(2023, 5, 8))
    assert not cal.is_bank_holiday(date(2026, 6, 13))  # a Saturday, but no bank holiday


def test_working_day_of_a_datetime_is_its_london_date():
    # 23:30 UTC on Sunday 2026-06-14 is 00:30 BST on Monday 2026-06-15
    assert cal.is_working_day(at("2026-06-14T23:30:00+00:00"))


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2026, 12, 24), 0, date(2026, 12, 24)),
    (date(2026, 12, 25), 0, date(2026, 12, 25)),   # day 0 whatever kind of day it is
    (date(2026, 12, 24), 1, date(2026, 12, 29)),   # over Christmas 2026 (25 Fri, 28 Mon)
    (date(2026, 12, 24), 3, date(2026, 12, 31)),
    (date(2026, 12, 24), 4, date(2027, 1, 4)),     # 1 Jan 2027 is a Friday holiday
    (date(2021, 12, 24), 1, date(2021, 12, 29)),   # 27 and 28 Dec 2021 substitutes
    (date(2022, 12, 23), 1, date(2022, 12, 28)),   # 26 Boxing Day, 27 substitute
    (date(2027, 3, 25), 1, date(2027, 3, 30)),     # Easter 2027
    (date(2027, 12, 31), 1, date(2028, 1, 4)),     # 1 Jan 2028 Sat, 3 Jan substitute
    (date(2023, 5, 5), 1, date(2023, 5, 9)),       # coronation Monday
    (date(2026, 6, 13), 1, date(2026, 6, 15)),     # from a Saturday
    (date(2026, 12, 29), -1, date(2026, 12, 24)),  # counting back
])
def test_add_working_days(start, n, expected):
    assert cal.add_working_days(start, n) == expected


def test_next_working_day():
    assert cal.next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)
    assert cal.next_working_day(date(2026, 6, 15)) == date(2026, 6, 16)
    assert cal.next_working_day(date(2027, 3, 26)) == date(2027, 3, 30)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (date(2026, 12, 24), date(2026, 12, 24), 0),
    (date(2026, 12, 24), date(2026, 12, 29), 1),
    (date(2026, 12, 29), date(2026, 12, 24), -1),
    # (21 Dec, 4 Jan]: 22, 23, 24, 29, 30, 31 Dec and 4 Jan
    (date(2026, 12, 21), date(2027, 1, 4), 7),
    (date(2027, 3, 25), date(2027, 3, 29), 0),     # Good Friday to Easter Monday
])
def test_working_days_between(a, b, expected):
    assert cal.working_days_between(a, b) == expected


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),     # leap year
    (date(2026, 1, 31), 3, date(2026, 4, 30)),
    (date(2026, 1, 31), 12, date(2027, 1, 31)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2026, 12, 31), 2, date(2027, 2, 28)),
    (date(2026, 10, 15), 3, date(2027, 1, 15)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months_clamps_to_the_end_of_the_month(start, n, expected):
    assert cal.add_months(start, n) == expected


# --- EDT hours (R-EDT-1) ------------------------------------------------------------------------


@pytest.mark.parametrize(("when", "edt"), [
    ("2026-06-16T08:59:59+01:00", True),    # Tuesday, BST
    ("2026-06-16T09:00:00+01:00", False),
    ("2026-06-16T16:59:59+01:00", False),
    ("2026-06-16T17:00:00+01:00", True),
    ("2026-06-16T00:00:00+01:00", True),
    ("2026-06-13T12:00:00+01:00", True),    # Saturday noon
    ("2026-06-14T12:00:00+01:00", True),    # Sunday noon
    ("2026-12-25T12:00:00+00:00", True),    # Christmas Day noon
    ("2026-12-28T12:00:00+00:00", True),    # Boxing Day substitute, a Monday
    ("2027-03-29T12:00:00+01:00", True),    # Easter Monday
    ("2023-05-08T12:00:00+01:00", True),    # coronation
    ("2026-12-29T12:00:00+00:00", False),
    ("2026-12-29T08:59:59+00:00", True),    # GMT
    ("2026-12-29T09:00:00+00:00", False),
    ("2026-06-16T08:30:00+00:00", False),   # 09:30 BST
    ("2026-06-16T16:30:00+00:00", True),    # 17:30 BST
])
def test_r_edt_1_edt_hours(when, edt):
    assert cal.is_edt(at(when)) is edt


def test_r_edt_1_needs_an_aware_datetime():
    with pytest.raises(ValueError, match="naive"):
        cal.is_edt(datetime(2026, 6, 16, 12, 0))  # noqa: DTZ001  (the point of the test)


# --- contact decision (R-FD-4) ------------------------------------------------------------------


@pytest.mark.parametrize(("received", "due"), [
    ("2026-06-16T10:00:00+01:00", "2026-06-17T17:00:00+01:00"),   # Tuesday morning
    ("2026-06-19T15:30:00+01:00", "2026-06-22T17:00:00+01:00"),   # Friday afternoon
    ("2026-08-28T16:00:00+01:00", "2026-09-01T17:00:00+01:00"),   # Friday, bank holiday Monday
    ("2026-12-24T15:30:00+00:00", "2026-12-29T17:00:00+00:00"),   # Christmas Eve 2026
    ("2026-12-25T10:00:00+00:00", "2026-12-29T17:00:00+00:00"),   # on Christmas Day
    ("2027-03-29T11:00:00+01:00", "2027-03-30T17:00:00+01:00"),   # on Easter Monday
    ("2027-03-25T15:00:00+00:00", "2027-03-30T17:00:00+01:00"),   # before Easter, across BST
    ("2023-05-08T09:30:00+01:00", "2023-05-09T17:00:00+01:00"),   # on coronation day
    ("2021-12-24T14:00:00+00:00", "2021-12-29T17:00:00+00:00"),   # Christmas 2021
    ("2022-12-23T14:00:00+00:00", "2022-12-28T17:00:00+00:00"),   # Christmas 2022
    ("2027-12-31T14:00:00+00:00", "2028-01-04T17:00:00+00:00"),   # New Year 2028 substitute
    ("2026-06-16T23:30:00+01:00", "2026-06-17T17:00:00+01:00"),   # 23:30 on a working day
    # 23:30 UTC is 00:30 BST on Wednesday: the day of receipt is Wednesday
    ("2026-06-16T23:30:00+00:00", "2026-06-18T17:00:00+01:00"),
])
def test_r_fd_4_contact_decision_by_end_of_next_working_day(received, due):
    assert iso(cal.contact_decision_due(at(received))) == due


def test_r_fd_4_contact_decision_from_a_date():
    assert iso(cal.contact_decision_due(date(2026, 12, 24))) == "2026-12-29T17:00:00+00:00"


def test_r_fd_4_contact_decision_needs_an_aware_datetime():
    with pytest.raises(ValueError, match="naive"):
        cal.contact_decision_due(datetime(2026, 6, 16, 10, 0))  # noqa: DTZ001


# --- date-based timescales ----------------------------------------------------------------------


@pytest.mark.parametrize(("referral", "due"), [
    # 29-31 Dec (3), Jan from the 4th (20), Feb (20), 1-2 Mar (2)
    (date(2026, 12, 24), "2027-03-02T23:59:59+00:00"),
    # Feb 16-26 (9), Mar 1-25 (19), Mar 30-31 (2), Apr 1-21 (15): Easter skipped
    (date(2027, 2, 15), "2027-04-21T23:59:59+01:00"),
])
def test_assessment_45_working_days(referral, due):
    assert iso(cal.assessment_due(referral)) == due


@pytest.mark.parametrize(("strategy", "due"), [
    (date(2026, 12, 24), "2027-01-19T23:59:59+00:00"),   # over Christmas and New Year
    (date(2023, 4, 24), "2023-05-17T23:59:59+01:00"),    # May Day and coronation skipped
    (date(2026, 6, 13), "2026-07-03T23:59:59+01:00"),    # a Saturday strategy discussion
])
def test_r_cp_1_icpc_within_15_working_days(strategy, due):
    assert iso(cal.icpc_due(strategy)) == due


def test_r_cp_1_icpc_from_a_datetime_uses_its_london_date():
    # 04:30 UTC on Friday 25 December 2026: the same local date, Christmas Day
    assert iso(cal.icpc_due(at("2026-12-24T23:30:00-05:00"))) == "2027-01-19T23:59:59+00:00"


@pytest.mark.parametrize(("icpc", "due"), [
    (date(2026, 12, 14), "2026-12-30T23:59:59+00:00"),   # 25 and 28 Dec skipped
    (date(2021, 12, 17), "2022-01-05T23:59:59+00:00"),   # 27, 28 Dec and 3 Jan skipped
])
def test_r_cp_2_first_core_group_within_10_working_days(icpc, due):
    assert iso(cal.core_group_due(icpc)) == due


@pytest.mark.parametrize(("icpc", "due"), [
    (date(2026, 6, 16), "2026-09-16T23:59:59+01:00"),
    (date(2026, 11, 30), "2027-02-28T23:59:59+00:00"),   # clamped; a Sunday, not moved
    (date(2027, 1, 31), "2027-04-30T23:59:59+01:00"),
])
def test_r_cp_2_first_rcpc_3_months_after_icpc(icpc, due):
    assert iso(cal.rcpc_first_due(icpc)) == due


@pytest.mark.parametrize(("previous", "due"), [
    (date(2026, 9, 16), "2027-03-16T23:59:59+00:00"),
    (date(2026, 8, 31), "2027-02-28T23:59:59+00:00"),
    (date(2027, 8, 31), "2028-02-29T23:59:59+00:00"),    # leap year
])
def test_r_cp_2_later_rcpcs_6_months_after_the_previous(previous, due):
    assert iso(cal.rcpc_next_due(previous)) == due


@pytest.mark.parametrize(("started", "due"), [
    (date(2026, 12, 23), "2026-12-29T23:59:59+00:00"),   # 24 Dec, then 29 Dec
    (date(2027, 3, 25), "2027-03-31T23:59:59+01:00"),    # Easter skipped
    (date(2026, 6, 19), "2026-06-23T23:59:59+01:00"),    # started on a Friday
])
def test_r_pd_1_professional_differences_stage_2_working_days(started, due):
    assert iso(cal.pd_stage_due(started)) == due


def test_r_pd_1_five_stages_back_to_back():
    started = date(2026, 6, 15)  # Monday
    dues = []
    for _stage in range(5):
        due = cal.pd_stage_due(started)
        dues.append(due.date())
        started = due.date()
    assert dues == [date(2026, 6, 17), date(2026, 6, 19), date(2026, 6, 23),
                    date(2026, 6, 25), date(2026, 6, 29)]


def test_r_pd_1_stage_from_a_late_utc_datetime_uses_the_london_date():
    # 23:30 UTC on Tuesday 16 June is 00:30 BST on Wednesday 17 June: day 0 is Wednesday
    assert iso(cal.pd_stage_due(at("2026-06-16T23:30:00+00:00"))) == "2026-06-19T23:59:59+01:00"


@pytest.mark.parametrize(("entered", "due"), [
    (date(2026, 12, 24), "2027-01-26T23:59:59+00:00"),
    (date(2027, 3, 22), "2027-04-21T23:59:59+01:00"),    # Easter skipped
])
def test_lac_review_1_within_20_working_days(entered, due):
    assert iso(cal.lac_review_1_due(entered)) == due


def test_lac_reviews_2_and_later():
    assert iso(cal.lac_review_2_due(date(2027, 1, 26))) == "2027-04-26T23:59:59+01:00"
    assert iso(cal.lac_review_2_due(date(2026, 11, 30))) == "2027-02-28T23:59:59+00:00"
    # 26 October 2027 is still BST: the clocks go back on Sunday 31 October
    assert iso(cal.lac_review_next_due(date(2027, 4, 26))) == "2027-10-26T23:59:59+01:00"
    assert iso(cal.lac_review_next_due(date(2027, 8, 31))) == "2028-02-29T23:59:59+00:00"


def test_r_sup_3_building_bridges_supervision_every_5_weeks():
    assert iso(cal.supervision_due(date(2026, 12, 22))) == "2027-01-26T23:59:59+00:00"
    assert iso(cal.supervision_due(date(2026, 6, 16))) == "2026-07-21T23:59:59+01:00"


# --- LADO (R-LADO-2) ----------------------------------------------------------------------------


@pytest.mark.parametrize(("incident", "due"), [
    ("2026-06-16T10:00:00+01:00", "2026-06-17T10:00:00+01:00"),
    ("2026-12-24T15:00:00+00:00", "2026-12-25T15:00:00+00:00"),   # calendar hours, not working
    ("2026-03-28T12:00:00+00:00", "2026-03-29T13:00:00+01:00"),   # clocks go forward
    ("2026-10-24T12:00:00+01:00", "2026-10-25T11:00:00+00:00"),   # clocks go back
])
def test_r_lado_2_notification_within_24_hours(incident, due):
    assert iso(cal.lado_notification_due(at(incident))) == due


@pytest.mark.parametrize(("communication", "due"), [
    ("2026-06-16T10:00:00+01:00", "2026-06-17T10:00:00+01:00"),   # Tuesday
    ("2026-06-19T15:00:00+01:00", "2026-06-22T15:00:00+01:00"),   # Friday to Monday
    ("2026-08-28T15:00:00+01:00", "2026-09-01T15:00:00+01:00"),   # bank holiday Monday
    ("2026-03-27T15:00:00+00:00", "2026-03-30T15:00:00+01:00"),   # DST starts on the Sunday
    ("2026-10-23T10:00:00+01:00", "2026-10-26T10:00:00+00:00"),   # DST ends on the Sunday
    ("2027-03-25T15:00:00+00:00", "2027-03-30T15:00:00+01:00"),   # Easter and DST together
    ("2026-06-20T11:00:00+01:00", "2026-06-23T00:00:00+01:00"),   # Saturday: all of Monday
    ("2026-12-24T09:00:00+00:00", "2026-12-29T09:00:00+00:00"),   # Christmas 2026
    ("2026-12-25T12:00:00+00:00", "2026-12-30T00:00:00+00:00"),   # on Christmas Day
    ("2026-06-19T14:00:00+00:00", "2026-06-22T15:00:00+01:00"),   # given in UTC
])
def test_r_lado_2_response_within_24_working_hours(communication, due):
    assert iso(cal.lado_response_due(at(communication))) == due


def test_r_lado_2_from_a_date_starts_at_local_midnight():
    assert iso(cal.lado_response_due(date(2026, 6, 16))) == "2026-06-17T00:00:00+01:00"
    assert iso(cal.lado_notification_due(date(2026, 6, 16))) == "2026-06-17T00:00:00+01:00"


# --- registry and overdue -----------------------------------------------------------------------


def test_registry_has_every_kind():
    assert list(cal.TIMESCALES) == [
        "contact-decision", "assessment", "icpc", "core-group", "rcpc-first", "rcpc-next",
        "lado-notification", "lado-response", "pd-stage", "lac-review-1", "lac-review-2",
        "lac-review-next", "care-plan", "placement-plan", "return-interview",
        "pathway-plan-review",
    ]
    assert iso(cal.due("icpc", date(2026, 12, 24))) == "2027-01-19T23:59:59+00:00"
    with pytest.raises(ValueError, match="unknown timescale"):
        cal.due("icpcx", date(2026, 12, 24))


def test_r_fd_4_overdue_is_judged_against_a_given_now():
    due = cal.contact_decision_due(at("2026-06-19T15:30:00+01:00"))  # Monday 22 June 17:00
    assert not cal.is_overdue(due, now=at("2026-06-22T16:59:59+01:00"))
    assert not cal.is_overdue(due, now=at("2026-06-22T17:00:00+01:00"))
    assert cal.is_overdue(due, now=at("2026-06-22T16:00:01+00:00"))  # 17:00:01 BST


# --- `hearth calendar` --------------------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("args", "printed"), [
    (("due", "contact-decision", "2026-12-24T15:30"), "2026-12-29T17:00:00+00:00\n"),
    (("due", "contact-decision", "2026-12-24T15:30:00+00:00"), "2026-12-29T17:00:00+00:00\n"),
    (("due", "contact-decision", "2026-12-24"), "2026-12-29T17:00:00+00:00\n"),
    (("due", "icpc", "2026-12-24"), "2027-01-19T23:59:59+00:00\n"),
    (("due", "assessment", "2026-12-24"), "2027-03-02T23:59:59+00:00\n"),
    (("due", "core-group", "2026-12-14"), "2026-12-30T23:59:59+00:00\n"),
    (("due", "rcpc-first", "2026-11-30"), "2027-02-28T23:59:59+00:00\n"),
    (("due", "rcpc-next", "2027-08-31"), "2028-02-29T23:59:59+00:00\n"),
    (("due", "pd-stage", "2027-03-25"), "2027-03-31T23:59:59+01:00\n"),
    (("due", "lac-review-1", "2026-12-24"), "2027-01-26T23:59:59+00:00\n"),
    (("due", "lac-review-2", "2027-01-26"), "2027-04-26T23:59:59+01:00\n"),
    (("due", "lac-review-next", "2027-04-26"), "2027-10-26T23:59:59+01:00\n"),
    (("due", "lado-notification", "2026-03-28T12:00"), "2026-03-29T13:00:00+01:00\n"),
    (("due", "lado-response", "2026-03-27T15:00"), "2026-03-30T15:00:00+01:00\n"),
    # naive START is London time: 15:00 BST on a Friday
    (("due", "lado-response", "2026-06-19T15:00"), "2026-06-22T15:00:00+01:00\n"),
    (("due", "lado-response", "2026-06-19T14:00:00+00:00"), "2026-06-22T15:00:00+01:00\n"),
    (("is-edt", "2026-12-25T12:00"), "yes\n"),
    (("is-edt", "2026-12-29T09:00"), "no\n"),
    (("is-edt", "2026-12-29T16:59:59"), "no\n"),
    (("is-edt", "2026-12-29T17:00"), "yes\n"),
    (("is-edt", "2026-06-16T16:30:00+00:00"), "yes\n"),   # 17:30 BST
])
def test_cli_prints_iso_deadlines_and_edt(args, printed):
    assert run(*args) == printed


@pytest.mark.parametrize(("args", "message"), [
    (("due", "icpcx", "2026-01-01"),
     "hearth calendar: unknown KIND 'icpcx'; choose one of: contact-decision, assessment, "
     "icpc, core-group, rcpc-first, rcpc-next, lado-notification, lado-response, pd-stage, "
     "lac-review-1, lac-review-2, lac-review-next, care-plan, placement-plan, "
     "return-interview, pathway-plan-review\n"),
    (("due", "icpc", "2026-13-01"),
     "hearth calendar: START '2026-13-01' is not an ISO date or date-time\n"),
    (("is-edt", "2026-12-25"),
     "hearth calendar: DATETIME '2026-12-25' is a date; give a date-time such as "
     "2026-12-25T09:00\n"),
])
def test_cli_bad_input_is_one_line_and_exit_2(args, message):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("calendar", *args, stdout=out, stderr=err)
    assert exc.value.code == 2
    assert err.getvalue() == message
    assert out.getvalue() == ""


def test_cli_missing_argument_from_call_command_is_a_command_error():
    with pytest.raises(CommandError, match="required: START"):
        call_command("calendar", "due", "icpc")


@pytest.fixture
def hearth_env(tmp_path):
    env = {**os.environ, "HEARTH_DATA_DIR": str(tmp_path), "HEARTH_DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def hearth(env, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hearth.cli", "calendar", *args], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_cli_subprocess_prints_the_deadline(hearth_env):
    done = hearth(hearth_env, "due", "contact-decision", "2026-12-24T15:30")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2026-12-29T17:00:00+00:00\n", "")


@pytest.mark.parametrize(("args", "start_of_message"), [
    (("due", "icpcx", "2026-01-01"), "hearth calendar: unknown KIND 'icpcx'; choose one of: "),
    (("due", "icpc", "2026-13-01"),
     "hearth calendar: START '2026-13-01' is not an ISO date or date-time"),
    (("due", "icpc"), "hearth calendar: the following arguments are required: START"),
    ((), "hearth calendar: the following arguments are required: ACTION"),
    (("when",), "hearth calendar: argument ACTION: invalid choice: 'when'"),
    (("is-edt", "teatime"), "hearth calendar: DATETIME 'teatime' is not an ISO date-time"),
])
def test_cli_subprocess_errors_are_one_line_with_exit_code_2(hearth_env, args, start_of_message):
    done = hearth(hearth_env, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(start_of_message)
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n")
    assert "Traceback" not in done.stderr
