"""The front door's rules as plain functions: no database, no clock (R-FD-4, R-EDT-3,
R-MASH-3)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hearth.frontdoor import rules

LONDON = ZoneInfo("Europe/London")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_an_immediate_contact_is_due_hours_after_receipt_whatever_the_day_R_FD_4():
    friday_evening = at(2026, 11, 20, 22, 30)
    assert rules.decision_due(friday_evening, "immediate") == at(2026, 11, 21, 2, 30)
    assert rules.decision_due(friday_evening, "immediate", 6) == at(2026, 11, 21, 4, 30)
    assert rules.decision_due(friday_evening, "today") == at(2026, 11, 23, 17, 0)
    assert rules.decision_due(friday_evening, "routine") == at(2026, 11, 23, 17, 0)
    # Elapsed hours: across the autumn clock change 4 hours is 03:00 GMT, not 04:00.
    assert rules.decision_due(at(2026, 10, 25, 0, 0), "immediate") == at(2026, 10, 25, 3, 0)


def test_immediate_contacts_waiting_come_first_in_every_queue_R_FD_4():
    due = at(2026, 11, 17, 17, 0)
    rows = {
        "immediate": rules.queue_key(urgency="immediate", waiting=True, overdue=False,
                                     due=due, pk=3),
        "overdue routine": rules.queue_key(urgency="routine", waiting=True, overdue=True,
                                           due=at(2026, 11, 16, 17, 0), pk=1),
        "today": rules.queue_key(urgency="today", waiting=True, overdue=False, due=due, pk=2),
        "immediate in the MASH": rules.queue_key(urgency="immediate", waiting=False,
                                                 overdue=False, due=due, pk=0),
    }
    assert sorted(rows, key=rows.__getitem__) == [
        "immediate", "overdue routine", "today", "immediate in the MASH"]


def test_out_of_hours_only_the_manager_on_call_approves_an_override_R_MASH_3():
    assert rules.may_approve_override(role="service_manager", team_service=None,
                                      out_of_hours=True, on_call_now=True)
    assert not rules.may_approve_override(role="service_manager", team_service=None,
                                          out_of_hours=True, on_call_now=False)
    assert not rules.may_approve_override(role="team_manager", team_service="crs",
                                          out_of_hours=True, on_call_now=False)
    assert not rules.may_approve_override(role="social_worker", team_service="crs",
                                          out_of_hours=True, on_call_now=True)
    # In office hours: a CRS manager, not any service manager.
    assert rules.may_approve_override(role="team_manager", team_service="crs",
                                      out_of_hours=False)
    assert not rules.may_approve_override(role="service_manager", team_service=None,
                                          out_of_hours=False, on_call_now=True)
    assert not rules.may_approve_override(role="team_manager", team_service="family_help",
                                          out_of_hours=False)


def test_a_child_first_recorded_for_the_contact_is_not_known_R_EDT_3():
    assert rules.child_unknown([])  # nobody identified
    assert rules.child_unknown([True])  # a record made while taking the contact
    assert rules.child_unknown([False, True])
    assert not rules.child_unknown([False])  # an existing child
    assert rules.goes_to_crs(decided_before_handover=False, child_unknown=False, checked=False)
    assert rules.goes_to_crs(decided_before_handover=True, child_unknown=True, checked=False)
    assert not rules.goes_to_crs(decided_before_handover=True, child_unknown=True, checked=True)
    assert not rules.goes_to_crs(decided_before_handover=True, child_unknown=False,
                                 checked=False)


def test_the_handover_is_in_the_future_tense_only_until_it_happens_R_EDT_3():
    monday = at(2026, 11, 23, 9, 0)
    assert rules.describe_handover(monday, at(2026, 11, 23, 8, 59), goes=True) == (
        "Will be handed to CRS at 09:00 on Monday 23 November 2026")
    assert rules.describe_handover(monday, monday, goes=True) == (
        "Handed to CRS at 09:00 on Monday 23 November 2026")
    assert rules.describe_handover(monday, monday, goes=False).startswith("Not handed to CRS")
