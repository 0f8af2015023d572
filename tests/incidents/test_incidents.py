"""Sam is threatened at the Fletchers' door. Tina, his manager, is told at once; the incident is
in Kerry's chronology; Tina records the debrief, the support offered, the investigation and the
complaint to the police, and only then closes it (R-SAFE-5)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Notification
from hearth.chronology.models import Event
from hearth.incidents.models import Incident
from hearth.jobs.models import Job
from tests.conftest import make_user
from tests.incidents.conftest import LONDON, post_incident_form, report_form

pytestmark = [pytest.mark.django_db]


def test_R_SAFE_5_sam_reports_a_threat_and_tina_is_told_at_once(
        fletchers, home, social_worker, team_manager, as_user,
        django_capture_on_commit_callbacks):
    mum = fletchers["mum"]
    client = as_user(social_worker)
    page = client.get(f"/incidents/new?person={mum.pk}").content.decode()
    assert "Report an incident" in page and "14 Mill Lane" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/incidents/new?person={mum.pk}",
                               report_form(address=str(home.pk)))
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/incidents/{incident.pk}"
    assert (incident.worker, incident.reported_by, incident.person, incident.address) == (
        social_worker, social_worker, mum, home)
    assert incident.occurred_at == datetime(2026, 11, 17, 10, 30, tzinfo=LONDON)
    # Tina is told at once, and when she was told is kept.
    assert incident.manager_told_at == datetime(2026, 11, 17, 11, 0, tzinfo=LONDON)
    note = Notification.objects.get(user=team_manager)
    assert note.link == f"/incidents/{incident.pk}"
    assert "threat against Sam Worker" in note.subject and "Kerry Fletcher" in note.body
    # ... and by e-mail, through the worker, with no case details in it.
    email = Job.objects.get(kind="notify.email")
    assert email.payload["to"] == [team_manager.email]
    assert "Fletcher" not in str(email.payload)
    assert AuditEntry.objects.filter(action="incident.report", object_id=str(mum.pk)).exists()
    shown = client.get(f"/incidents/{incident.pk}").content.decode()
    assert "Your manager has been told" in shown
    assert "17 November 2026 at 11:00" in shown


def test_R_SAFE_5_the_incident_is_in_kerrys_chronology(threat, fletchers, social_worker,
                                                       as_user):
    event = Event.objects.get(kind="incident")
    assert event.person_id == fletchers["mum"].pk and event.origin == "incident"
    assert event.source_person == "Sam Worker"
    page = as_user(social_worker).get(f"/people/{fletchers['mum'].pk}/chronology")
    assert "Threat against Sam Worker (At the front door)" in page.content.decode()


def test_R_SAFE_5_tina_records_the_post_incident_procedure_and_closes_it(
        threat, team_manager, as_user):
    client = as_user(team_manager)
    page = client.get(f"/incidents/{threat.pk}").content.decode()
    assert "Record the debrief, support and investigation" in page
    response = client.post(f"/incidents/{threat.pk}/post-incident", post_incident_form(
        debrief_by=str(team_manager.pk),
        support_offered="Talked it through; employee assistance programme offered.",
        investigation="closed", investigation_notes="Visit was planned for late afternoon.",
        police_complaint="yes", police_reference="44261117"))
    assert response.status_code == 302
    threat.refresh_from_db()
    assert threat.debrief_on == date(2026, 11, 17) and threat.debrief_by == team_manager
    assert threat.police_complaint == "yes" and threat.police_reference == "44261117"
    assert threat.version == 2
    assert AuditEntry.objects.filter(action="incident.post_incident").exists()
    response = client.post(f"/incidents/{threat.pk}/close", {"version": "2"})
    assert response.status_code == 302
    threat.refresh_from_db()
    assert threat.closed_by == team_manager and threat.closed_at is not None
    shown = client.get(f"/incidents/{threat.pk}").content.decode()
    assert "Closed by Tina Manager" in shown and "Record the debrief" not in shown
    assert "A complaint was made to the police" in Event.objects.get(kind="incident").summary
    assert threat not in client.get("/incidents").context["incidents"]


def test_R_SAFE_5_closing_before_the_debrief_and_police_decision_is_refused(
        threat, team_manager, as_user):
    response = as_user(team_manager).post(f"/incidents/{threat.pk}/close", {"version": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "You cannot close this incident yet" in html
    assert "Enter the date of the debrief before closing the incident" in html
    assert "Record whether a complaint was made to the police before closing" in html
    threat.refresh_from_db()
    assert threat.closed_at is None and threat.version == 1


def test_a_stale_post_incident_save_is_409_and_keeps_the_input(threat, team_manager, as_user):
    client = as_user(team_manager)
    client.post(f"/incidents/{threat.pk}/post-incident",
                post_incident_form(debrief_by=str(team_manager.pk)))
    response = client.post(f"/incidents/{threat.pk}/post-incident", post_incident_form(
        support_offered="Counselling offered", version="1"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this incident" in html and "Counselling offered" in html
    threat.refresh_from_db()
    assert threat.support_offered == "" and threat.version == 2


def test_bad_post_incident_input_names_the_field(threat, team_manager, as_user):
    response = as_user(team_manager).post(f"/incidents/{threat.pk}/post-incident",
                                          post_incident_form(debrief_on="18/11/2026",
                                                             police_reference="123"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Date of the debrief must be today or in the past" in html
    assert "Only enter a police reference when a complaint was made" in html
    threat.refresh_from_db()
    assert threat.version == 1 and threat.debrief_on is None


def test_sam_reads_his_own_incident_but_only_his_manager_records_what_follows(
        threat, social_worker, north, as_user):
    client = as_user(social_worker)
    page = client.get(f"/incidents/{threat.pk}").content.decode()
    assert "Kerry shouted" in page and "Record the debrief" not in page
    assert client.post(f"/incidents/{threat.pk}/post-incident",
                       post_incident_form()).status_code == 403
    colleague = make_user("cal", Role.SOCIAL_WORKER, team=north, first="Cal", last="Colleague")
    assert as_user(colleague).get(f"/incidents/{threat.pk}").status_code == 404


def test_an_outsider_gets_404(threat, fletchers, outsider, as_user):
    client = as_user(outsider)
    mum = fletchers["mum"]
    for url in (f"/incidents/{threat.pk}", f"/incidents/new?person={mum.pk}",
                f"/people/{mum.pk}/incidents", f"/people/{mum.pk}/risk-reduction-plans/new",
                f"/people/{mum.pk}/practitioners-meetings/new",
                f"/incidents/{threat.pk}/warning/new"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/incidents/new?person={mum.pk}", report_form()).status_code == 404
    assert client.get("/incidents/new?person=not-a-uuid").status_code == 404
    assert Incident.objects.count() == 1


def test_a_mash_partner_gets_403(threat, fletchers, police_partner, as_user):
    client = as_user(police_partner)
    for url in ("/incidents", "/incidents/new", f"/incidents/{threat.pk}",
                f"/people/{fletchers['mum'].pk}/incidents"):
        assert client.get(url).status_code == 403, url


def test_R_SAFE_5_business_support_may_report_an_incident_at_reception(
        north, team_manager, as_user):
    bea = make_user("bea", Role.BUSINESS_SUPPORT, team=north, first="Bea", last="Support")
    response = as_user(bea).post("/incidents/new", report_form(
        kind="abuse", where="Office reception",
        what_happened="A father swore at me and threw a leaflet stand."))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.worker == bea and incident.person is None
    assert incident.manager_told_at is not None
    assert Notification.objects.filter(user=team_manager).count() == 1
    assert as_user(bea).get(f"/incidents/{incident.pk}").status_code == 200


def test_tina_reports_for_sam_who_phoned_her(fletchers, social_worker, team_manager, as_user):
    response = as_user(team_manager).post(
        f"/incidents/new?person={fletchers['mum'].pk}",
        report_form(worker=str(social_worker.pk)))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.worker == social_worker and incident.reported_by == team_manager


def test_a_report_with_mistakes_is_refused_naming_each_field(fletchers, social_worker,
                                                             as_user):
    client = as_user(social_worker)
    response = client.post("/incidents/new", report_form(occurred_time="11:30", where="",
                                                         kind=""))
    assert response.status_code == 400
    html = response.content.decode()
    for message in ("When it happened must be now or in the past", "Enter where it happened",
                    "Select what kind of incident it was"):
        assert message in html
    assert 'class="govuk-error-summary"' in html
    assert Incident.objects.count() == 0


def test_tinas_list_shows_her_teams_open_incidents(threat, team_manager, south, as_user):
    other = make_user("tom", Role.TEAM_MANAGER, team=south, first="Tom", last="South")
    assert [i.pk for i in as_user(team_manager).get("/incidents").context["incidents"]] == [
        threat.pk]
    assert list(as_user(other).get("/incidents").context["incidents"]) == []


def test_reading_an_incident_is_audited(threat, team_manager, fletchers, as_user):
    as_user(team_manager).get(f"/incidents/{threat.pk}")
    assert AuditEntry.objects.filter(action="view_incident", user_id_snapshot=team_manager.pk,
                                     object_id=str(fletchers["mum"].pk)).count() == 1


def test_the_incident_comes_back_when_the_chronology_is_rebuilt(threat, fletchers):
    from hearth.chronology import actions as events

    Event.objects.filter(kind="incident").delete()
    events.rebuild([fletchers["mum"].pk])
    assert Event.objects.get(kind="incident").origin_id == str(threat.pk)


def test_sam_finds_the_pages_from_his_home_and_kerrys_record(fletchers, social_worker,
                                                            police_partner, as_user):
    client = as_user(social_worker)
    assert 'href="/incidents/new"' in client.get("/").content.decode()
    link = f'href="/people/{fletchers["mum"].pk}/incidents"'
    assert link in client.get(f"/people/{fletchers['mum'].pk}").content.decode()


def test_the_open_list_and_a_persons_page_do_not_grow_queries_with_incidents(
        threat, fletchers, social_worker, team_manager, home, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hearth.incidents import actions

    client = as_user(team_manager)
    pages = ("/incidents", f"/people/{fletchers['mum'].pk}/incidents")

    def counts() -> list[int]:
        result = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    with_one = counts()
    for hour in (8, 9):
        actions.do_report_incident(
            acting_user=social_worker, person=fletchers["mum"], address=home, kind="abuse",
            occurred_at=datetime(2026, 11, 17, hour, 0, tzinfo=LONDON), where="Phone",
            what_happened="Called me names.")
    assert len(client.get(pages[0]).context["incidents"]) == 3
    assert counts() == with_one
