"""Record once for a family (issue 15): Jack and Amy are both on plans and their core groups
meet together. Sam records the meeting once — the date, who came, the actions and the next
date — with the progress against each child's own plan; each plan gets its own meeting, in its
own chronology, linked to the other. Tuesday 17 November 2026 (the protection tests' clock)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.protection.models import CoreGroupMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(fletchers, plan_for):
    return {"jack": plan_for(fletchers["jack"], icpc_on=date(2026, 11, 9)),
            "amy": plan_for(fletchers["amy"], icpc_on=date(2026, 11, 9))}


def posted(plans, changes: dict | None = None) -> dict:
    data = {"held_on": "17/11/2026", "attendees": "Sam, Ms Shah (school), Kerry",
            "plans": [plans["jack"].pk, plans["amy"].pk],
            f"progress_{plans['jack'].pk}": "Jack has been at school every day.",
            f"progress_{plans['amy'].pk}": "Amy's health visitor saw her twice.",
            "actions": "Kerry to attend the parenting group.", "next_meeting_on": "8/12/2026"}
    data.update(changes or {})
    return data


def test_sam_records_one_meeting_for_jacks_and_amys_core_groups(as_user, social_worker,
                                                               fletchers, plans):
    jack, amy = plans["jack"], plans["amy"]
    client = as_user(social_worker)
    single = client.get(f"/cp-plans/{jack.pk}/core-group/meetings/new").content.decode()
    url = f"/cp-plans/{jack.pk}/core-group/meetings/family"
    assert f'href="{url}"' in single
    page = client.get(url).content.decode()
    assert "Progress against Jack Fletcher&#x27;s plan" in page
    assert "Progress against Amy Fletcher&#x27;s plan" in page
    assert client.post(url, posted(plans)).status_code == 302
    meetings = {m.plan_id: m for m in CoreGroupMeeting.objects.all()}
    assert set(meetings) == {jack.pk, amy.pk}
    assert meetings[jack.pk].group == meetings[amy.pk].group is not None
    assert meetings[amy.pk].progress == "Amy's health visitor saw her twice."
    assert meetings[jack.pk].next_meeting_on == date(2026, 12, 8)
    assert AuditEntry.objects.filter(action="protection.core_group_meeting").count() == 2
    assert Event.objects.filter(kind=Kind.CORE_GROUP).count() == 2
    assert "Amy's health visitor" in Event.objects.get(person=fletchers["amy"],
                                                       kind=Kind.CORE_GROUP).summary
    plan_page = client.get(f"/cp-plans/{jack.pk}").content.decode()
    assert "Held with the core groups of" in plan_page and "Amy Fletcher</a>" in plan_page


def test_a_childs_missing_progress_is_named_and_nothing_is_written(as_user, social_worker,
                                                                   plans):
    url = f"/cp-plans/{plans['jack'].pk}/core-group/meetings/family"
    answer = as_user(social_worker).post(url, posted(
        plans, {f"progress_{plans['amy'].pk}": ""}))
    assert answer.status_code == 400
    assert "Amy Fletcher: Enter the progress against the plan" in answer.content.decode()
    assert CoreGroupMeeting.objects.count() == 0


def test_one_child_alone_is_the_ordinary_meeting(as_user, social_worker, plans):
    url = f"/cp-plans/{plans['jack'].pk}/core-group/meetings/family"
    answer = as_user(social_worker).post(url, posted(plans, {"plans": [plans["jack"].pk]}))
    assert answer.status_code == 400
    assert "Choose the children whose core groups met together" in answer.content.decode()
    assert CoreGroupMeeting.objects.count() == 0


def test_olly_the_outsider_gets_404_and_a_lone_plan_has_no_family_meeting(
        as_user, outsider, social_worker, fletchers, plan_for):
    plan = plan_for(fletchers["jack"], icpc_on=date(2026, 11, 9))
    url = f"/cp-plans/{plan.pk}/core-group/meetings/family"
    assert as_user(outsider).get(url).status_code == 404
    client = as_user(social_worker)
    assert client.get(url).status_code == 404  # Amy is on no plan
    assert 'meetings/family"' not in client.get(
        f"/cp-plans/{plan.pk}/core-group/meetings/new").content.decode()


# --- the strategy discussion about brothers and sisters ----------------------------------------


def test_sam_records_one_strategy_discussion_about_jack_and_amy(fletchers, social_worker,
                                                                 as_user):
    """Jack's and Amy's discussion is one meeting: Jack's joint Section 47 enquiry, and Amy's
    own decision (single agency); each child's record has their own, linked; the actions are
    Jack's discussion's only, so they are not due twice."""
    from hearth.chronology.models import Event
    from hearth.protection.models import Section47Enquiry, StrategyAction, StrategyDiscussion
    from tests.protection.test_strategy_pages import new_url, strategy_form

    jack, amy = fletchers["jack"], fletchers["amy"]
    client = as_user(social_worker)
    page = client.get(new_url(jack)).content.decode()
    assert f'name="also_{amy.pk}"' in page and "Also about Amy Fletcher" in page
    response = client.post(new_url(jack), strategy_form(**{
        f"also_{amy.pk}": "on", f"decision_{amy.pk}": "s47_single",
        f"reasons_{amy.pk}": "Amy is too young to speak to the police."}))
    assert response.status_code == 302
    found = {d.person_id: d for d in StrategyDiscussion.objects.all()}
    assert set(found) == {jack.pk, amy.pk}
    assert found[jack.pk].group == found[amy.pk].group is not None
    assert found[amy.pk].decision == "s47_single"
    assert found[amy.pk].decision_reasons == "Amy is too young to speak to the police."
    assert found[amy.pk].participants.count() == 3
    assert found[amy.pk].information_shared == found[jack.pk].information_shared
    assert {e.person_id: e.joint for e in Section47Enquiry.objects.all()} == {
        jack.pk: True, amy.pk: False}
    assert StrategyAction.objects.filter(discussion=found[amy.pk]).count() == 0
    assert StrategyAction.objects.filter(discussion=found[jack.pk]).count() == 2
    assert Event.objects.filter(person=amy, kind="strategy_discussion").exists()
    amys = client.get(f"/strategy-discussions/{found[amy.pk].pk}").content.decode()
    assert "Recorded with the discussions about" in amys
    assert f'href="/strategy-discussions/{found[jack.pk].pk}">Jack Fletcher</a>' in amys


def test_a_sibling_with_no_way_in_is_named_and_nothing_is_written(fletchers, social_worker,
                                                                  as_user, north):
    from hearth.casework.models import Involvement
    from hearth.protection.models import StrategyDiscussion
    from tests.protection.test_strategy_pages import new_url, strategy_form

    jack, amy = fletchers["jack"], fletchers["amy"]
    Involvement.objects.filter(person=amy).update(status="closed", closed_on=date(2026, 11, 1))
    answer = as_user(social_worker).post(new_url(jack), strategy_form(**{
        f"also_{amy.pk}": "on"}))
    assert answer.status_code == 400
    assert "Amy Fletcher is not on the contact and has no open case" in answer.content.decode()
    assert StrategyDiscussion.objects.count() == 0  # not even Jack's
