"""The professional differences pages (R-PD-1..3): Hana raises one about Jack; its stages are
recorded, escalated and resolved through the forms; bad input is 400 naming the field (a
stale save 409) and writes nothing; Jack's record and Sam's list show it until Sam is told;
reading one is audited; the pages take a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.differences import actions
from hearth.differences.models import Difference, Stage
from tests.differences.conftest import PLAN, outcome

pytestmark = pytest.mark.django_db

FORM = {**{k: v for k, v in PLAN.items() if k != "decision_agency"},
        "decision_agency": "kind:social_care"}


def rows() -> tuple[int, int]:
    return Difference.objects.count(), Stage.objects.count()


def today_typed() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def test_r_pd_2_hana_raises_a_difference_about_jack(as_user, health_visitor, fletchers):
    jack = fletchers["jack"]
    page = as_user(health_visitor)
    shown = page.get(f"/people/{jack.pk}/differences/new")
    assert shown.status_code == 200
    assert b"Raise a professional difference about Jack" in shown.content
    assert b"Northam NHS Health (health)" in shown.content  # partner agencies to choose from
    done = page.post(f"/people/{jack.pk}/differences/new", FORM)
    assert done.status_code == 302
    d = Difference.objects.get()
    assert done["Location"] == f"/differences/{d.pk}"
    assert (d.decision_agency, d.decision_partner, d.raised_before) == (
        "social_care", None, "cin_meeting")
    detail = page.get(done["Location"])
    assert detail.status_code == 200
    assert b"Professional difference raised: stage 1 has started." in detail.content
    assert b"Record the outcome of stage 1" in detail.content
    assert AuditEntry.objects.filter(action="read_a_professional_difference",
                                     object_id=str(jack.pk)).count() == 1


def test_r_pd_2_hana_chooses_a_partner_agency_as_the_one_that_decided(as_user, health_visitor,
                                                                      fletchers, police):
    page = as_user(health_visitor)
    answer = page.post(f"/people/{fletchers['jack'].pk}/differences/new",
                       {**FORM, "decision_agency": f"partner:{police.pk}"})
    assert answer.status_code == 302
    d = Difference.objects.get()
    assert (d.decision_agency, d.decision_partner) == ("police", police)


def test_r_pd_2_a_missing_why_is_400_naming_it_and_writes_nothing(as_user, health_visitor,
                                                                  fletchers):
    page = as_user(health_visitor)
    answer = page.post(f"/people/{fletchers['jack'].pk}/differences/new",
                       {**FORM, "why": "", "raised_before": "not_raised",
                        "raised_before_note": ""})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "There is a problem" in text and 'href="#id_why"' in text
    assert "Enter why you disagree" in text
    assert "Enter why the child&#x27;s timescale did not allow raising it first" in text
    assert rows() == (0, 0)


def test_raising_for_a_child_olly_cannot_see_is_404(as_user, outsider, fletchers):
    page = as_user(outsider)
    url = f"/people/{fletchers['jack'].pk}/differences/new"
    assert page.get(url).status_code == 404
    assert page.post(url, FORM).status_code == 404
    assert rows() == (0, 0)


def test_r_pd_1_escalating_without_the_outcome_is_400_naming_it(as_user, hanas_difference,
                                                                health_visitor):
    page = as_user(health_visitor)
    url = f"/differences/{hanas_difference.pk}/escalate"
    assert page.get(url).status_code == 200
    answer = page.post(url, {"version": hanas_difference.version,
                             "owner": health_visitor.pk})
    assert answer.status_code == 400
    assert ("Record the outcome of stage 1 (discussion with a line manager or safeguarding "
            "lead) before escalating to stage 2") in answer.content.decode()
    assert rows() == (1, 1)


def test_the_stages_are_recorded_escalated_and_resolved_through_the_forms(
        as_user, hanas_difference, health_visitor, team_manager, social_worker):
    d = hanas_difference
    hana = as_user(health_visitor)
    shown = hana.get(f"/differences/{d.pk}/outcome")
    assert b"Names and roles: their line manager or safeguarding lead" in shown.content
    saved = hana.post(f"/differences/{d.pk}/outcome", {
        "version": d.version, "held_on": today_typed(), "who": "Hana Visitor",
        "with_whom": "Mo Lead, safeguarding lead", "discussed": "Jack's weight",
        "resolved": "no"})
    assert saved.status_code == 302
    d.refresh_from_db()
    escalated = hana.post(f"/differences/{d.pk}/escalate",
                          {"version": d.version, "owner": team_manager.pk})
    assert escalated.status_code == 302
    d.refresh_from_db()
    assert (d.current_stage.number, d.current_stage.owner) == (2, team_manager)
    tina = as_user(team_manager)
    assert tina.post(f"/differences/{d.pk}/outcome", {
        "version": d.version, "held_on": today_typed(), "who": "Hana Visitor",
        "with_whom": "Sam Worker", "discussed": "Agreed to extend the plan",
        "resolved": "yes"}).status_code == 302
    d.refresh_from_db()
    shown = tina.get(f"/differences/{d.pk}/resolve")
    assert b"They tell Sam Worker, the child&#x27;s allocated worker" in shown.content
    resolved = tina.post(f"/differences/{d.pk}/resolve", {
        "version": d.version, "agreed": "The plan continues", "teller": team_manager.pk})
    assert resolved.status_code == 302
    d.refresh_from_db()
    assert (d.status, d.teller, d.worker) == ("resolved", team_manager, social_worker)
    told = tina.post(f"/differences/{d.pk}/told", {"version": d.version,
                                                    "told_on": today_typed()})
    assert told.status_code == 302
    d.refresh_from_db()
    assert d.worker_told_on == timezone.localdate()


def test_a_stale_save_is_409_keeping_what_was_entered(as_user, hanas_difference,
                                                      health_visitor):
    d = hanas_difference
    actions.do_record_stage_outcome(d, acting_user=health_visitor, expected_version=d.version,
                                    **outcome(False))
    answer = as_user(health_visitor).post(f"/differences/{d.pk}/outcome", {
        "version": d.version, "held_on": today_typed(), "who": "Someone new",
        "with_whom": "Sam", "discussed": "Typed over", "resolved": "yes"})
    assert answer.status_code == 409
    text = answer.content.decode()
    assert "Someone else changed this professional difference" in text
    assert "Someone new" in text and 'name="version" value="2"' in text
    assert Stage.objects.get().who == "Hana Visitor, health visitor"


def test_r_pd_3_jacks_record_shows_the_open_difference_until_sam_is_told(
        as_user, hanas_difference, health_visitor, social_worker, team_manager, fletchers):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    record = sam.get(f"/people/{jack.pk}").content.decode()
    assert "Professional difference open — stage 1" in record
    assert "Raised by Hana Visitor (Northam NHS Health)" in record
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=1, **outcome(True))
    d = actions.do_resolve_difference(d, acting_user=health_visitor, expected_version=d.version,
                                      agreed="The plan continues", teller=team_manager)
    record = sam.get(f"/people/{jack.pk}").content.decode()
    assert "Professional difference open — stage 1" in record
    assert "Tina Manager is to tell Sam Worker what was agreed" in record
    actions.do_record_worker_told(d, acting_user=team_manager, expected_version=d.version,
                                  told_on=timezone.localdate())
    record = sam.get(f"/people/{jack.pk}").content.decode()
    assert "Professional difference open" not in record
    assert "Resolved</strong>" in record  # still listed on the record, as resolved


def test_the_difference_page_takes_a_fixed_number_of_queries(as_user, hanas_difference,
                                                             health_visitor):
    page = as_user(health_visitor)
    url = f"/differences/{hanas_difference.pk}"
    page.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert page.get(url).status_code == 200
        return len(captured)

    one_stage = count()
    d = hanas_difference
    for _ in range(3):
        d = actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                            expected_version=d.version, **outcome(False))
        d = actions.do_escalate_difference(d, acting_user=health_visitor,
                                           expected_version=d.version)
    assert count() == one_stage <= 30


def test_sams_own_list(as_user, hanas_difference, social_worker, health_visitor, raise_about):
    mine = raise_about(social_worker)
    client = as_user(social_worker)
    sam = client.get("/differences/mine").content.decode()
    assert f"/differences/{mine.pk}" in sam and f"/differences/{hanas_difference.pk}\"" not in sam
    hana = as_user(health_visitor).get("/differences/mine").content.decode()
    assert f"/differences/{hanas_difference.pk}" in hana

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/differences/mine").status_code == 200
        return len(captured)

    few = count()
    for _ in range(30):
        raise_about(social_worker)
    assert count() == few


def test_a_resolved_difference_offers_no_forms(as_user, hanas_difference, health_visitor,
                                               social_worker):
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=1, **outcome(True))
    d = actions.do_resolve_difference(d, acting_user=health_visitor, expected_version=d.version,
                                      agreed="Agreed", teller=social_worker)  # Sam: told now
    page = as_user(health_visitor)
    for form in ("outcome", "escalate", "resolve", "told"):
        shown = page.get(f"/differences/{d.pk}/{form}")
        assert shown.status_code == 200 and b'id="cannot-change"' in shown.content, form
        assert b'name="version"' not in shown.content, form
    detail = page.get(f"/differences/{d.pk}").content.decode()
    assert "Record the outcome" not in detail and "Resolved</strong>" in detail
