"""Arranging conferences and recording their outcomes (R-CP-1, R-CP-2): Sam arranges Jack's
initial conference from the enquiry that found one is needed; Chris chairs it and records
that Jack is to be on a plan, which starts in the same transaction on the conference's date.
Every bad input is refused with a clear message and nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.protection.actions import conferences as actions
from hearth.protection.codes import ConferenceDecision, ConferenceKind, S47Outcome
from hearth.protection.models import Conference, ConferenceFamilyMember, CPPlan
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

POLICE = {"name": "DC Pat Officer", "agency": "Hampshire Police", "role": "Investigator"}


def needs_icpc(enquiry):
    enquiry.outcome = S47Outcome.SUBSTANTIATED_ICPC
    enquiry.outcome_on = date(2026, 11, 16)
    enquiry.save()
    return enquiry


def arrange_icpc(child, enquiry, user, *, held_on=date(2026, 11, 17), chair=None):
    return actions.do_arrange_conference(
        child, acting_user=user, kind=ConferenceKind.ICPC, held_on=held_on, chair=chair,
        chair_name="" if chair else "Chris Chair", enquiry=enquiry, invitees=[POLICE])


def outcome(conference, user, **extra):
    values = {"attendance": {i.pk: {"attendance": "attended", "report_submitted": True}
                             for i in conference.invitees.all()},
              "family": [], "decision": ConferenceDecision.PLAN, "category": "NEG",
              "minutes": "Neglect of Jack's health and hygiene discussed.",
              "outline_plan": "Weekly visits; health visitor to check growth."}
    return actions.do_record_conference_outcome(conference, acting_user=user,
                                                expected_version=conference.version,
                                                **{**values, **extra})


def counts() -> tuple[int, ...]:
    return (Conference.objects.filter(held=True).count(), CPPlan.objects.count(),
            ConferenceFamilyMember.objects.count(), AuditEntry.objects.count(),
            Event.objects.count())


# --- arranging --------------------------------------------------------------------------------

def test_r_cp_1_sam_arranges_jacks_icpc_from_the_enquiry(fletchers, social_worker, chair,
                                                        enquiry_for, as_user):
    jack = fletchers["jack"]
    enquiry = needs_icpc(enquiry_for(jack, held_on=date(2026, 11, 10)))
    client = as_user(social_worker)
    choose = client.get(f"/people/{jack.pk}/conferences/new").content.decode()
    assert f"?kind=icpc&amp;enquiry={enquiry.pk}" in choose
    assert "due by 1 December 2026" in choose
    url = f"/people/{jack.pk}/conferences/new?kind=icpc&enquiry={enquiry.pk}"
    page = client.get(url).content.decode()
    assert "The initial conference is due by <strong>1 December 2026</strong>" in page
    # The strategy discussion's agencies are invited to start with.
    assert 'value="Hampshire Police"' in page and 'value="Children&#x27;s services"' in page
    response = client.post(url, {
        "held_on": "30/11/2026", "chair": str(chair.pk), "chair_name": "",
        "invitees-count": "3", "invitees-0-name": "DC Pat Officer",
        "invitees-0-agency": "Hampshire Police", "invitees-0-role": "Investigator",
        "invitees-1-name": "Ms Amira Shah", "invitees-1-agency": "Northam Primary School",
        "invitees-1-role": "DSL", "invitees-2-name": "", "invitees-2-agency": ""})
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/conferences/{conference.pk}"
    assert (conference.kind, conference.enquiry, conference.held_on) == (
        "icpc", enquiry, date(2026, 11, 30))
    assert conference.chair == chair and conference.chair_name == "Chris Chair"
    assert list(conference.invitees.values_list("agency", flat=True).order_by("pk")) == [
        "Hampshire Police", "Northam Primary School"]
    assert AuditEntry.objects.filter(action="protection.conference_arranged",
                                     object_id=str(jack.pk)).exists()
    shown = client.get(response["Location"]).content.decode()
    assert "Arranged" in shown and "1 December 2026" in shown and "Late" not in shown
    assert "Northam Primary School" in shown and "Record the outcome" not in shown
    assert "Record the outcome" in as_user(chair).get(response["Location"]).content.decode()


def test_r_cp_1_a_late_icpc_is_flagged(fletchers, social_worker, enquiry_for, as_user):
    jack = fletchers["jack"]
    enquiry = needs_icpc(enquiry_for(jack, held_on=date(2026, 11, 10)))
    conference = arrange_icpc(jack, enquiry, social_worker, held_on=date(2026, 12, 4))
    page = as_user(social_worker).get(f"/conferences/{conference.pk}").content.decode()
    assert 'id="icpc-due">1 December 2026 <strong class="govuk-tag govuk-tag--red">Late' in page


def test_an_icpc_needs_an_enquiry_that_found_one_is_needed_and_only_one(
        fletchers, social_worker, enquiry_for, as_user):
    jack = fletchers["jack"]
    enquiry = enquiry_for(jack)
    url = f"/people/{jack.pk}/conferences/new?kind=icpc&enquiry={enquiry.pk}"
    form = {"held_on": "30/11/2026", "chair": "other", "chair_name": "Chris Chair",
            "invitees-count": "1", "invitees-0-name": "DC Officer",
            "invitees-0-agency": "Hampshire Police"}
    response = as_user(social_worker).post(url, form)
    assert response.status_code == 400
    assert "outcome is not that an initial conference is needed" in response.content.decode()
    assert Conference.objects.count() == 0
    needs_icpc(enquiry)
    assert as_user(social_worker).post(url, form).status_code == 302
    again = as_user(social_worker).post(url, form)
    assert again.status_code == 400
    assert "already arranged for this Section 47 enquiry" in again.content.decode()
    assert Conference.objects.count() == 1
    # Another child's enquiry is not this child's.
    with pytest.raises(Refused) as refused:
        arrange_icpc(fletchers["amy"], enquiry, social_worker)
    assert refused.value.problems == {"enquiry": "An initial conference follows a Section 47 "
                                                 "enquiry: choose the child's enquiry whose "
                                                 "outcome is that an ICPC is needed"}


def test_a_conference_needs_invitees_with_agencies_and_a_chair(fletchers, social_worker,
                                                               enquiry_for, as_user):
    jack = fletchers["jack"]
    enquiry = needs_icpc(enquiry_for(jack))
    response = as_user(social_worker).post(
        f"/people/{jack.pk}/conferences/new?kind=icpc&enquiry={enquiry.pk}",
        {"held_on": "", "chair": "", "invitees-count": "2", "invitees-0-name": "Ms Shah",
         "invitees-0-agency": "", "invitees-1-name": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_held_on">Enter the date of the conference' in html
    assert 'href="#id_chair">Select the conference chair, or enter their name' in html
    assert Conference.objects.count() == 0
    response = as_user(social_worker).post(
        f"/people/{jack.pk}/conferences/new?kind=icpc&enquiry={enquiry.pk}",
        {"held_on": "30/11/2026", "chair": "other", "chair_name": "Chris Chair",
         "invitees-count": "2", "invitees-0-name": "Ms Shah", "invitees-0-agency": "",
         "invitees-1-name": ""})
    assert 'href="#id_invitees-0-agency">Enter the agency of Ms Shah' in response.content.decode()
    response = as_user(social_worker).post(
        f"/people/{jack.pk}/conferences/new?kind=icpc&enquiry={enquiry.pk}",
        {"held_on": "30/11/2026", "chair": "other", "chair_name": "Chris Chair",
         "invitees-count": "1", "invitees-0-name": ""})
    assert ('href="#id_invitees-0-name">Add at least one professional invited'
            in response.content.decode())
    assert Conference.objects.count() == 0


def test_another_invitee_row_is_added_without_saving(fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    response = as_user(social_worker).post(f"/people/{jack.pk}/conferences/new?kind=roth", {
        "held_on": "30/11/2026", "invitees-count": "1", "invitees-0-name": "Ms Shah",
        "invitees-0-agency": "School", "add_invitee": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" not in html
    assert 'name="invitees-count" value="2"' in html and 'value="Ms Shah"' in html
    assert 'id="id_invitees-1-name"' in html and Conference.objects.count() == 0


def test_chris_may_arrange_and_a_family_practitioner_may_not(fletchers, chair, enquiry_for,
                                                            as_user, north):
    jack = fletchers["jack"]
    enquiry = needs_icpc(enquiry_for(jack))
    url = f"/people/{jack.pk}/conferences/new?kind=icpc&enquiry={enquiry.pk}"
    assert as_user(chair).get(url).status_code == 200
    bea = make_user("bea", Role.FAMILY_PRACTITIONER, team=north, first="Bea", last="Bridges")
    response = as_user(bea).get(url)
    assert response.status_code == 403
    assert "arranged by social workers, their managers and the conference service" in (
        response.content.decode())


def test_olly_cannot_reach_jacks_conferences(fletchers, social_worker, outsider, enquiry_for,
                                            as_user):
    jack = fletchers["jack"]
    conference = arrange_icpc(jack, needs_icpc(enquiry_for(jack)), social_worker)
    client = as_user(outsider)
    assert client.get(f"/people/{jack.pk}/conferences/new").status_code == 404
    assert client.get(f"/conferences/{conference.pk}").status_code == 404


def test_r_cp_2_a_review_date_before_the_plans_start_is_refused(fletchers, social_worker,
                                                               plan_for, as_user):
    jack = fletchers["jack"]
    plan = plan_for(jack, icpc_on=date(2026, 11, 16))
    before = counts()
    response = as_user(social_worker).post(
        f"/people/{jack.pk}/conferences/new?kind=rcpc&plan={plan.pk}",
        {"held_on": "13/11/2026", "chair": "other", "chair_name": "Chris Chair",
         "invitees-count": "1", "invitees-0-name": "Ms Shah", "invitees-0-agency": "School"})
    assert response.status_code == 400
    assert ("The review conference cannot be before the plan started on 16 November 2026: a "
            "review date before the plan&#x27;s start is not possible") in (
        response.content.decode())
    assert counts() == before and Conference.objects.filter(kind="rcpc").count() == 0


def test_a_roth_conference_needs_a_child_not_on_a_plan(fletchers, social_worker, plan_for):
    jack = fletchers["jack"]
    plan_for(jack)
    with pytest.raises(Refused) as refused:
        actions.do_arrange_conference(jack, acting_user=social_worker, kind="roth",
                                      held_on=date(2026, 11, 30), chair_name="Chris Chair",
                                      invitees=[POLICE])
    assert "already subject to a child protection plan: a risk" in refused.value.problems["kind"]


# --- outcomes ---------------------------------------------------------------------------------

def test_r_cp_2_chris_records_the_icpc_and_the_plan_starts_in_the_same_transaction(
        fletchers, social_worker, chair, enquiry_for, as_user):
    jack = fletchers["jack"]
    conference = arrange_icpc(jack, needs_icpc(enquiry_for(jack)), social_worker, chair=chair)
    invitee = conference.invitees.get()
    client = as_user(chair)
    page = client.get(f"/conferences/{conference.pk}/outcome").content.decode()
    # Sam, Jack's allocated worker, is the lead social worker to start with.
    assert f'<option value="{social_worker.pk}" selected>Sam Worker</option>' in page
    assert "Kerry Fletcher (Mother)" in page
    response = client.post(f"/conferences/{conference.pk}/outcome", {
        "version": "1", "held_on": "17/11/2026", f"attendance_{invitee.pk}": "attended",
        f"report_{invitee.pk}": "on", "family-count": "1",
        "family-0-person": str(fletchers["mum"].pk), "family-0-relationship": "Mother",
        "family-0-participation": "attended", "decision": "plan", "category": "EMO",
        "lead_social_worker": str(social_worker.pk),
        "minutes": "Jack's account and the injury discussed.",
        "outline_plan": "Weekly visits; school to report injuries."})
    plan = CPPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cp-plans/{plan.pk}"
    conference.refresh_from_db()
    assert conference.held and conference.decision == "plan" and conference.started_plan == plan
    assert conference.recorded_by == chair and conference.version == 2
    assert (plan.start_on, plan.initial_category, plan.latest_category) == (
        date(2026, 11, 17), "EMO", "EMO")
    assert plan.lead_social_worker == social_worker and plan.created_by == chair
    assert plan.first_core_group_due == date(2026, 12, 1)
    assert plan.next_review_due == date(2027, 2, 17)
    invitee.refresh_from_db()
    assert (invitee.attendance, invitee.report_submitted) == ("attended", True)
    kerry = conference.family.get()
    assert (kerry.person, kerry.name, kerry.excluded_by) == (fletchers["mum"], "Kerry Fletcher",
                                                             None)
    assert set(Event.objects.filter(person=jack).values_list("kind", flat=True)) >= {
        Kind.CONFERENCE, Kind.CP_PLAN_STARTED}
    assert {"protection.conference_outcome", "protection.plan_started"} <= set(
        AuditEntry.objects.filter(object_id=str(jack.pk)).values_list("action", flat=True))
    # Recorded once: the outcome page now goes back to the conference.
    again = client.get(f"/conferences/{conference.pk}/outcome")
    assert again.status_code == 302 and again["Location"] == f"/conferences/{conference.pk}"


def test_two_open_plans_for_one_child_are_refused_and_nothing_is_written(
        fletchers, social_worker, chair, enquiry_for, plan_for):
    jack = fletchers["jack"]
    conference = arrange_icpc(jack, needs_icpc(enquiry_for(jack)), social_worker)
    plan_for(jack, icpc_on=date(2026, 11, 10))
    before = counts()
    with pytest.raises(Refused) as refused:
        outcome(conference, chair, lead_social_worker=social_worker)
    assert refused.value.problems == {
        "decision": "Jack Fletcher already has an open child protection plan: a child cannot "
                    "have two open plans"}
    assert counts() == before
    conference.refresh_from_db()
    assert not conference.held and conference.invitees.get().attendance == "not_known"


def test_a_plan_without_an_icpc_is_refused(fletchers, social_worker, chair, enquiry_for,
                                          plan_for):
    jack = fletchers["jack"]
    arranged = arrange_icpc(jack, needs_icpc(enquiry_for(jack)), social_worker)
    before = counts()
    with pytest.raises(Refused) as refused:
        actions.do_create_plan(arranged, acting_user=chair, category="NEG",
                               lead_social_worker=social_worker)
    assert refused.value.problems == {
        "conference": "A child protection plan starts at an initial conference: record the "
                      "ICPC first"}
    no_plan = outcome(arranged, chair, decision="no_plan", category="", outline_plan="")
    with pytest.raises(Refused) as refused:
        actions.do_create_plan(no_plan, acting_user=chair, category="NEG",
                               lead_social_worker=social_worker)
    assert "record the ICPC first" in refused.value.problems["conference"]
    review = Conference.objects.create(
        person=jack, kind="rcpc", plan=plan_for(fletchers["amy"]), held_on=date(2026, 11, 17),
        chair_name="Chris", held=True, decision="plan", arranged_by=social_worker,
        arranged_at=no_plan.arranged_at)
    with pytest.raises(Refused):
        actions.do_create_plan(review, acting_user=chair, category="NEG",
                               lead_social_worker=social_worker)
    assert CPPlan.objects.filter(person=jack).count() == 0 and counts()[1] == before[1] + 1


def test_an_outcome_in_the_future_or_without_attendance_is_refused(
        fletchers, social_worker, chair, enquiry_for, as_user):
    jack = fletchers["jack"]
    conference = arrange_icpc(jack, needs_icpc(enquiry_for(jack)), social_worker,
                              held_on=date(2026, 11, 20))
    invitee = conference.invitees.get()
    before = counts()
    response = as_user(chair).post(f"/conferences/{conference.pk}/outcome", {
        "version": "1", "held_on": "20/11/2026", "family-count": "0", "decision": "plan",
        "category": "", "lead_social_worker": "", "minutes": "", "outline_plan": ""})
    html = response.content.decode()
    assert response.status_code == 400
    for anchor, message in [
            ("id_held_on", "The date the conference was held must be today or in the past"),
            (f"id_attendance_{invitee.pk}", "Select whether DC Pat Officer attended"),
            ("id_category", "Select the category of abuse for the child protection plan"),
            ("id_minutes", "Enter the minutes of the conference"),
            ("id_outline_plan", "Enter the outline child protection plan")]:
        assert f'href="#{anchor}">{message}' in html, message
    assert counts() == before


def test_a_stale_outcome_is_409_and_nothing_is_written(fletchers, social_worker, chair,
                                                      enquiry_for, as_user):
    jack = fletchers["jack"]
    conference = arrange_icpc(jack, needs_icpc(enquiry_for(jack)), social_worker)
    Conference.objects.filter(pk=conference.pk).update(version=2)
    invitee = conference.invitees.get()
    before = counts()
    response = as_user(chair).post(f"/conferences/{conference.pk}/outcome", {
        "version": "1", "held_on": "17/11/2026", f"attendance_{invitee.pk}": "attended",
        "family-count": "0", "decision": "no_plan", "minutes": "No plan needed."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this conference" in html and 'name="version" value="2"' in html
    assert "No plan needed." in html
    assert counts() == before


def test_r_cp_2_a_review_continues_the_plan_for_six_months_and_may_change_its_category(
        fletchers, social_worker, chair, plan_for, as_user, time_machine):
    jack = fletchers["jack"]
    plan = plan_for(jack, icpc_on=date(2026, 11, 16), category="PHY")
    review = actions.do_arrange_conference(
        jack, acting_user=social_worker, kind="rcpc", held_on=date(2027, 2, 15),
        chair=chair, plan=plan, invitees=[POLICE])
    page = as_user(social_worker).get(f"/cp-plans/{plan.pk}").content.decode()
    assert f"/conferences/{review.pk}" in page
    time_machine.move_to(date(2027, 2, 16))
    invitee = review.invitees.get()
    response = as_user(chair).post(f"/conferences/{review.pk}/outcome", {
        "version": "1", "held_on": "15/02/2027", f"attendance_{invitee.pk}": "apologies",
        "family-count": "0", "decision": "continue", "category": "NEG",
        "minutes": "Neglect of Jack's health is now the main worry."})
    assert response.status_code == 302, response.content.decode()
    plan.refresh_from_db()
    assert plan.is_open and plan.next_review_due == date(2027, 8, 15)
    assert (plan.initial_category, plan.latest_category) == ("PHY", "NEG")
    assert AuditEntry.objects.filter(action="protection.plan_reviewed").exists()


def test_r_cp_2_a_review_may_end_the_plan_on_its_date(fletchers, social_worker, chair,
                                                     plan_for, time_machine):
    jack = fletchers["jack"]
    plan = plan_for(jack, icpc_on=date(2026, 11, 16))
    review = actions.do_arrange_conference(
        jack, acting_user=social_worker, kind="rcpc", held_on=date(2027, 2, 15),
        chair=chair, plan=plan, invitees=[POLICE])
    time_machine.move_to(date(2027, 2, 16))
    outcome(review, chair, decision=ConferenceDecision.END_PLAN, category="", outline_plan="")
    plan.refresh_from_db()
    assert (plan.end_on, plan.end_reason, plan.ended_by) == (
        date(2027, 2, 15), "no_longer_at_risk", chair)
    assert Event.objects.filter(person=jack, kind=Kind.CP_PLAN_ENDED).exists()


def test_a_conference_the_child_cannot_have_is_explained_before_any_form(
        fletchers, social_worker, plan_for, as_user):
    jack = fletchers["jack"]
    client = as_user(social_worker)
    review = client.get(f"/people/{jack.pk}/conferences/new?kind=rcpc").content.decode()
    assert "You cannot arrange this review child protection conference" in review
    assert "A review conference reviews the child&#x27;s open child protection plan." in review
    assert "Arrange the conference" not in review
    plan_for(jack)
    roth = client.get(f"/people/{jack.pk}/conferences/new?kind=roth").content.decode()
    assert "already subject to a child protection plan: a risk" in roth
