"""R-CIN-1: the next CIN meeting and the next statutory CIN visit are due on Sam's list and
his manager's; only a visit whose purpose is "CIN" counts, and an overdue one shows as such."""

from __future__ import annotations

from datetime import datetime, timedelta

from hearth import calendar
from hearth.core.due import TEAM, due_for
from hearth.visits.actions import do_record_visit
from tests.cin.conftest import LONDON, TODAY, authorised_assessment, start_plan


def _visit(child, by, purpose, day):
    return do_record_visit(child, acting_user=by, kind="planned", place="Home",
                           child_seen=True, child_seen_alone=True, outcome="completed",
                           purpose=purpose,
                           starts_at=datetime.combine(day, datetime.min.time(), LONDON)
                           + timedelta(hours=10))


def test_R_CIN_1_meeting_and_visit_due_counting_only_cin_visits(
        social_worker, team_manager, fletchers):
    jack = fletchers["jack"]
    started = TODAY - timedelta(days=60)
    assessment = authorised_assessment(jack, worker=social_worker, manager=team_manager,
                                       authorised_on=started)
    start_plan(assessment, social_worker, start_on=started,
               actions=[{"what": "Nurse", "owner": "Sam", "due_on": TODAY}])
    _visit(jack, social_worker, "other", TODAY - timedelta(days=2))  # does not count

    def mine(kind, user=social_worker, scope="mine"):
        return [i for i in due_for(user, scope=scope) if i.kind == kind]

    (visit,) = mine("cin_visit")
    assert visit.due == calendar.add_working_days(started, 20)
    assert visit.days_overdue(TODAY) > 0
    (meeting,) = mine("cin_meeting")
    assert meeting.due == calendar.add_months(started, 3)
    assert [i.for_user_id for i in mine("cin_visit", team_manager, TEAM)] == [social_worker.pk]
    seen_on = TODAY - timedelta(days=1)
    _visit(jack, social_worker, "cin", seen_on)
    (visit,) = mine("cin_visit")
    assert visit.due == calendar.add_working_days(seen_on, 20)
