"""A visit to a family whose worker-safety warning needs two workers is not recorded as a lone
visit without the second worker or a manager's recorded agreement (R-SAFE-2, R-SAFE-3), and
out of daylight and working hours a warned family's visit needs both (R-RES-5). The same rule
as the check-in and the visit plan (``safety.rules.go_ahead_problems``); the prompt to vary
the timing says so (R-RES-5)."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.core.refusals import Refused
from hearth.safety.actions.plans import do_agree_plan, do_plan_visit
from hearth.safety.actions.warnings import do_add_warning
from hearth.safety.codes import PLAN_QUESTIONS
from hearth.visits import actions
from hearth.visits.models import Visit
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")

pytestmark = [pytest.mark.django_db]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Monday 16 November 2026, 08:00 in London."""
    time_machine.move_to(at(16, 8), tick=False)
    return time_machine


@pytest.fixture
def colleague(north):
    return make_user("cara", Role.SOCIAL_WORKER, team=north, first="Cara", last="Colleague")


def warn(user, person, *, joint: bool):
    return do_add_warning(acting_user=user, person=person, kind="violence",
                          what_happened="Kerry's partner pushed the worker out of the door",
                          source="Sam Worker, witnessed", occurred_on=at(10, 9).date(),
                          disclosed_to_person=True, requires_joint_visit=joint)


def answers() -> dict:
    return {key: {"answer": True, "note": ""} for key, _ in PLAN_QUESTIONS}


def record(child, user, starts_at: datetime, **extra) -> Visit:
    fields = {"kind": "planned", "place": "Family home", "child_seen": True,
              "outcome": "completed", **extra}
    return actions.do_record_visit(child, acting_user=user, starts_at=starts_at, **fields)


def test_R_SAFE_2_a_lone_visit_to_a_family_needing_two_workers_is_not_recorded(
        _now, fletchers, social_worker, team_manager):
    jack = fletchers["jack"]
    warn(team_manager, fletchers["mum"], joint=True)
    _now.move_to(at(17, 12))
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(Refused, match="visits to this family need two workers"):
        record(jack, social_worker, at(17, 10))
    assert not Visit.objects.exists() and AuditEntry.objects.count() == audit_rows


def test_R_SAFE_2_with_a_plan_naming_the_second_worker_the_visit_is_recorded(
        _now, fletchers, social_worker, team_manager, colleague):
    jack = fletchers["jack"]
    warn(team_manager, fletchers["mum"], joint=True)
    do_plan_visit(jack, acting_user=social_worker, planned_for=at(17, 10), answers=answers(),
                  joint_worker=colleague)
    _now.move_to(at(17, 12))
    assert record(jack, social_worker, at(17, 10)).pk
    # Cara, who went with Sam, may record it too.
    assert record(jack, colleague, at(17, 10)).pk


def test_R_SAFE_3_a_plan_a_manager_agreed_lets_the_lone_visit_be_recorded(
        _now, fletchers, social_worker, team_manager):
    jack = fletchers["jack"]
    warn(team_manager, fletchers["mum"], joint=True)
    plan = do_plan_visit(jack, acting_user=social_worker, planned_for=at(17, 10),
                         answers=answers())
    do_agree_plan(plan, acting_user=team_manager, expected_version=1)
    _now.move_to(at(17, 12))
    assert record(jack, social_worker, at(17, 10)).pk


def test_R_RES_5_an_early_morning_visit_to_a_warned_family_needs_both(
        _now, fletchers, social_worker, team_manager, colleague):
    """Seed 002: the 7am visit found the violent partner in. The warning (no joint visit asked)
    still makes a 07:00 visit one for two workers under a plan Tina agreed."""
    jack = fletchers["jack"]
    warn(team_manager, fletchers["mum"], joint=False)
    plan = do_plan_visit(jack, acting_user=social_worker, planned_for=at(17, 7),
                         answers=answers(), joint_worker=colleague)
    _now.move_to(at(17, 9))
    with pytest.raises(Refused, match="needs a visit plan agreed by a manager"):
        record(jack, social_worker, at(17, 7))
    # A lone daytime visit to the same family is fine: the warning asks for no joint visit.
    assert record(jack, social_worker, at(16, 10)).pk
    do_agree_plan(plan, acting_user=team_manager, expected_version=1)
    assert record(jack, social_worker, at(17, 7)).pk


def test_a_visit_before_the_warning_or_one_the_family_cancelled_is_recorded(
        _now, fletchers, social_worker, team_manager):
    jack = fletchers["jack"]
    _now.move_to(at(17, 12))
    warn(team_manager, fletchers["mum"], joint=True)
    assert record(jack, social_worker, at(16, 10)).pk  # before the warning was raised
    assert record(jack, social_worker, at(17, 12), outcome="cancelled_by_family").pk


def test_R_SAFE_2_correcting_a_visit_is_not_refused(_now, fletchers, social_worker,
                                                    team_manager):
    jack = fletchers["jack"]
    visit = record(jack, social_worker, at(16, 7, 30))
    _now.move_to(at(17, 12))
    warn(team_manager, fletchers["mum"], joint=True)
    amendments = actions.do_amend_visit(visit, acting_user=social_worker, expected_version=1,
                                        reason="I wrote the wrong place",
                                        place="Grandmother's flat")
    assert [a.field for a in amendments] == ["place"]
    visit.refresh_from_db()
    assert visit.version == 2 and visit.place == "Grandmother's flat"


def test_R_SAFE_2_the_page_shows_the_refusal_and_the_api_answers_422(
        _now, fletchers, social_worker, team_manager, as_user, client):
    jack = fletchers["jack"]
    warn(team_manager, fletchers["mum"], joint=True)
    _now.move_to(at(17, 12))
    response = as_user(social_worker).post(f"/people/{jack.pk}/visits/new", {
        "kind": "planned", "visit_date": "17/11/2026", "visit_time": "10:00",
        "place": "Family home", "child_seen": "yes", "child_seen_alone": "no",
        "bedroom_seen": "no", "outcome": "completed"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "need two workers" in html
    api = client.post("/api/v1/visits", json.dumps({
        "person_id": str(jack.pk), "kind": "planned", "starts_at": "2026-11-17T10:00:00+00:00",
        "place": "Family home", "child_seen": True, "outcome": "completed"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {do_create_token(social_worker)}"})
    assert api.status_code == 422 and "need two workers" in api.json()["detail"]
    assert not Visit.objects.exists()


def test_R_RES_5_the_vary_the_timing_prompt_says_a_warned_family_needs_two_workers(
        _now, fletchers, social_worker, team_manager, as_user):
    jack = fletchers["jack"]
    _now.move_to(at(20, 12))
    for day in (16, 17, 18):
        record(jack, social_worker, at(day, 10))
    sam = as_user(social_worker)
    html = sam.get(f"/people/{jack.pk}/visits").content.decode()
    assert 'id="vary-timing"' in html and 'id="vary-timing-safety"' not in html
    warn(team_manager, fletchers["mum"], joint=False)
    html = sam.get(f"/people/{jack.pk}/visits").content.decode()
    assert 'id="vary-timing"' in html
    assert ("This family has a worker-safety warning: a visit outside daylight and working "
            "hours (09:00 to 17:00 on a working day) needs two workers and a visit plan agreed "
            "by a manager.") in html
    assert f'href="/people/{jack.pk}/visit-plans/new"' in html


def test_R_SAFE_2_a_visit_naming_the_colleague_who_went_too_is_recorded(
        _now, fletchers, social_worker, team_manager, colleague, as_user, client):
    """Sam and Cara went together but nobody checked in: naming Cara on the visit records it
    (a record of what happened is never lost for want of a check-in), on the page and in the
    API, and the visit shows who went too. Sam cannot name himself."""
    jack = fletchers["jack"]
    warn(team_manager, fletchers["mum"], joint=True)
    _now.move_to(at(17, 12))
    with pytest.raises(Refused, match="other than yourself") as refused:
        record(jack, social_worker, at(17, 10), joint_worker=social_worker)
    assert refused.value.field == "joint_worker" and not Visit.objects.exists()

    sam = as_user(social_worker)
    form = sam.get(f"/people/{jack.pk}/visits/new").content.decode()
    assert "Did a colleague go with you?" in form and f'value="{colleague.pk}"' in form
    assert f'value="{social_worker.pk}"' not in form  # not himself
    response = sam.post(f"/people/{jack.pk}/visits/new", {
        "kind": "planned", "visit_date": "17/11/2026", "visit_time": "10:00",
        "place": "Family home", "child_seen": "yes", "child_seen_alone": "no",
        "bedroom_seen": "no", "outcome": "completed", "joint_worker": str(colleague.pk)})
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.joint_worker == colleague
    page = sam.get(f"/visits/{visit.pk}").content.decode()
    assert "Colleague who went too" in page and "Cara Colleague" in page

    headers = {"Authorization": f"Bearer {do_create_token(social_worker)}"}
    body = {"person_id": str(jack.pk), "kind": "planned",
            "starts_at": "2026-11-17T11:00:00+00:00", "place": "Family home",
            "child_seen": True, "outcome": "completed"}
    unknown = client.post("/api/v1/visits", json.dumps({**body, "joint_worker_id": 999999}),
                          content_type="application/json", headers=headers)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == \
        "joint_worker_id"
    made = client.post("/api/v1/visits", json.dumps({**body, "joint_worker_id": colleague.pk}),
                       content_type="application/json", headers=headers)
    assert made.status_code == 201 and made.json()["joint_worker"] == "Cara Colleague"
    assert Visit.objects.count() == 2
