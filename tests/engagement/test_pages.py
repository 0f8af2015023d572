"""Engagement pages: one step from the person and the visit (R-RES-1), the family's engagement
per month and per agency (seed 004 §4), and who may open them."""

from __future__ import annotations

from datetime import datetime

import pytest

from hearth.access.models import AuditEntry
from hearth.engagement import actions
from hearth.engagement.models import EngagementEvent, FollowUpTask
from hearth.visits.actions import do_record_visit
from tests.engagement.conftest import LONDON

pytestmark = pytest.mark.django_db


def when(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=LONDON)


@pytest.fixture
def history(fletchers, social_worker):
    """Kerry is hostile to children's services but Amy's school sees only missed meetings."""
    jack, amy, mum = fletchers["jack"], fletchers["amy"], fletchers["mum"]
    hostile = actions.do_record_event(jack, acting_user=social_worker, kind="hostility",
                                      form="confrontation", by_person=mum, occurred_at=when(2),
                                      behaviours=["swearing"], account="Kerry swore at me.")
    actions.do_record_event(amy, acting_user=social_worker, kind="missed_appointment",
                            agency="Orchard Primary School", occurred_at=datetime(
                                2026, 9, 14, 15, 0, tzinfo=LONDON), by_person=mum)
    actions.do_record_event(mum, acting_user=social_worker, kind="communication_blocked",
                            occurred_at=when(5), account="Kerry blocked my number.")
    visit = do_record_visit(jack, acting_user=social_worker, kind="planned", place="Home",
                            child_seen=False, outcome="cancelled_by_family",
                            starts_at=when(9))
    return {"hostile": hostile.event, "visit": visit}


def test_the_family_view_shows_hostility_to_some_agencies_and_not_others(
        as_user, fletchers, social_worker, history):
    page = as_user(social_worker).get(f"/people/{fletchers['jack'].pk}/engagement")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hostility was met by Children&#x27;s services, but not by every agency" in body
    for name in ("Jack Fletcher", "Amy Fletcher", "Kerry Fletcher"):
        assert name in body
    assert "Orchard Primary School" in body and "Sep 26" in body and "Nov 26" in body
    assert "(1 hostility)" in body
    # The visit the family cancelled counts too, linked to the visit.
    assert f"/visits/{history['visit'].pk}" in body
    assert f"/engagement/events/{history['hostile'].pk}" in body
    report = page.context["report"]
    by_agency = {row["agency"]: row for row in report.by_agency_and_kind()}
    assert by_agency["Children's services"]["total"] == 3
    assert by_agency["Children's services"]["hostile"] == 1
    assert by_agency["Orchard Primary School"]["hostile"] == 0
    members = {row["person"].given_name: row["total"] for row in report.by_member()}
    assert members == {"Kerry": 1, "Jack": 2, "Amy": 1}
    assert AuditEntry.objects.filter(action="view_engagement", username="sam").exists()


def test_record_engagement_is_one_step_from_the_person_and_the_visit_R_RES_1(
        as_user, fletchers, social_worker):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    assert f"/people/{jack.pk}/engagement/new" in sam.get(f"/people/{jack.pk}").content.decode()
    visit = do_record_visit(jack, acting_user=social_worker, kind="unannounced", place="Home",
                            child_seen=False, outcome="no_access", starts_at=when(16, 8))
    detail = sam.get(f"/visits/{visit.pk}").content.decode()
    link = f"/people/{jack.pk}/engagement/new?visit={visit.pk}"
    assert link in detail
    form = sam.get(link)
    assert form.status_code == 200
    assert form.context["form"]["kind"].value() == "no_answer"
    assert form.context["form"]["event_date"].value() == "16/11/2026"
    assert form.context["form"]["visit"].value() == visit.pk
    saved = sam.post(f"/people/{jack.pk}/engagement/new", {
        "kind": "no_answer", "believed_in": "unsure", "event_date": "16/11/2026",
        "event_time": "08:00", "agency": "Children's services", "visit": str(visit.pk),
        # Left over from a kind the worker first chose: not kept.
        "form": "confrontation", "cancelled_by": "family"})
    assert saved.status_code == 302
    event = EngagementEvent.objects.get()
    assert event.visit == visit and event.believed_in is None and event.form == ""
    assert event.cancelled_by == "" and event.involvement == jack.involvements.get()
    # A visit of another child is not found from Jack's page.
    other = do_record_visit(fletchers["amy"], acting_user=social_worker, kind="planned",
                            place="Home", child_seen=True, outcome="completed",
                            starts_at=when(16, 9))
    assert sam.get(f"/people/{jack.pk}/engagement/new?visit={other.pk}").status_code == 404
    assert sam.get(f"/people/{jack.pk}/engagement/new?visit=nonsense").status_code == 404


def test_the_event_page_is_read_and_audited(as_user, fletchers, social_worker, history):
    event = history["hostile"]
    page = as_user(social_worker).get(f"/engagement/events/{event.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Confrontation" in body and "Swearing" in body and "Kerry swore at me." in body
    assert "Alert other practitioners" in body
    assert AuditEntry.objects.filter(action="view_engagement_event").exists()


def test_an_outsider_gets_404_and_a_partner_403(as_user, fletchers, social_worker, outsider,
                                                police_partner, history):
    jack = fletchers["jack"]
    event = history["hostile"]
    # With the visit the family cancelled, a no-answer is repeated avoidance: a task.
    done = actions.do_record_event(jack, acting_user=social_worker, kind="no_answer",
                                   occurred_at=when(10))
    task = FollowUpTask.objects.get()
    assert done.task == task and task.visits.get() == history["visit"]
    urls = [f"/people/{jack.pk}/engagement", f"/people/{jack.pk}/engagement/new",
            f"/engagement/events/{event.pk}", f"/engagement/events/{event.pk}/alert",
            f"/engagement/tasks/{task.pk}"]
    olly, pat = as_user(outsider), as_user(police_partner)
    for url in urls:
        assert olly.get(url).status_code == 404, url
        assert pat.get(url).status_code == 403, url
    assert olly.post(f"/engagement/tasks/{task.pk}/complete",
                     {"outcome": "x", "version": 1}).status_code == 404
    assert olly.post(f"/people/{jack.pk}/engagement/new",
                     {"kind": "no_answer"}).status_code == 404
    assert pat.get("/engagement/tasks").status_code == 403
    assert olly.get("/engagement/tasks").status_code == 200
    assert EngagementEvent.objects.count() == 4
