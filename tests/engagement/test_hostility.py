"""Hostility is recorded with its form, the threatening behaviour seen, who and the worker's
account (R-RES-2); when it escalates, Sam is taken to alert the other practitioners with the
questions of seed 004 §4.2, and who was told is recorded (R-RES-4)."""

from __future__ import annotations

from datetime import datetime

import pytest

from hearth.access.models import AuditEntry, Notification
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.engagement import actions
from hearth.engagement.codes import ALERT_QUESTIONS
from hearth.engagement.models import AlertRecipient, EngagementEvent, HostilityAlert
from tests.engagement.conftest import LONDON

pytestmark = pytest.mark.django_db
KEYS = [key for key, _ in ALERT_QUESTIONS]


def hostility_form(mum, **extra) -> dict:
    return {"kind": "hostility", "form": "violence_threatened",
            "behaviours": ["written_threats", "animals_as_threat", "shouting"],
            "event_date": "16/11/2026", "event_time": "10:15", "agency": "Children's services",
            "by_person": str(mum.pk), "by_whom": "",
            "account": "Kerry set the dog on the doorstep and said I would regret coming back.",
            "visit": "", **extra}


def answers(**yes) -> dict:
    return {f"answer_{key}": "yes" if yes.get(key) else "no" for key in KEYS}


def test_threats_take_sam_to_the_alert_page_and_pats_agency_and_bea_are_told_R_RES_4(
        as_user, fletchers, social_worker, bea, shared_with_police, police):
    jack, mum = fletchers["jack"], fletchers["mum"]
    sam = as_user(social_worker)
    saved = sam.post(f"/people/{jack.pk}/engagement/new", hostility_form(mum))
    event = EngagementEvent.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == f"/engagement/events/{event.pk}/alert"
    assert event.form == "violence_threatened" and event.by_person == mum
    assert event.behaviours == ["written_threats", "animals_as_threat", "shouting"]
    chronicled = Event.objects.get(origin="engagement", origin_id=str(event.pk))
    assert chronicled.kind == "hostility" and chronicled.lane == "non_cooperation"
    assert "Kerry Fletcher" in chronicled.summary and "written threats" in chronicled.summary

    page = sam.get(saved["Location"]).content.decode()
    for _, question in ALERT_QUESTIONS:
        assert question.replace("'", "&#x27;") in page
    assert "Bea Bridges (co-worker for Jack Fletcher)" in page
    assert "Hampshire Police (records shared with them)" in page
    assert "Violence threatened is serious enough to alert the other practitioners" in page

    told = sam.post(saved["Location"], {
        **answers(experience=True, fearful=True), "users": [str(bea.pk)],
        f"agency_{police.pk}": "on", f"agency_{police.pk}_name": "DC Jones",
        f"agency_{police.pk}_method": "phone",
        "other_1_name": "Ms Okafor", "other_1_agency": "Orchard Primary School",
        "other_1_method": "secure_email"})
    assert told.status_code == 302
    alert = HostilityAlert.objects.get()
    assert alert.shared and alert.answers["experience"] and not alert.answers["first_time"]
    assert sorted(alert.recipients.values_list("name", "agency", "method")) == [
        ("Bea Bridges", "Family Help North", "hearth"),
        ("DC Jones", "Hampshire Police", "phone"),
        ("Ms Okafor", "Orchard Primary School", "secure_email")]
    assert Notification.objects.filter(
        user=bea, subject="Hostility towards workers on Jack Fletcher's case").exists()
    assert AuditEntry.objects.filter(action="engagement.alert", username="sam").exists()
    detail = sam.get(f"/engagement/events/{event.pk}").content.decode()
    assert "DC Jones (Hampshire Police): Phone" in detail


def test_a_yes_with_nobody_told_needs_a_reason_and_nothing_is_written_R_RES_4(
        as_user, fletchers, social_worker, bea):
    event = actions.do_record_event(
        fletchers["jack"], acting_user=social_worker, kind="hostility", form="confrontation",
        occurred_at=datetime(2026, 11, 16, 10, 0, tzinfo=LONDON), by_whom="Kerry's partner",
        account="He stood in the doorway and would not let me in.").event
    url = f"/engagement/events/{event.pk}/alert"
    sam = as_user(social_worker)
    refused = sam.post(url, answers(fearful=True))
    assert refused.status_code == 400
    assert "say why you are not sharing it" in refused.content.decode()
    assert not HostilityAlert.objects.exists()
    unanswered = sam.post(url, {"users": [str(bea.pk)]})
    assert unanswered.status_code == 400
    assert "Answer yes or no to each question" in unanswered.content.decode()
    half = sam.post(url, {**answers(), "other_1_agency": "Orchard Primary School"})
    assert half.status_code == 400
    assert "Enter the name of the person you told" in half.content.decode()
    assert not HostilityAlert.objects.exists() and not AlertRecipient.objects.exists()
    ok = sam.post(url, {**answers(fearful=True),
                        "not_shared_reason": "The police asked us not to: a live investigation."})
    assert ok.status_code == 302
    alert = HostilityAlert.objects.get()
    assert not alert.shared and alert.not_shared_reason.startswith("The police asked")


def test_milder_hostility_does_not_prompt_but_more_serious_than_last_time_does_R_RES_4(
        fletchers, social_worker):
    jack, amy = fletchers["jack"], fletchers["amy"]

    def hostile(child, form, day):
        return actions.do_record_event(
            child, acting_user=social_worker, kind="hostility", form=form, by_whom="Kerry",
            occurred_at=datetime(2026, 11, day, 10, 0, tzinfo=LONDON), account="As recorded.")

    assert hostile(jack, "ambivalence", 2).escalation is None
    # Amy's avoidance is more serious than the family's last hostility (towards Jack's worker).
    assert "more serious than the hostility recorded on 2 November 2026" in hostile(
        amy, "avoidance", 9).escalation
    assert hostile(jack, "avoidance", 12).escalation is None


def test_hostility_without_its_details_is_refused_and_nothing_is_written_R_RES_2(
        as_user, fletchers, social_worker):
    jack, mum = fletchers["jack"], fletchers["mum"]
    sam = as_user(social_worker)
    page = sam.post(f"/people/{jack.pk}/engagement/new",
                    hostility_form(mum, form="", account="", by_person=""))
    assert page.status_code == 400
    body = page.content.decode()
    assert "govuk-error-summary" in body
    for message in ("Select the form the hostility took", "Enter your account of what happened",
                    "Say who was hostile"):
        assert message in body
    future = sam.post(f"/people/{jack.pk}/engagement/new",
                      hostility_form(mum, event_date="18/11/2026"))
    assert future.status_code == 400
    assert "cannot be in the future" in future.content.decode()
    unknown = sam.post(f"/people/{jack.pk}/engagement/new",
                       hostility_form(mum, behaviours=["shouting", "rudeness"]))
    assert unknown.status_code == 400
    assert "Choose threatening behaviours from the list" in unknown.content.decode()
    assert not EngagementEvent.objects.exists()
    assert not Event.objects.filter(origin="engagement").exists()
    assert not AuditEntry.objects.filter(action="engagement.record").exists()


def test_the_alert_page_is_only_for_hostility(as_user, fletchers, social_worker):
    done = actions.do_record_event(fletchers["jack"], acting_user=social_worker,
                                   kind="missed_appointment",
                                   occurred_at=datetime(2026, 11, 16, 10, 0, tzinfo=LONDON))
    assert as_user(social_worker).get(
        f"/engagement/events/{done.event.pk}/alert").status_code == 404


def test_someone_outside_the_family_cannot_be_named(fletchers, social_worker):
    from hearth.people.actions import do_create_person

    stranger = do_create_person(acting_user=social_worker, given_name="Zed",
                                family_name="Stranger")
    with pytest.raises(Refused) as refused:
        actions.do_record_event(fletchers["jack"], acting_user=social_worker, kind="hostility",
                                form="confrontation", by_person=stranger, account="Shouting",
                                occurred_at=datetime(2026, 11, 16, 10, 0, tzinfo=LONDON))
    assert refused.value.field == "by_person"
    assert not EngagementEvent.objects.exists()
