"""The MASH pages: Fran gathers information with Kerry's consent or a manager's override, the
partners answer only their own agency's requests, and managers see every override
(R-MASH-2..5)."""

from __future__ import annotations

import pytest

from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from hearth.frontdoor.codes import ContactStatus, MashStatus
from hearth.frontdoor.models import Consent, ConsentOverride, MashAgencyRequest
from tests.frontdoor.conftest import at

JUSTIFICATION = "Asking mum would alert her partner, who Jack says hurts him."


@pytest.fixture
def contact(front_door, fletchers, call, police, health, time_machine):
    """Tuesday 17 November 2026, 11:00: Fran decides the teacher's call needs MASH checks."""
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child"),
                                        (fletchers["mum"], "adult")], **call)
    actions.do_decide(contact, acting_user=front_door, outcome="mash",
                      rationale="Need police and health history",
                      mash={"scope": "targeted", "rag": "amber", "agencies": [police, health]})
    contact.refresh_from_db()
    return contact


def page(contact) -> str:
    return f"/contacts/{contact.pk}/mash"


def post(client, contact, action, **data):
    return client.post(page(contact), {"action": action, **data})


def consent(client, contact, person, status="given", **data):
    fields = {f"consent-0-{k}": v for k, v in {"status": status, **data}.items()}
    return post(client, contact, "consent", person=str(person.pk), **fields)


def gathering(contact, front_door, fletchers):
    mash.do_record_consent(contact.mash, fletchers["mum"], acting_user=front_door,
                           status="given")
    return {r.agency.kind: r for r in mash.do_start_gathering(contact.mash,
                                                               acting_user=front_door)}


@pytest.mark.django_db
def test_fran_records_kerrys_consent_on_the_mash_page_R_MASH_3(as_user, front_door, contact,
                                                               fletchers):
    fran = as_user(front_door)
    shown = fran.get(page(contact))
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Kerry Fletcher" in html and "Amber" in html and "Hampshire Police" in html
    assert "Within 1 working day of asking the partners" in html

    refused = consent(fran, contact, fletchers["mum"], status="", sought_by="Fran, by phone")
    assert refused.status_code == 400
    assert "Select the consent answer" in refused.content.decode()
    future = consent(fran, contact, fletchers["mum"], answered_on="18/11/2026")
    assert future.status_code == 400
    assert "Date of the answer must be today or in the past" in future.content.decode()
    assert not Consent.objects.exists()

    done = consent(fran, contact, fletchers["mum"], sought_by="Fran, by phone",
                   answered_on="17/11/2026")
    assert done.status_code == 302
    kerry = Consent.objects.get()
    assert (kerry.person, kerry.status, kerry.sought_by) == (fletchers["mum"], "given",
                                                             "Fran, by phone")
    assert "Kerry Fletcher&#x27;s consent was recorded." in fran.get(page(contact)).content.decode()


@pytest.mark.django_db
def test_consent_is_recorded_only_for_people_with_parental_responsibility(
        as_user, front_door, contact, fletchers):
    response = consent(as_user(front_door), contact, fletchers["jack"])
    assert response.status_code == 400
    assert "Choose a person with parental responsibility" in response.content.decode()
    assert not Consent.objects.exists()


@pytest.mark.django_db
def test_gathering_without_consent_is_refused_and_nothing_is_sent_R_MASH_3(
        as_user, front_door, contact, fletchers):
    fran = as_user(front_door)
    refused = post(fran, contact, "start", question="Any call-outs to the address?")
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "There is a problem" in html and "Error: MASH information gathering" in html
    assert "Every person with parental responsibility must consent" in html
    assert not MashAgencyRequest.objects.exists()

    consent(fran, contact, fletchers["mum"], status="refused")
    assert post(fran, contact, "start").status_code == 403
    assert not MashAgencyRequest.objects.exists()


@pytest.mark.django_db
def test_carla_approves_fran_s_override_in_hours_and_others_cannot_R_MASH_3(
        as_user, front_door, crs_manager, team_manager, social_worker, contact, fletchers):
    fran = as_user(front_door)
    consent(fran, contact, fletchers["mum"], status="refused")
    too_short = post(fran, contact, "override", justification="because")
    assert too_short.status_code == 400
    assert "at least 20 characters" in too_short.content.decode()
    empty = post(fran, contact, "override", justification="")
    assert empty.status_code == 400
    assert not ConsentOverride.objects.exists()

    assert post(fran, contact, "override", justification=JUSTIFICATION).status_code == 302
    html = fran.get(page(contact)).content.decode()
    assert "Awaiting a manager's approval" in html
    assert "Approve the override" not in html  # Fran may not approve
    assert post(fran, contact, "start").status_code == 403  # requested is not approved

    for name, user in (("Fran", front_door), ("Sam", social_worker), ("Tina", team_manager)):
        refused = post(as_user(user), contact, "approve")
        assert refused.status_code == 403, name
        assert "Only a CRS manager" in refused.content.decode(), name
    assert ConsentOverride.objects.get().approved_at is None

    carla = as_user(crs_manager)
    assert "Approve the override" in carla.get(page(contact)).content.decode()
    assert post(carla, contact, "approve").status_code == 302
    override = ConsentOverride.objects.get()
    assert override.approved_by == crs_manager and not override.out_of_hours
    assert post(carla, contact, "approve").status_code == 400  # only once

    assert post(fran, contact, "start", question="Any call-outs?").status_code == 302
    assert {r.agency.kind for r in MashAgencyRequest.objects.all()} == {"police", "health"}
    assert "The partners were asked: Hampshire Police, Solent NHS Trust." in \
        fran.get(page(contact)).content.decode()


@pytest.mark.django_db
def test_out_of_hours_sol_approves_and_carla_cannot_R_MASH_3_R_EDT_1(
        as_user, front_door, crs_manager, on_call_manager, sol_on_call_tonight, contact,
        time_machine):
    post(as_user(front_door), contact, "override", justification=JUSTIFICATION)
    time_machine.move_to(at(2026, 11, 17, 22, 0), tick=False)
    assert post(as_user(crs_manager), contact, "approve").status_code == 403
    assert post(as_user(on_call_manager), contact, "approve").status_code == 302
    override = ConsentOverride.objects.get()
    assert override.approved_by == on_call_manager and override.out_of_hours
    assert "(out of hours)" in as_user(front_door).get(page(contact)).content.decode()


@pytest.mark.django_db
def test_pat_sees_only_the_police_request_and_nothing_of_jack_R_MASH_4(
        as_user, front_door, police_partner, health_partner, contact, fletchers):
    sent = gathering(contact, front_door, fletchers)
    pat = as_user(police_partner)
    queue = pat.get("/mash/requests")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert f"R{sent['police'].pk:06d}" in html
    assert f"R{sent['health'].pk:06d}" not in html

    assert pat.get(f"/mash/requests/{sent['health'].pk}").status_code == 404
    detail = pat.get(f"/mash/requests/{sent['police'].pk}")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Jack Fletcher" in html and "14 September 2016" in html and "Kerry Fletcher" in html
    assert contact.worries not in html and contact.caller_name not in html

    assert pat.get(page(contact)).status_code == 403
    assert pat.get(f"/contacts/{contact.pk}").status_code in (403, 404)
    assert pat.get(f"/people/{fletchers['jack'].pk}").status_code == 404
    assert pat.get("/reports/consent-overrides").status_code == 403

    hana = as_user(health_partner)
    assert f"R{sent['health'].pk:06d}" in hana.get("/mash/requests").content.decode()
    assert hana.get(f"/mash/requests/{sent['police'].pk}").status_code == 404


@pytest.mark.django_db
def test_pat_answers_late_and_fran_sees_the_late_flag_R_MASH_4(
        as_user, front_door, police_partner, contact, fletchers, time_machine):
    police = gathering(contact, front_door, fletchers)["police"]
    time_machine.move_to(at(2026, 11, 18, 12, 0), tick=False)  # an hour after the deadline
    pat = as_user(police_partner)
    assert "Late" in pat.get("/mash/requests").content.decode()

    url = f"/mash/requests/{police.pk}"
    empty = pat.post(url, {"answer": "", "sources": "", "information_date": ""})
    assert empty.status_code == 400
    html = empty.content.decode()
    assert "Enter where the information comes from" in html
    assert "Enter the date of the information" in html
    future = pat.post(url, {"answer": "x", "sources": "y", "information_date": "1/1/2027"})
    assert future.status_code == 400
    police.refresh_from_db()
    assert police.answered_at is None

    done = pat.post(url, {"answer": "Two domestic call-outs to the address in October.",
                          "sources": "Police national database",
                          "information_date": "12/10/2026"})
    assert done.status_code == 302 and done["Location"] == "/mash/requests"
    police.refresh_from_db()
    assert police.is_late and police.answered_by == police_partner
    assert "Your agency has not answered" not in pat.get("/mash/requests").content.decode()
    again = pat.post(url, {"answer": "again", "sources": "x", "information_date": "12/10/2026"})
    assert again.status_code == 400

    html = as_user(front_door).get(page(contact)).content.decode()
    assert "Two domestic call-outs to the address in October." in html
    assert "Police national database" in html and "Late" in html


@pytest.mark.django_db
def test_the_analysis_returns_the_contact_to_the_decision_R_MASH_5(as_user, front_door,
                                                                   crs_manager, contact,
                                                                   fletchers):
    fran = as_user(front_door)
    too_early = post(fran, contact, "analysis", analysis="Nothing yet")
    assert too_early.status_code == 400  # the partners have not been asked
    gathering(contact, front_door, fletchers)
    assert post(fran, contact, "analysis", analysis="").status_code == 400
    done = post(fran, contact, "analysis",
                analysis="Police history of domestic abuse: a strategy discussion is needed.")
    assert done.status_code == 302
    assert post(as_user(crs_manager), contact, "sign_off").status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN
    assert contact.mash.status == MashStatus.ANALYSED
    assert "back at the decision step" in fran.get(page(contact)).content.decode()


@pytest.mark.django_db
def test_a_contact_the_user_may_not_see_answers_404(as_user, outsider, front_door, contact):
    assert as_user(outsider).get(page(contact)).status_code == 404
    assert as_user(front_door).get(f"/contacts/{contact.pk + 1000}/mash").status_code == 404


@pytest.mark.django_db
def test_an_unknown_action_is_refused(as_user, front_door, contact):
    assert post(as_user(front_door), contact, "delete_everything").status_code == 400


@pytest.mark.django_db
def test_the_override_report_lists_every_override_R_MASH_3(as_user, front_door, crs_manager,
                                                           contact):
    post(as_user(front_door), contact, "override", justification=JUSTIFICATION)
    carla = as_user(crs_manager)
    html = carla.get("/reports/consent-overrides").content.decode()
    assert contact.reference in html and "Awaiting approval" in html
    post(carla, contact, "approve")
    report = carla.get("/reports/consent-overrides")
    assert report.status_code == 200
    html = report.content.decode()
    assert contact.reference in html
    assert "Asking mum would alert her partner" in html
    assert "Fran Door" in html and "Carla Manager" in html and "In hours" in html
    assert as_user(front_door).get("/reports/consent-overrides").status_code == 403
