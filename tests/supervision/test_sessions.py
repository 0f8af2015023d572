"""Tina supervises Sam about Jack Fletcher (R-SUP-1): recorded, planned, held, cancelled with
a reason and still visible; actions with owners and due dates; stale saves answer 409; only
the people who should see a supervision can."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.models import AuditEntry, Notification
from hearth.core.refusals import Refused, StaleEdit
from hearth.supervision import actions
from hearth.supervision.models import SupervisionAction, SupervisionSession
from tests.conftest import make_user
from tests.supervision.conftest import held, planned

pytestmark = [pytest.mark.django_db]


def _form(jack, **extra) -> dict:
    return {"status": "held", "session_date": "19/11/2026",
            "attendees": "Sam Worker, Tina Manager", "cases": [str(jack.pk)],
            "discussion": "Jack's attendance has dropped to 80%.",
            "decisions": "Sam to meet the school before the next visit.", **extra}


def test_R_SUP_1_tina_records_supervision_with_sam_about_jack(fletchers, social_worker,
                                                              team_manager, as_user):
    jack = fletchers["jack"]
    tina = as_user(team_manager)
    page = tina.get(f"/supervision/new?worker={social_worker.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Jack Fletcher" in html and "Amy Fletcher" in html
    assert "Self-check" not in html  # no hostility in this family
    response = tina.post(f"/supervision/new?worker={social_worker.pk}", _form(jack))
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert response["Location"] == f"/supervision/{session.pk}"
    assert (session.worker, session.supervisor, session.status) == (social_worker, team_manager,
                                                                   "held")
    assert session.held_on == session.scheduled_for == date(2026, 11, 19)
    assert list(session.cases.all()) == [jack]
    assert session.decisions.startswith("Sam to meet the school")
    entry = AuditEntry.objects.get(action="supervision.record")
    assert entry.fields["cases"] == [str(jack.pk)] and entry.username == "tina"
    assert Notification.objects.filter(user=social_worker,
                                       subject="Supervision recorded for 19 November 2026")

    shown = tina.get(f"/supervision/{session.pk}").content.decode()
    assert "Jack&#x27;s attendance has dropped to 80%." in shown
    assert AuditEntry.objects.filter(action="view_supervision", username="tina").exists()
    sam = as_user(social_worker)
    assert sam.get(f"/supervision/{session.pk}").status_code == 200
    assert "19 Nov 2026" in sam.get("/supervision/mine").content.decode()
    history = sam.get(f"/people/{jack.pk}/supervision").content.decode()
    assert f"/supervision/{session.pk}" in history
    assert f"/supervision/{session.pk}" not in sam.get(
        f"/people/{fletchers['amy'].pk}/supervision").content.decode()


def test_R_SUP_1_actions_with_owners_and_due_dates_and_sam_marks_his_done(
        fletchers, social_worker, team_manager, as_user):
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]])
    tina = as_user(team_manager)
    bad = tina.post(f"/supervision/{session.pk}/actions", {"what": "", "owner": "",
                                                           "due_on": "31/2/2026"})
    assert bad.status_code == 400
    assert "Enter what is to be done" in bad.content.decode()
    assert "Due by must be a real date" in bad.content.decode()
    assert tina.post(f"/supervision/{session.pk}/actions", {
        "what": "Meet Jack's head of year", "owner": str(social_worker.pk),
        "due_on": "27/11/2026"}).status_code == 302
    action = SupervisionAction.objects.get()
    assert (action.owner, action.due_on, action.done_on) == (social_worker, date(2026, 11, 27),
                                                             None)
    assert Notification.objects.filter(user=social_worker, subject__startswith="An action")

    sam = as_user(social_worker)
    mine = sam.get("/supervision/mine").content.decode()
    assert "Meet Jack&#x27;s head of year" in mine and "27 Nov 2026" in mine
    done = sam.post(f"/supervision/actions/{action.pk}/done", {"back": "mine"})
    assert done.status_code == 302 and done["Location"] == "/supervision/mine"
    action.refresh_from_db()
    assert action.done_on == date(2026, 11, 20)
    assert "No open actions." in sam.get("/supervision/mine").content.decode()
    assert AuditEntry.objects.filter(action="supervision.action_done", username="sam")


def test_someone_else_cannot_mark_sams_action_done(fletchers, social_worker, team_manager,
                                                   north, as_user):
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]])
    action = actions.do_add_action(session, acting_user=team_manager, owner=team_manager,
                                   what="Book the room", due_on=date(2026, 11, 25))
    sam = as_user(social_worker)
    assert sam.post(f"/supervision/actions/{action.pk}/done").status_code == 403
    colleague = make_user("cara", "social_worker", team=north)
    assert as_user(colleague).post(f"/supervision/actions/{action.pk}/done").status_code == 404


def test_R_SUP_1_a_planned_supervision_is_held_later(fletchers, social_worker, team_manager,
                                                     as_user):
    tina = as_user(team_manager)
    assert tina.post(f"/supervision/new?worker={social_worker.pk}", {
        "status": "planned", "session_date": "20/11/2026", "cases": []}).status_code == 302
    session = SupervisionSession.objects.get()
    assert session.status == "planned" and session.held_on is None
    assert AuditEntry.objects.filter(action="supervision.plan").exists()
    edit = tina.get(f"/supervision/{session.pk}/edit")
    assert edit.status_code == 200
    response = tina.post(f"/supervision/{session.pk}/edit",
                         _form(fletchers["jack"], session_date="20/11/2026",
                               version=session.version))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "held" and session.held_on == date(2026, 11, 20)
    assert AuditEntry.objects.filter(action="supervision.hold").exists()
    back = tina.post(f"/supervision/{session.pk}/edit",
                     _form(fletchers["jack"], status="planned", version=session.version))
    assert back.status_code == 400
    session.refresh_from_db()
    assert session.status == "held"


def test_R_SUP_1_a_cancelled_supervision_keeps_its_reason_and_stays_in_sams_history(
        fletchers, social_worker, team_manager, as_user):
    session = planned(team_manager, social_worker, date(2026, 12, 3), [fletchers["jack"]])
    tina = as_user(team_manager)
    page = tina.get(f"/supervision/{session.pk}").content.decode()
    assert "Cancel the supervision" in page
    no_reason = tina.post(f"/supervision/{session.pk}/cancel",
                          {"reason": "", "version": session.version})
    assert no_reason.status_code == 400
    assert "Enter why the supervision was cancelled" in no_reason.content.decode()
    assert tina.post(f"/supervision/{session.pk}/cancel", {
        "reason": "Tina called to an urgent strategy discussion",
        "version": session.version}).status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert session.cancelled_reason == "Tina called to an urgent strategy discussion"
    assert AuditEntry.objects.filter(action="supervision.cancel").exists()

    mine = as_user(social_worker).get("/supervision/mine").content.decode()
    assert "Cancelled" in mine and "Tina called to an urgent strategy discussion" in mine
    assert "Never" in mine  # a cancelled supervision does not count as held
    case = tina.get(f"/people/{fletchers['jack'].pk}/supervision").content.decode()
    assert "Cancelled" in case
    edit = tina.get(f"/supervision/{session.pk}/edit")
    assert edit.status_code == 302  # a cancelled supervision is not changed
    again = tina.post(f"/supervision/{session.pk}/cancel", {"reason": "x",
                                                            "version": session.version})
    assert again.status_code == 400


def test_a_held_supervision_cannot_be_in_the_future(fletchers, social_worker, team_manager,
                                                    as_user):
    response = as_user(team_manager).post(f"/supervision/new?worker={social_worker.pk}",
                                          _form(fletchers["jack"], session_date="21/11/2026"))
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not SupervisionSession.objects.exists()


def test_stale_edits_answer_409_keeping_what_was_typed(fletchers, social_worker, team_manager,
                                                       as_user):
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]],
                   discussion="First version")
    tina = as_user(team_manager)
    first = tina.post(f"/supervision/{session.pk}/edit",
                      _form(fletchers["jack"], discussion="Tina's change", version=1))
    assert first.status_code == 302
    late = tina.post(f"/supervision/{session.pk}/edit",
                     _form(fletchers["jack"], discussion="My late change", version=1))
    assert late.status_code == 409
    html = late.content.decode()
    assert "My late change" in html and "Someone else changed this supervision" in html
    assert 'name="version" value="2"' in html
    session.refresh_from_db()
    assert session.discussion == "Tina's change"
    with pytest.raises(StaleEdit):
        actions.do_cancel_session(session, acting_user=team_manager, expected_version=1,
                                  reason="x")


def test_stale_cancel_answers_409(fletchers, social_worker, team_manager, as_user):
    session = planned(team_manager, social_worker, date(2026, 12, 3))
    actions.do_update_session(session, acting_user=team_manager, expected_version=1,
                              attendees="Sam, Tina")
    response = as_user(team_manager).post(f"/supervision/{session.pk}/cancel",
                                          {"reason": "Sam on leave", "version": 1})
    assert response.status_code == 409
    assert "Sam on leave" in response.content.decode()
    session.refresh_from_db()
    assert session.status == "planned"


def test_a_social_worker_cannot_record_supervision(fletchers, social_worker, team_manager,
                                                   as_user):
    sam = as_user(social_worker)
    assert sam.get(f"/supervision/new?worker={social_worker.pk}").status_code == 403
    assert sam.post(f"/supervision/new?worker={social_worker.pk}",
                    _form(fletchers["jack"])).status_code == 403
    assert sam.get("/supervision/team").status_code == 403
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]])
    assert sam.post(f"/supervision/{session.pk}/edit",
                    _form(fletchers["jack"], version=1)).status_code == 403
    assert not SupervisionSession.objects.exclude(pk=session.pk).exists()


def test_a_manager_of_another_team_cannot_see_sams_supervision(fletchers, social_worker,
                                                               team_manager, other_manager,
                                                               as_user):
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]])
    stella = as_user(other_manager)
    assert stella.get(f"/supervision/{session.pk}").status_code == 404
    assert stella.get(f"/supervision/{session.pk}/edit").status_code == 404
    assert stella.post(f"/supervision/{session.pk}/cancel",
                       {"reason": "x", "version": 1}).status_code == 404
    assert stella.get(f"/supervision/workers/{social_worker.pk}").status_code == 404
    assert stella.get(f"/supervision/new?worker={social_worker.pk}").status_code == 404
    assert stella.get(f"/people/{fletchers['jack'].pk}/supervision").status_code == 404
    assert "Sam Worker" not in stella.get("/supervision/team").content.decode()


def test_a_colleague_in_sams_team_cannot_see_sams_supervision(fletchers, social_worker,
                                                             team_manager, north, as_user):
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]])
    colleague = as_user(make_user("cara", "social_worker", team=north))
    assert colleague.get(f"/supervision/{session.pk}").status_code == 404
    history = colleague.get(f"/people/{fletchers['jack'].pk}/supervision")
    assert history.status_code == 200
    assert f"/supervision/{session.pk}" not in history.content.decode()


def test_only_cases_the_supervisor_can_see_are_discussed(fletchers, social_worker,
                                                        team_manager, other_manager):
    from hearth.people.actions import do_create_person

    stranger = do_create_person(acting_user=other_manager, given_name="Zed",
                                family_name="Stranger")
    with pytest.raises(Refused) as refused:
        held(team_manager, social_worker, date(2026, 11, 19), [stranger])
    assert refused.value.field == "cases"
    with pytest.raises(Refused):
        held(other_manager, social_worker, date(2026, 11, 19))  # not Stella's worker


def test_a_supervision_about_a_restricted_record_is_hidden_from_who_may_not_see_it(
        fletchers, social_worker, team_manager, as_user):
    from hearth.people.actions import do_set_restricted

    amy = fletchers["amy"]
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"], amy])
    do_set_restricted(amy, acting_user=team_manager, restricted=True,
                      reason="Amy's father works in the team")
    assert as_user(social_worker).get(f"/supervision/{session.pk}").status_code == 404
    assert f"/supervision/{session.pk}" not in as_user(social_worker).get(
        "/supervision/mine").content.decode()
    assert as_user(team_manager).get(f"/supervision/{session.pk}").status_code == 200
