"""Jack's child protection plan (R-CP-2): its categories, lead social worker, first core group
and review due dates with overdue flags, its core group, reviews and the practitioners'
meetings about the family (seed 004 §4.3); ending it, never before it started; and the
plans and conferences section of his child protection page."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.incidents.actions import do_record_meeting
from hearth.protection.actions import conferences as actions
from hearth.protection.models import CPPlan

pytestmark = pytest.mark.django_db


def test_r_cp_2_the_plan_page_shows_its_dates_and_flags_what_is_overdue(
        fletchers, social_worker, plan_for, as_user, time_machine):
    jack, kerry = fletchers["jack"], fletchers["mum"]
    plan = plan_for(jack, icpc_on=date(2026, 11, 16), category="NEG")
    plan.latest_category = "EMO"
    plan.save()
    do_record_meeting(kerry, acting_user=social_worker, held_on=date(2026, 11, 16),
                      attendees="Sam, school, police", discussion="Kerry's threats to staff",
                      plan="Joint visits", shared_with_family="Kerry told at the core group")
    client = as_user(social_worker)
    page = client.get(f"/cp-plans/{plan.pk}").content.decode()
    for text in ("Child protection plan from 16 November 2026", "Neglect", "Emotional abuse",
                 "Sam Worker", 'id="core-group-due">30 November 2026',
                 'id="review-due">16 February 2027', "End the plan",
                 f"?kind=rcpc&amp;plan={plan.pk}", "Meeting on 16 November 2026</a> about "
                 "Kerry Fletcher", f"/people/{jack.pk}/practitioners-meetings/new"):
        assert text in page, text
    assert "Overdue" not in page
    assert AuditEntry.objects.filter(action="view_cp_plan", object_id=str(jack.pk)).exists()

    time_machine.move_to(date(2026, 12, 1))
    client = as_user(social_worker)  # a new day, a new sign-in
    page = client.get(f"/cp-plans/{plan.pk}").content.decode()
    assert ('id="core-group-due">30 November 2026 <strong class="govuk-tag govuk-tag--red">'
            'Overdue') in page
    actions.do_record_core_group_meeting(plan, acting_user=social_worker,
                                         held_on=date(2026, 11, 27), attendees="Sam, Kerry",
                                         progress="Kerry has engaged with the health visitor.")
    page = client.get(f"/cp-plans/{plan.pk}").content.decode()
    core_group = page[page.index('id="core-group-due"'):]
    core_group = core_group[:core_group.index("</dd>")]
    assert "(first met 27 November 2026)" in core_group and "Overdue" not in core_group
    time_machine.move_to(date(2027, 2, 17))
    page = as_user(social_worker).get(f"/cp-plans/{plan.pk}").content.decode()
    assert ('id="review-due">16 February 2027 <strong class="govuk-tag govuk-tag--red">'
            'Overdue') in page


def test_only_those_who_may_see_jack_read_his_plan(fletchers, plan_for, outsider,
                                                  police_partner, chair, as_user):
    plan = plan_for(fletchers["jack"])
    assert as_user(outsider).get(f"/cp-plans/{plan.pk}").status_code == 404
    assert as_user(outsider).get(f"/cp-plans/{plan.pk}/end").status_code == 404
    assert as_user(police_partner).get(f"/cp-plans/{plan.pk}").status_code == 403
    # The conference service sees a child with a conference, and reads the plan.
    assert as_user(chair).get(f"/cp-plans/{plan.pk}").status_code == 200


def test_a_plan_cannot_end_before_it_started(fletchers, social_worker, plan_for, as_user):
    plan = plan_for(fletchers["jack"], icpc_on=date(2026, 11, 16))
    client = as_user(social_worker)
    assert client.get(f"/cp-plans/{plan.pk}/end").status_code == 200
    response = client.post(f"/cp-plans/{plan.pk}/end", {
        "version": "1", "end_on": "13/11/2026", "reason": "no_longer_at_risk"})
    assert response.status_code == 400
    assert ('href="#id_end_on">The plan cannot end before it started on 16 November 2026'
            in response.content.decode())
    response = client.post(f"/cp-plans/{plan.pk}/end", {
        "version": "1", "end_on": "18/11/2026", "reason": "other"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "The date the plan ended must be today or in the past" in html
    plan.refresh_from_db()
    assert plan.is_open and plan.version == 1
    assert not AuditEntry.objects.filter(action="protection.plan_ended").exists()
    with pytest.raises(Refused) as refused:
        actions.do_end_plan(plan, acting_user=social_worker, expected_version=1,
                            end_on=date(2026, 11, 1), reason="moved_away")
    assert refused.value.problems == {
        "end_on": "The plan cannot end before it started on 16 November 2026: enter a date on "
                  "or after that"}
    plan.refresh_from_db()
    assert plan.end_on is None


def test_sam_ends_jacks_plan_with_its_reason(fletchers, social_worker, plan_for, as_user):
    jack = fletchers["jack"]
    plan = plan_for(jack, icpc_on=date(2026, 11, 16))
    client = as_user(social_worker)
    stale = client.post(f"/cp-plans/{plan.pk}/end", {
        "version": "0", "end_on": "17/11/2026", "reason": "moved_away"})
    assert stale.status_code == 409 and "Someone else changed this plan" in (
        stale.content.decode())
    response = client.post(f"/cp-plans/{plan.pk}/end", {
        "version": "1", "end_on": "17/11/2026", "reason": "moved_away",
        "notes": "The family moved to Dorset; Dorset will hold a transfer-in conference."})
    assert response.status_code == 302 and response["Location"] == f"/cp-plans/{plan.pk}"
    plan.refresh_from_db()
    assert (plan.end_on, plan.end_reason, plan.ended_by) == (date(2026, 11, 17), "moved_away",
                                                             social_worker)
    ended = Event.objects.get(person=jack, kind=Kind.CP_PLAN_ENDED)
    assert "Moved to another local authority" in ended.summary
    page = client.get(f"/cp-plans/{plan.pk}").content.decode()
    assert "Ended 17 November 2026" in page and "End the plan" not in page
    assert client.get(f"/cp-plans/{plan.pk}/end").status_code == 302


def test_a_second_plan_for_a_child_on_one_is_refused(fletchers, social_worker, chair,
                                                    plan_for):
    jack = fletchers["jack"]
    first = plan_for(jack, icpc_on=date(2026, 11, 10))
    second = plan_for(fletchers["amy"], icpc_on=date(2026, 11, 16)).conference
    second.person = jack
    second.save()
    CPPlan.objects.filter(conference=second).delete()
    with pytest.raises(Refused) as refused:
        actions.do_create_plan(second, acting_user=chair, category="NEG",
                               lead_social_worker=social_worker)
    assert refused.value.problems == {
        "child": "Jack Fletcher already has an open child protection plan: a review "
                 "conference reviews it, or end it first"}
    assert list(CPPlan.objects.filter(person=jack)) == [first]


def _section(user, person) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load protection_conferences %}{% cp_plans_section person %}")
    return template.render(Context({"request": request, "person": person}))


def test_the_plans_section_lists_plans_open_first_and_what_to_arrange(
        fletchers, social_worker, plan_for, enquiry_for, time_machine):
    jack, amy = fletchers["jack"], fletchers["amy"]
    html = _section(social_worker, amy)
    assert "Amy Fletcher has not been subject to a child protection plan" in html
    assert "?kind=roth" in html and "Arrange a risk outside the home conference (ROTH)" in html
    old = plan_for(jack, icpc_on=date(2025, 3, 3), category="PHY")
    actions.do_end_plan(old, acting_user=social_worker, expected_version=1,
                        end_on=date(2025, 9, 1), reason="no_longer_at_risk")
    current = plan_for(jack, icpc_on=date(2026, 11, 16), category="NEG")
    time_machine.move_to(date(2026, 12, 1))
    html = _section(social_worker, jack)
    assert html.index(f"/cp-plans/{current.pk}") < html.index(f"/cp-plans/{old.pk}")
    assert "Core group meeting due by 30 November 2026 <strong" in html and "Overdue" in html
    assert f"?kind=rcpc&amp;plan={current.pk}" in html and "?kind=roth" not in html
    assert "Ended: no longer at continuing risk of significant harm" in html
    assert "Initial child protection conference" in html


def test_the_plan_and_conference_pages_do_not_query_per_row(fletchers, social_worker, chair,
                                                            plan_for, as_user):
    """Practice 10: more members, meetings, invitees and family rows, the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = plan_for(fletchers["jack"], icpc_on=date(2026, 11, 16))
    client = as_user(social_worker)

    def grow(n: int) -> None:
        for i in range(n):
            actions.do_add_core_group_member(plan, acting_user=social_worker, name=f"M{i}",
                                             agency=f"Agency {i}", role="Role", tasks="Tasks")
            actions.do_record_core_group_meeting(plan, acting_user=social_worker,
                                                 held_on=date(2026, 11, 17), attendees="All",
                                                 progress="Some")
            plan.conference.invitees.create(name=f"I{i}", agency=f"Agency {i}")
            plan.conference.family.create(name=f"F{i}", participation="excluded_all",
                                          exclusion_reason="Reason", excluded_by=chair)

    counts = []
    for n in (1, 4):
        grow(n)
        with CaptureQueriesContext(connection) as plan_page:
            assert client.get(f"/cp-plans/{plan.pk}").status_code == 200
        with CaptureQueriesContext(connection) as conference_page:
            assert client.get(f"/conferences/{plan.conference_id}").status_code == 200
        counts.append((len(plan_page), len(conference_page)))
    assert counts[0] == counts[1]


def test_r_cp_2_a_missed_core_group_meeting_is_overdue_on_the_plan_page_and_the_dashboard(
        fletchers, social_worker, team_manager, plan_for, as_user, time_machine):
    """The plan page and the dashboard read one rule: the core group met on time, but the next
    meeting it set has passed with no meeting, so both say it is overdue."""
    jack = fletchers["jack"]
    plan = plan_for(jack, icpc_on=date(2026, 9, 1))
    time_machine.move_to(date(2026, 9, 10))
    actions.do_record_core_group_meeting(plan, acting_user=social_worker,
                                         held_on=date(2026, 9, 10), attendees="Sam, school",
                                         progress="Settled", next_meeting_on=date(2026, 10, 8))
    time_machine.move_to(date(2026, 11, 17))
    page = as_user(social_worker).get(f"/cp-plans/{plan.pk}").content.decode()
    next_row = page[page.index('id="core-group-next"'):]
    assert next_row.startswith('id="core-group-next">8 October 2026 <strong')
    assert "Overdue" in next_row[:120]
    dashboard = as_user(team_manager).get("/child-protection").content.decode()
    assert ("Next meeting<span class=\"govuk-visually-hidden\"> of the core group for Jack "
            "Fletcher") in dashboard
