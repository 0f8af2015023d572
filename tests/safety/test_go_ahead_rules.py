"""May this visit go ahead as planned? One pure rule (``rules.go_ahead_problems``) for the
lone-working check-in, the recorded visit and the visit plan, with the times injected:
R-SAFE-2 (a warning asking for two workers), R-SAFE-3 (a plan agreed by a manager) and
R-RES-5 reconciled with seed 004 §8.1 (vary the timing, but a warned family is visited outside
daylight and working hours only by two workers under a manager-agreed plan)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hearth.safety import rules
from hearth.safety.rules import AGREEMENT, SECOND_WORKER

LONDON = ZoneInfo("Europe/London")


def tuesday(hour: int, minute: int = 0) -> datetime:
    """Tuesday 17 November 2026, a working day."""
    return datetime(2026, 11, 17, hour, minute, tzinfo=LONDON)


def go(starts_at=None, *, ends_at=None, warned=True, joint=False, second=False, agreed=False):
    return rules.go_ahead_problems(starts_at=starts_at or tuesday(10), ends_at=ends_at,
                                   warned=warned, joint_visit_required=joint,
                                   second_worker=second, manager_agreed=agreed)


def test_r_safe_2_daylight_and_working_hours_are_0900_to_1700_on_a_working_day():
    assert rules.in_daylight_working_hours(tuesday(9))
    assert rules.in_daylight_working_hours(tuesday(16, 59))
    assert not rules.in_daylight_working_hours(tuesday(8, 59))
    assert not rules.in_daylight_working_hours(tuesday(17))
    assert not rules.in_daylight_working_hours(tuesday(7))  # the 7am visit of seed 002
    saturday = datetime(2026, 11, 21, 11, 0, tzinfo=LONDON)
    christmas = datetime(2026, 12, 25, 11, 0, tzinfo=LONDON)
    assert not rules.in_daylight_working_hours(saturday)
    assert not rules.in_daylight_working_hours(christmas)
    # A visit is within them only if it is back by 17:00 the same day.
    assert rules.in_daylight_working_hours(tuesday(15), tuesday(17))
    assert not rules.in_daylight_working_hours(tuesday(16), tuesday(17, 1))
    # The same instant in UTC: 09:30 London in summer is 08:30 UTC.
    summer = datetime(2026, 7, 14, 8, 30, tzinfo=ZoneInfo("UTC"))
    assert rules.in_daylight_working_hours(summer)


def test_without_a_warning_any_visit_may_go_ahead_alone_at_any_time():
    assert go(warned=False) == {}
    assert go(tuesday(7), warned=False) == {}
    assert go(tuesday(22), warned=False, joint=False) == {}


def test_R_SAFE_2_a_warning_asking_for_two_workers_needs_a_second_worker_or_agreement():
    assert list(go(joint=True)) == [SECOND_WORKER]
    assert "need two workers" in go(joint=True)[SECOND_WORKER]
    assert go(joint=True, second=True) == {}
    assert go(joint=True, agreed=True) == {}
    # A warning that does not ask for two workers: a daytime lone visit may go ahead.
    assert go(joint=False) == {}


def test_R_RES_5_out_of_hours_a_warned_family_needs_two_workers_and_a_managers_plan():
    """Seed 002: the 7am visit found the violent partner; seed 004: risky visits in daylight
    and working hours. Varied timing stays, but not alone and not unplanned."""
    for when in (tuesday(7), tuesday(19), datetime(2026, 11, 21, 11, 0, tzinfo=LONDON)):
        assert list(go(when)) == [SECOND_WORKER, AGREEMENT]
        assert list(go(when, second=True)) == [AGREEMENT]
        assert list(go(when, agreed=True)) == [SECOND_WORKER]
        assert go(when, second=True, agreed=True) == {}
        # Even where the warning itself does not ask for two workers.
        assert list(go(when, joint=False)) == [SECOND_WORKER, AGREEMENT]
    problems = go(tuesday(7))
    assert "outside daylight and working hours (09:00 to 17:00 on a working day)" in \
        problems[SECOND_WORKER]
    assert "visit plan agreed by a manager" in problems[AGREEMENT]


def test_R_RES_5_a_lone_visit_running_past_1700_is_out_of_hours():
    assert go(tuesday(16), ends_at=tuesday(16, 45)) == {}
    assert list(go(tuesday(16), ends_at=tuesday(18))) == [SECOND_WORKER, AGREEMENT]


def test_R_SAFE_3_a_managers_agreement_is_wanted_where_it_changes_the_answer():
    def wanted(when=None, **facts):
        return rules.agreement_wanted(starts_at=when or tuesday(10), **{
            "warned": True, "joint_visit_required": False, "second_worker": False, **facts})

    assert wanted(joint_visit_required=True)
    assert not wanted(joint_visit_required=True, second_worker=True)
    assert not wanted()  # a daytime visit with no joint-visit warning
    assert not wanted(warned=False)
    assert wanted(tuesday(19), second_worker=True)  # out of hours: both are needed
    assert wanted(tuesday(19))
