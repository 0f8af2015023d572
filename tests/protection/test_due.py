"""What child protection adds to the list of what is due (issue 15), each source on its own,
on Tuesday 17 November 2026: Sam's overdue and due ICPCs, reviews within the window, the next
core group meeting; Chris the chair's conferences; Tina's team and her authorisations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from hearth import calendar
from hearth.core.due import MINE, TEAM
from hearth.protection import due
from hearth.protection.models import CoreGroupMeeting
from hearth.protection.rules import pathway as rules

pytestmark = pytest.mark.django_db


def test_core_group_due_is_the_first_meeting_then_the_next_set_r_cp_2():
    """R-CP-2: the first core group within 10 working days of the ICPC; then the next set."""
    first = date(2026, 11, 30)
    assert rules.core_group_due(first_due=first, last_held=None, next_meeting_on=None) == first
    assert rules.core_group_due(first_due=first, last_held=first,
                                next_meeting_on=first + timedelta(days=42)) == \
        first + timedelta(days=42)
    assert rules.core_group_due(first_due=first, last_held=first, next_meeting_on=None) is None


def test_r_cp_1_sams_icpcs_overdue_and_due(fletchers, social_worker, enquiry_for):
    late = enquiry_for(fletchers["jack"], held_on=date(2026, 10, 20))
    enquiry_for(fletchers["amy"], held_on=date(2026, 11, 10))
    items = due.conferences(social_worker, scope=MINE)
    assert [(i.person_name, i.kind) for i in items] == [("Jack Fletcher", "icpc"),
                                                        ("Amy Fletcher", "icpc")]
    jack = items[0]
    assert jack.due == late.icpc_due == calendar.icpc_due(date(2026, 10, 20)).date()
    assert jack.when(timezone.localdate()) == "overdue"
    assert jack.what == "Record the Section 47 outcome: the ICPC is due"
    assert jack.link == f"/s47-enquiries/{late.pk}"
    late.outcome = "icpc"
    late.save()
    jack = due.conferences(social_worker, scope=MINE)[0]
    assert jack.what == "Arrange the initial child protection conference"
    assert jack.link == (f"/people/{fletchers['jack'].pk}/conferences/new"
                         f"?kind=icpc&enquiry={late.pk}")
    assert str(fletchers["jack"].pk) in jack.link and "Fletcher" not in jack.link


def test_r_cp_2_reviews_within_the_window_and_core_groups(fletchers, social_worker, plan_for):
    soon = plan_for(fletchers["jack"], icpc_on=date(2026, 8, 20))  # review due 20 Nov
    later = plan_for(fletchers["amy"], icpc_on=date(2026, 11, 16))  # review due in February
    CoreGroupMeeting.objects.create(plan=soon, held_on=date(2026, 9, 1), attendees="Sam",
                                    progress="Some", next_meeting_on=date(2026, 11, 12),
                                    recorded_by=social_worker, recorded_at=timezone.now())
    reviews = due.conferences(social_worker, scope=MINE)
    assert [(i.person_name, i.kind, i.due) for i in reviews] == [
        ("Jack Fletcher", "cp_review", soon.next_review_due)]
    groups = {i.person_name: i for i in due.core_groups(social_worker, scope=MINE)}
    assert groups["Jack Fletcher"].due == date(2026, 11, 12)
    assert groups["Jack Fletcher"].what == "Core group meeting"
    assert groups["Amy Fletcher"].due == later.first_core_group_due
    assert groups["Amy Fletcher"].what == "First core group meeting"
    assert groups["Amy Fletcher"].link == f"/cp-plans/{later.pk}/core-group/meetings/new"


def test_the_chair_sees_conferences_and_no_core_groups(fletchers, chair, enquiry_for,
                                                       plan_for):
    enquiry_for(fletchers["jack"], held_on=date(2026, 10, 20))
    plan_for(fletchers["amy"], icpc_on=date(2026, 11, 16))
    assert [i.person_name for i in due.conferences(chair, scope=MINE)] == ["Jack Fletcher"]
    assert due.core_groups(chair, scope=MINE) == []


def test_tinas_team_items_are_for_sams_and_her_own_are_authorisations(
        fletchers, social_worker, team_manager, enquiry_for, outsider):
    enquiry = enquiry_for(fletchers["jack"], held_on=date(2026, 10, 20))
    assert due.conferences(team_manager, scope=MINE) == []
    team = due.conferences(team_manager, scope=TEAM)
    assert [(i.person_name, i.for_user_id) for i in team] == [("Jack Fletcher",
                                                               social_worker.pk)]
    assert due.conferences(social_worker, scope=TEAM) == []
    assert due.outcomes_to_authorise(team_manager, scope=MINE) == []
    enquiry.proposed_outcome, enquiry.proposed_by = "not_substantiated", social_worker
    enquiry.proposed_at = timezone.now()
    enquiry.save()
    [waiting] = due.outcomes_to_authorise(team_manager, scope=MINE)
    assert waiting.authorise and waiting.for_user_id == social_worker.pk
    assert waiting.link == f"/s47-enquiries/{enquiry.pk}/outcome/authorisation"
    assert due.outcomes_to_authorise(social_worker, scope=MINE) == []
    assert due.conferences(outsider, scope=MINE) == []


def test_the_actions_agreed_at_a_strategy_discussion(fletchers, social_worker, team_manager,
                                                     outsider, enquiry_for):
    discussion = enquiry_for(fletchers["jack"]).strategy
    action = discussion.actions.create(action="Check Jack's attendance with the school",
                                       owner="Sam Worker", owner_user=social_worker,
                                       due_on=date(2026, 11, 19))
    discussion.actions.create(action="Police checks", owner="DC Pat Officer")  # no date
    [mine] = due.strategy_actions(social_worker, scope=MINE)
    assert (mine.person_name, mine.due, mine.kind) == ("Jack Fletcher", date(2026, 11, 19),
                                                       "strategy_action")
    assert mine.what == "Strategy discussion action: Check Jack's attendance with the school"
    assert mine.link == f"/strategy-discussions/{discussion.pk}"
    assert [i.for_user_id for i in due.strategy_actions(team_manager, scope=TEAM)] == [
        social_worker.pk]
    assert due.strategy_actions(outsider, scope=MINE) == []
    action.done_on = date(2026, 11, 17)
    action.save()
    assert due.strategy_actions(social_worker, scope=MINE) == []


def test_a_child_on_a_plan_is_seen_every_ten_working_days_by_default():
    """The CP visit frequency is a local setting (DOMAIN.md §5, default 10 working days): from
    the plan's start until a visit sees the child, then from that visit."""
    start = date(2026, 11, 16)  # a Monday
    assert rules.cp_visit_due(plan_start=start, last_seen_on=None, working_days=10) == \
        date(2026, 11, 30)
    assert rules.cp_visit_due(plan_start=start, last_seen_on=date(2026, 11, 20),
                              working_days=10) == date(2026, 12, 4)
    # A visit before the plan began does not count towards it.
    assert rules.cp_visit_due(plan_start=start, last_seen_on=date(2026, 11, 2),
                              working_days=10) == date(2026, 11, 30)
    # Over Christmas (Friday 25; Boxing Day's bank holiday moves to Monday 28): the fifth
    # working day after Friday 18 December is Tuesday 29.
    assert rules.cp_visit_due(plan_start=date(2026, 12, 18), last_seen_on=None,
                              working_days=5) == date(2026, 12, 29)


def test_sams_visit_to_amy_on_her_plan_is_due_and_only_a_visit_that_sees_her_moves_it(
        fletchers, social_worker, plan_for, settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from hearth.visits.actions import do_record_visit

    amy = fletchers["amy"]
    plan_for(amy, icpc_on=date(2026, 11, 9))
    [visit] = due.cp_visits(social_worker, scope=MINE)
    assert (visit.person_name, visit.kind, visit.due) == ("Amy Fletcher", "cp_visit",
                                                          date(2026, 11, 23))
    assert visit.link == f"/people/{amy.pk}/visits/new"
    london = ZoneInfo("Europe/London")
    do_record_visit(amy, acting_user=social_worker, kind="unannounced", place="Home",
                    starts_at=datetime(2026, 11, 16, 16, 0, tzinfo=london),
                    child_seen=False, outcome="no_access")
    assert due.cp_visits(social_worker, scope=MINE)[0].due == date(2026, 11, 23)
    # Only a statutory CP visit counts (issue 17): a visit for another purpose does not.
    do_record_visit(amy, acting_user=social_worker, kind="planned", place="School",
                    starts_at=datetime(2026, 11, 17, 8, 0, tzinfo=london), purpose="other",
                    child_seen=True, child_seen_alone=True, outcome="completed")
    assert due.cp_visits(social_worker, scope=MINE)[0].due == date(2026, 11, 23)
    do_record_visit(amy, acting_user=social_worker, kind="planned", place="Home",
                    starts_at=datetime(2026, 11, 17, 9, 0, tzinfo=london), purpose="cp",
                    child_seen=True, child_seen_alone=True, outcome="completed")
    assert due.cp_visits(social_worker, scope=MINE)[0].due == date(2026, 12, 1)
    settings.HEARTH_CP_VISIT_WORKING_DAYS = 5
    assert due.cp_visits(social_worker, scope=MINE)[0].due == date(2026, 11, 24)


def test_visits_recorded_before_purposes_count_when_the_child_was_on_a_plan_that_day(
        fletchers, social_worker, plan_for):
    """The data migration (protection/0005): an "other" visit made while the child was on a
    child protection plan was that plan's visit; one before the plan stays "other"."""
    import importlib
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.apps import apps

    from hearth.visits.actions import do_record_visit

    amy = fletchers["amy"]
    plan_for(amy, icpc_on=date(2026, 11, 9))
    london = ZoneInfo("Europe/London")
    before, during = (do_record_visit(amy, acting_user=social_worker, kind="planned",
                                      place="Home", starts_at=datetime(2026, 11, d, 10, 0,
                                                                       tzinfo=london),
                                      child_seen=True, child_seen_alone=True,
                                      outcome="completed") for d in (2, 10))
    migration = importlib.import_module("hearth.protection.migrations.0005_cp_visit_purposes")
    migration.mark_cp_visits(apps, None)
    before.refresh_from_db()
    during.refresh_from_db()
    assert (before.purpose, during.purpose) == ("other", "cp")
