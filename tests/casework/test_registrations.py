"""What casework, assessments, visits and records register from their AppConfig (issue 12):
who may see their records (``core.visibility``: each is seen with its child or person), and
the registration points higher apps fill instead of casework and visits importing them."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404

from hearth.access.actions.users import do_create_token
from hearth.assessments.actions import do_start_assessment
from hearth.assessments.models import Assessment
from hearth.casework import actions
from hearth.casework.models import Involvement, InvolvementWorker
from hearth.core import visibility
from hearth.core.refusals import Refused, Why
from hearth.core.registry import Registry
from hearth.engagement.actions import after_visit, open_follow_up_refusal
from hearth.records.actions.notes import do_write_note
from hearth.records.models import CaseNote, ParentSummary
from hearth.visits import actions as visits
from hearth.visits.models import Visit

LONDON = ZoneInfo("Europe/London")

pytestmark = [pytest.mark.django_db]


def test_the_registration_points_are_registries_filled_from_above():
    """Casework and visits declare what they run; engagement and worker safety register."""
    for point in (actions.CLOSURE_CHECKS, visits.VISIT_CHECKS, visits.NEW_VISIT_CHECKS,
                  visits.AFTER_VISIT):
        assert isinstance(point, Registry)
    assert open_follow_up_refusal in actions.CLOSURE_CHECKS  # R-RES-3
    assert after_visit in visits.AFTER_VISIT
    assert len(visits.VISIT_CHECKS) >= 1 and len(visits.NEW_VISIT_CHECKS) >= 1  # R-SAFE-2/4


def test_R_RES_3_a_registered_closure_check_refuses_for_the_involvements_state(
        monkeypatch, fletchers, team_manager):
    checks = Registry("closure checks for this test")
    checks.register(lambda involvement: "A follow-up task is open.")
    monkeypatch.setattr(actions, "CLOSURE_CHECKS", checks)
    involvement = fletchers["jack"].involvements.get()
    with pytest.raises(Refused, match="follow-up task") as refused:
        actions.do_close(involvement, "RC8", acting_user=team_manager, expected_version=1)
    assert refused.value.why == Why.STATE and refused.value.api_status == 409
    involvement.refresh_from_db()
    assert involvement.status != "closed"


def test_R_SVC_1_closing_as_someone_who_may_not_is_forbidden_not_a_bad_input(
        fletchers, social_worker):
    involvement = fletchers["jack"].involvements.get()
    with pytest.raises(Refused) as refused:
        actions.do_close(involvement, "RC8", acting_user=social_worker, expected_version=1)
    assert refused.value.why == Why.FORBIDDEN


def test_an_involvement_and_its_secondary_workers_are_seen_with_the_child(
        fletchers, social_worker, outsider):
    involvement = fletchers["jack"].involvements.get()
    assert visibility.get_visible_or_404(Involvement, social_worker, involvement.pk) == involvement
    with pytest.raises(Http404):
        visibility.get_visible_or_404(Involvement, outsider, involvement.pk)
    link = InvolvementWorker.objects.create(involvement=involvement, worker=outsider,
                                            role="co_worker", start_date=involvement.opened_on,
                                            added_by=social_worker)
    assert list(visibility.apply(InvolvementWorker.objects.all(), social_worker)) == [link]
    assert visibility.scope(Involvement, None) is None


def test_assessments_visits_and_notes_are_seen_with_their_child(fletchers, social_worker,
                                                                  outsider, time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 12, 0, tzinfo=LONDON), tick=False)
    jack = fletchers["jack"]
    assessment = do_start_assessment(jack.involvements.get(), acting_user=social_worker)
    visit = visits.do_record_visit(
        jack, acting_user=social_worker, kind="planned", place="Home", child_seen=True,
        starts_at=datetime(2026, 11, 17, 10, 0, tzinfo=LONDON), outcome="completed")
    note = do_write_note(jack, acting_user=social_worker, place="Home",
                         occurred_at=datetime(2026, 11, 17, 9, 0, tzinfo=LONDON),
                         who_said_what="Jack said he slept well")
    for model, record in ((Assessment, assessment), (Visit, visit), (CaseNote, note)):
        assert visibility.get_visible_or_404(model, social_worker, record.pk) == record
        with pytest.raises(Http404):
            visibility.get_visible_or_404(model, outsider, record.pk)
    assert visibility.scope(ParentSummary, social_worker) is not None


def test_the_involvements_api_answers_a_refusal_from_the_status_table(
        client, fletchers, team_manager, social_worker):
    """An input at fault is 422 naming the API's field; the involvement's state is 409."""
    involvement = fletchers["jack"].involvements.get()
    url = f"/api/v1/involvements/{involvement.pk}"
    headers = {"Authorization": f"Bearer {do_create_token(team_manager)}"}
    etag = client.get(url, headers=headers)["ETag"]
    assert etag == f'"involvement-{involvement.pk}-v1"'
    nobody = client.post(url + "/reallocate", json.dumps({"worker_id": 999999}),
                         content_type="application/json", headers={**headers, "If-Match": etag})
    assert nobody.status_code == 422
    assert [e["field"] for e in nobody.json()["errors"]] == ["worker_id"]
    again = client.post(url + "/allocate", json.dumps({"worker_id": social_worker.pk}),
                        content_type="application/json", headers={**headers, "If-Match": etag})
    assert again.status_code == 409 and again.json()["errors"] == []
