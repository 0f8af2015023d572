"""After the threat at the door, the worker-safety warning is created from the incident, or
an existing warning is linked with a note of what the incident adds (R-SAFE-5, R-SAFE-1)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.models import AuditEntry
from hearth.incidents.models import Incident
from hearth.safety.actions.warnings import do_add_warning
from hearth.safety.models import WorkerWarning

pytestmark = [pytest.mark.django_db]


def _warning_form(**extra) -> dict:
    return {"on": "person", "kind": "threats", "profession": "",
            "what_happened": "Kerry shouted that she would smash my car if I came back.",
            "source": "Incident reported by Sam Worker", "occurred_on": "17/11/2026",
            "disclosed_to_person": "no",
            "not_disclosed_reason": "Telling Kerry now may provoke her further.",
            "requires_joint_visit": "yes", "review_on": "", "version": "1", **extra}


def test_R_SAFE_5_create_a_warning_from_the_incident_prefilled(threat, team_manager,
                                                              fletchers, as_user):
    client = as_user(team_manager)
    assert "Create a warning" in client.get(f"/incidents/{threat.pk}").content.decode()
    form = client.get(f"/incidents/{threat.pk}/warning/new").content.decode()
    assert 'value="threats" checked' in form
    assert 'value="Incident reported by Sam Worker"' in form
    assert 'value="17/11/2026"' in form
    assert "Kerry shouted that she would smash my car" in form
    response = client.post(f"/incidents/{threat.pk}/warning/new", _warning_form())
    assert response.status_code == 302
    warning = WorkerWarning.objects.get()
    threat.refresh_from_db()
    assert threat.warning == warning and threat.version == 2
    assert (warning.person, warning.kind, warning.source) == (
        fletchers["mum"], "threats", "Incident reported by Sam Worker")
    assert warning.occurred_on == date(2026, 11, 17) and warning.requires_joint_visit
    assert warning.status == "awaiting_sign_off"
    assert AuditEntry.objects.filter(action="incident.warning_create").exists()
    page = client.get(f"/incidents/{threat.pk}").content.decode()
    assert 'id="linked-warning"' in page


def test_a_warning_on_the_address_instead(threat, social_worker, home, as_user):
    response = as_user(social_worker).post(f"/incidents/{threat.pk}/warning/new",
                                           _warning_form(on="address"))
    assert response.status_code == 302
    assert WorkerWarning.objects.get().address == home


def test_a_warning_the_safety_rules_refuse_shows_why_and_links_nothing(threat, social_worker,
                                                                      as_user):
    response = as_user(social_worker).post(f"/incidents/{threat.pk}/warning/new",
                                           _warning_form(source="", not_disclosed_reason=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter where this information came from" in html
    assert WorkerWarning.objects.count() == 0
    threat.refresh_from_db()
    assert threat.warning is None and threat.version == 1


def test_R_SAFE_5_link_an_existing_warning_and_add_a_note(threat, fletchers, team_manager,
                                                         social_worker, as_user):
    earlier = do_add_warning(acting_user=social_worker, person=fletchers["mum"],
                             kind="violence", what_happened="Pushed a health visitor.",
                             source="Health visitor", occurred_on=date(2026, 9, 1),
                             disclosed_to_person=True)
    client = as_user(team_manager)
    assert "Link an existing warning" in client.get(f"/incidents/{threat.pk}").content.decode()
    response = client.post(f"/incidents/{threat.pk}/warning/link", {
        "warning": str(earlier.pk), "note": "", "version": "1"})
    assert response.status_code == 400
    assert "Enter what this incident adds to the warning" in response.content.decode()
    response = client.post(f"/incidents/{threat.pk}/warning/link", {
        "warning": str(earlier.pk), "note": "Now threatening social workers too.",
        "version": "1"})
    assert response.status_code == 302
    threat.refresh_from_db()
    assert threat.warning == earlier
    assert threat.warning_note == "Now threatening social workers too."
    assert threat.warning_linked_by == team_manager
    assert AuditEntry.objects.filter(action="incident.warning_link",
                                     object_id=str(fletchers["mum"].pk)).exists()
    assert "Now threatening social workers too." in client.get(
        f"/incidents/{threat.pk}").content.decode()


def test_a_warning_about_someone_else_cannot_be_linked(threat, social_worker, fletchers,
                                                      as_user):
    elsewhere = do_add_warning(acting_user=social_worker, person=fletchers["jack"],
                               kind="animals", what_happened="Dog", source="Sam",
                               occurred_on=date(2026, 9, 1), disclosed_to_person=True)
    # Jack has no address of his own recorded, so his warning is not Kerry's.
    response = as_user(social_worker).post(f"/incidents/{threat.pk}/warning/link", {
        "warning": str(elsewhere.pk), "note": "Same family", "version": "1"})
    assert response.status_code == 400
    assert Incident.objects.get().warning is None


def test_an_incident_at_an_address_only_puts_the_warning_on_the_address(
        home, social_worker, as_user):
    from datetime import datetime

    from hearth.incidents import actions
    from tests.incidents.conftest import LONDON

    incident = actions.do_report_incident(
        acting_user=social_worker, address=home, kind="damage",
        occurred_at=datetime(2026, 11, 17, 9, 0, tzinfo=LONDON), where="In the street",
        what_happened="My car window was smashed outside.")
    client = as_user(social_worker)
    form = client.get(f"/incidents/{incident.pk}/warning/new").content.decode()
    assert "Is the warning about the person or the address?" not in form
    response = client.post(f"/incidents/{incident.pk}/warning/new", _warning_form(on=""))
    assert response.status_code == 302
    assert WorkerWarning.objects.get().address == home


def test_when_the_incident_names_both_the_worker_must_choose(threat, social_worker, as_user):
    response = as_user(social_worker).post(f"/incidents/{threat.pk}/warning/new",
                                           _warning_form(on=""))
    assert response.status_code == 400
    assert "Select whether the warning is about the person or the address" in (
        response.content.decode())
    assert WorkerWarning.objects.count() == 0
