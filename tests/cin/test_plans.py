"""Sam starts Jack's child in need plan from his authorised assessment, holds a CIN meeting
and ends the plan, on the pages (R-CIN-1, R-CIN-2); the child at a glance, the person page,
the chronology and the audit follow it. Olly, who does not see Jack, gets 404."""

from __future__ import annotations

from datetime import timedelta

from hearth.access.models import AuditEntry
from hearth.chronology.models import Event
from hearth.cin.models import CINMeeting, CINPlan
from hearth.core.status import statuses_for
from tests.cin.conftest import TODAY


def _day(d) -> str:
    return d.strftime("%d/%m/%Y")


def test_R_CIN_1_sam_starts_jacks_plan_from_the_authorised_assessment(
        as_user, social_worker, fletchers, assessment):
    sam = as_user(social_worker)
    page = sam.get(f"/assessments/{assessment.pk}")
    assert b"Start the CIN plan" in page.content
    response = sam.post(f"/assessments/{assessment.pk}/cin-plan", {
        "start_on": _day(TODAY - timedelta(days=2)),
        "needs": "Jack needs to be in school every day.",
        "action_1_what": "Walk Jack to school", "action_1_owner": "Kerry Fletcher",
        "action_1_due_on": _day(TODAY + timedelta(days=7))})
    plan = CINPlan.objects.get(person=fletchers["jack"])
    assert response.status_code == 302 and response["Location"] == f"/cin/{plan.pk}"
    assert [(a.position, a.owner) for a in plan.actions.all()] == [(1, "Kerry Fletcher")]
    page = sam.get(f"/cin/{plan.pk}").content.decode()
    assert "Walk Jack to school" in page and "Next CIN visit due" in page
    person = sam.get(f"/people/{fletchers['jack'].pk}").content.decode()
    assert "Child in need plan" in person and "since 15 November 2026" in person
    assert "Next CIN meeting due" in person and "15 February 2027" in person
    assert "open since" not in person  # the plan supersedes casework's "Child in need"
    assert Event.objects.filter(person=fletchers["jack"], kind="cin_plan_started").exists()
    assert AuditEntry.objects.filter(action="cin.plan_started").count() == 1
    # The assessment has started its plan: the way to start one is gone.
    assert b"Start the CIN plan" not in sam.get(f"/assessments/{assessment.pk}").content


def test_R_CIN_1_a_cin_meeting_records_progress_and_the_next_meeting(
        as_user, social_worker, fletchers, plan):
    sam = as_user(social_worker)
    first, second = plan.actions.all()
    response = sam.post(f"/cin/{plan.pk}/meeting", {
        "version": plan.version, "held_on": _day(TODAY), "attendees": "Kerry Fletcher\nSam",
        "progress_1": "done", "progress_2": "under_way", "progress_2_note": "Most days",
        "next_meeting_on": _day(TODAY + timedelta(days=42)),
        "action_3_what": "Book a GP appointment", "action_3_owner": "Kerry",
        "action_3_due_on": _day(TODAY + timedelta(days=10))})
    assert response.status_code == 302
    meeting = CINMeeting.objects.get(plan=plan)
    assert meeting.attendees == ["Kerry Fletcher", "Sam"]
    assert [p.status for p in meeting.progress.all()] == ["done", "under_way"]
    plan.refresh_from_db()
    assert plan.next_meeting_on == TODAY + timedelta(days=42) and plan.version == 2
    assert plan.actions.count() == 3
    assert Event.objects.get(person=fletchers["jack"], kind="cin_meeting").summary == (
        "CIN meeting held (2 attended): 1 of 2 actions done.")


def test_R_CIN_2_sam_ends_the_plan_with_a_reason(as_user, social_worker, fletchers, plan):
    sam = as_user(social_worker)
    response = sam.post(f"/cin/{plan.pk}/end", {"version": plan.version,
                                                "end_on": _day(TODAY),
                                                "end_reason": "step_down"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.end_on, plan.end_reason) == (TODAY, "step_down")
    assert Event.objects.filter(person=fletchers["jack"], kind="cin_plan_ended").exists()
    glance = statuses_for(fletchers["jack"], social_worker).statuses
    assert "cin_plan" not in [s.key for s in glance]
    assert b"Record a CIN meeting" not in sam.get(f"/cin/{plan.pk}").content


def test_bad_input_on_the_pages_names_the_field_and_writes_nothing(
        as_user, social_worker, team_manager, fletchers, assessment):
    sam = as_user(social_worker)
    response = sam.post(f"/assessments/{assessment.pk}/cin-plan", {
        "start_on": _day(TODAY), "needs": "School",
        "action_1_what": "Walk Jack to school", "action_1_owner": "",
        "action_1_due_on": ""})
    assert response.status_code == 400
    assert b"Enter who does action 1" in response.content
    assert b"Enter the date action 1 is due by" in response.content
    assert not CINPlan.objects.exists()
    from tests.cin.conftest import start_plan

    plan = start_plan(assessment, social_worker)
    response = sam.post(f"/cin/{plan.pk}/end", {"version": plan.version,
                                                "end_on": _day(plan.start_on - timedelta(1)),
                                                "end_reason": "case_closed"})
    assert response.status_code == 400
    assert b"The plan cannot end before it started" in response.content
    response = sam.post(f"/cin/{plan.pk}/meeting", {
        "version": plan.version, "held_on": _day(plan.start_on - timedelta(1)),
        "attendees": "Kerry", "progress_1": "done", "progress_2": "done"})
    assert response.status_code == 400
    assert b"The meeting cannot be before the plan started" in response.content
    # A stale edit: Tina recorded a meeting on the plan first.
    as_user(team_manager).post(f"/cin/{plan.pk}/meeting", {
        "version": plan.version, "held_on": _day(TODAY), "attendees": "Kerry",
        "progress_1": "done", "progress_2": "done"})
    response = sam.post(f"/cin/{plan.pk}/end", {"version": plan.version,
                                                "end_on": _day(TODAY),
                                                "end_reason": "case_closed"})
    assert response.status_code == 409
    assert b"Someone else changed this child in need plan" in response.content
    plan.refresh_from_db()
    assert plan.end_on is None and plan.meetings.count() == 1


def test_a_plan_is_seen_by_whoever_sees_the_child(as_user, outsider, plan):
    assert as_user(outsider).get(f"/cin/{plan.pk}").status_code == 404



def test_the_person_page_reads_a_childs_plans_as_the_built_filter_does(
        social_worker, team_manager, police_partner, outsider, administrator, plan,
        django_assert_num_queries):
    """The child's plans are read through each user's filter kept for the process
    (``visibility.keep(CINPlan)``, issue 14): the same plans the built filter gives, with
    their actions and meetings, in three queries, and none more when they are shown."""
    from hearth.cin import queries
    from hearth.core import visibility
    from tests.cin.conftest import ACTIONS

    for user in (social_worker, team_manager, police_partner, outsider, administrator):
        built = list(CINPlan.objects.visible_to(user).filter(person_id=plan.person_id))
        with visibility.scopes_remembered():
            kept = queries.plans_of(user, plan.person_id)
        assert [p.pk for p in kept] == [p.pk for p in built], user.username
    assert built == [] and kept == []  # the administrator sees no child's plan
    with visibility.scopes_remembered(), django_assert_num_queries(3):
        sams = queries.plans_of(social_worker, plan.person_id)
    with django_assert_num_queries(0):
        assert [a.what for a in sams[0].actions.all()] == [a["what"] for a in ACTIONS]
        assert list(sams[0].meetings.all()) == []
