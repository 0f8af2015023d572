"""The front door and the MASH as a partner system sees them: /api/v1/contacts and
/api/v1/mash (R-FD-1..5, R-MASH-2..4). Refusals are 422 with field errors, 403, 404 or 409,
and write nothing."""

from __future__ import annotations

import json
import uuid

import pytest

from hearth.access.actions.users import do_create_token
from hearth.frontdoor.models import Consent, ConsentOverride, Contact, Decision, MashAgencyRequest
from tests.frontdoor.conftest import at

JUSTIFICATION = "Asking mum would alert her partner, who Jack says hurts him."


@pytest.fixture
def api(client):
    class Api:
        def __init__(self, user):
            self.headers = {"Authorization": f"Bearer {do_create_token(user)}"}

        def get(self, url):
            return client.get(url, headers=self.headers)

        def post(self, url, body=None):
            return client.post(url, json.dumps(body or {}), content_type="application/json",
                               headers=self.headers)

    return Api


@pytest.fixture
def tuesday(time_machine):
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)


@pytest.fixture
def body(fletchers, call, tuesday):
    data = {k: v for k, v in call.items() if k != "channel"}
    data["received_at"] = "2026-11-17T10:30:00+00:00"
    data["people"] = [{"person_id": str(fletchers["jack"].pk), "role": "child"},
                      {"person_id": str(fletchers["mum"].pk), "role": "adult"}]
    return data


def fields(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


@pytest.mark.django_db
def test_a_partner_system_records_a_contact_R_FD_1(api, front_door, body, fletchers):
    response = api(front_door).post("/api/v1/contacts", body)
    assert response.status_code == 201, response.content
    contact = response.json()
    assert contact["reference"] == f"C{contact['id']:06d}"
    assert contact["status"] == "open" and contact["is_edt"] is False
    assert contact["channel"] == "partner_system"
    assert contact["decision_due"].startswith("2026-11-18T17:00:00")  # R-FD-4
    assert {(p["person_id"], p["role"]) for p in contact["people"]} == {
        (str(fletchers["jack"].pk), "child"), (str(fletchers["mum"].pk), "adult")}
    shown = api(front_door).get(f"/api/v1/contacts/{contact['id']}")
    assert shown.status_code == 200 and shown.json()["worries"] == body["worries"]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field"), [
    ({"referral_source": "ZZ"}, "referral_source"),
    ({"received_at": "2027-01-01T09:00:00+00:00"}, "received_at"),
    ({"received_at": "2026-11-17T10:30:00"}, "received_at"),  # no offset: ambiguous
    ({"received_at": "yesterday"}, "received_at"),
    ({"family_told_sharing": False}, "not_told_reason"),  # R-FD-2
    ({"channel": "pigeon"}, "channel"),
    ({"worries": ""}, "worries"),
    ({"people": [{"person_id": "not-a-uuid", "role": "child"}]}, "people.0.person_id"),
    ({"people": [{"person_id": str(uuid.uuid4()), "role": "child"}]}, "people.0.person_id"),
    ({"people": [{"person_id": str(uuid.uuid4()), "role": "cousin"}]}, "people.0.role"),
])
def test_bad_contacts_get_field_errors_and_nothing_is_written_R_FD_2(api, front_door, body,
                                                                     change, field):
    response = api(front_door).post("/api/v1/contacts", {**body, **change})
    assert response.status_code == 422, response.content
    assert field in fields(response)
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_a_person_the_caller_cannot_see_is_named_in_the_error(api, outsider, body, fletchers):
    """Olly works in another team: the Fletchers are not his to link (nor to learn about)."""
    response = api(outsider).post("/api/v1/contacts", {**body, "worries": " "})
    assert response.status_code == 422
    assert fields(response) == {"people.0.person_id", "people.1.person_id", "worries"}
    assert str(fletchers["jack"].pk) in json.dumps(response.json())
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_who_may_read_a_contact(api, front_door, outsider, police_partner, body):
    contact_id = api(front_door).post("/api/v1/contacts", body).json()["id"]
    assert api(outsider).get(f"/api/v1/contacts/{contact_id}").status_code == 404
    assert api(police_partner).get(f"/api/v1/contacts/{contact_id}").status_code == 403
    assert api(front_door).get(f"/api/v1/contacts/{contact_id + 99}").status_code == 404


@pytest.mark.django_db
def test_a_decided_contact_cannot_be_decided_again_R_FD_5(api, front_door, crs_manager, body):
    fran = api(front_door)
    contact = fran.post("/api/v1/contacts", body).json()
    url = f"/api/v1/contacts/{contact['id']}/decisions"
    stale = fran.post(url, {"outcome": "strategy", "rationale": "Bruise and shouting",
                            "expected_version": contact["version"] + 5})
    assert stale.status_code == 412  # a stale version (the status table)
    assert "Someone else changed this contact" in stale.json()["detail"]
    assert Decision.objects.count() == 0

    nfa = fran.post(url, {"outcome": "nfa", "rationale": "Mum is engaging",
                          "expected_version": contact["version"]})
    assert nfa.status_code == 422 and fields(nfa) == {"referrer_plan"}
    unknown_team = fran.post(url, {"outcome": "referral", "rationale": "x", "team_id": 9999})
    assert unknown_team.status_code == 422 and fields(unknown_team) == {"team_id"}

    proposed = fran.post(url, {"outcome": "nfa", "rationale": "Mum is engaging",
                               "advice": "Call back if Jack is hungry again",
                               "referrer_plan": "School will offer breakfast club"})
    assert proposed.status_code == 201
    assert proposed.json()["status"] == "proposed"
    assert proposed.json()["contact_status"] == "awaiting_authorisation"
    again = fran.post(url, {"outcome": "strategy", "rationale": "Changed my mind"})
    assert again.status_code == 409
    assert Decision.objects.count() == 1

    decision = proposed.json()["id"]
    assert fran.post(f"/api/v1/contacts/decisions/{decision}/authorise").status_code == 403
    carla = api(crs_manager)
    no_comment = carla.post(f"/api/v1/contacts/decisions/{decision}/return", {})
    assert no_comment.status_code == 422 and fields(no_comment) == {"comment"}
    authorised = carla.post(f"/api/v1/contacts/decisions/{decision}/authorise")
    assert authorised.status_code == 200
    assert authorised.json()["status"] == "authorised"
    assert authorised.json()["contact_status"] == "decided"
    assert carla.post(f"/api/v1/contacts/decisions/{decision}/authorise").status_code == 409
    assert fran.post(url, {"outcome": "strategy", "rationale": "again"}).status_code == 409


@pytest.mark.django_db
def test_a_manager_returns_a_proposal_with_a_comment(api, front_door, crs_manager, body):
    fran = api(front_door)
    contact = fran.post("/api/v1/contacts", body).json()
    decision = fran.post(f"/api/v1/contacts/{contact['id']}/decisions", {
        "outcome": "nfa", "rationale": "Mum is engaging", "advice": "Call back",
        "referrer_plan": "Breakfast club"}).json()["id"]
    returned = api(crs_manager).post(f"/api/v1/contacts/decisions/{decision}/return",
                                     {"comment": "Check the police history first"})
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"
    assert returned.json()["contact_status"] == "open"


@pytest.fixture
def in_mash(api, front_door, body, police, health):
    fran = api(front_door)
    contact = fran.post("/api/v1/contacts", body).json()
    decided = fran.post(f"/api/v1/contacts/{contact['id']}/decisions", {
        "outcome": "mash", "rationale": "Need police and health history",
        "mash": {"scope": "targeted", "rag": "amber", "agency_ids": [police.pk, health.pk]}})
    assert decided.status_code == 201, decided.content
    return f"/api/v1/contacts/{contact['id']}/mash"


@pytest.mark.django_db
def test_a_mash_decision_needs_known_agencies_R_MASH_2(api, front_door, body):
    fran = api(front_door)
    contact = fran.post("/api/v1/contacts", body).json()
    url = f"/api/v1/contacts/{contact['id']}/decisions"
    response = fran.post(url, {"outcome": "mash", "rationale": "x",
                               "mash": {"scope": "targeted", "rag": "amber", "agency_ids": []}})
    assert response.status_code == 422 and fields(response) == {"mash.agency_ids"}
    response = fran.post(url, {"outcome": "mash", "rationale": "x",
                               "mash": {"scope": "targeted", "rag": "amber", "agency_ids": [999]}})
    assert response.status_code == 422 and fields(response) == {"mash.agency_ids"}
    response = fran.post(url, {"outcome": "mash", "rationale": "x",
                               "mash": {"scope": "wide", "rag": "pink"}})
    assert response.status_code == 422 and fields(response) == {"mash.scope", "mash.rag"}
    assert Decision.objects.count() == 0


@pytest.mark.django_db
def test_partners_are_asked_only_with_consent_R_MASH_3(api, front_door, in_mash, fletchers):
    fran = api(front_door)
    refused = fran.post(f"{in_mash}/start", {"question": "Any call-outs?"})
    assert refused.status_code == 403
    assert "must consent" in refused.json()["detail"]
    assert not MashAgencyRequest.objects.exists()

    jack = fran.post(f"{in_mash}/consents", {"person_id": str(fletchers["jack"].pk),
                                             "status": "given"})
    assert jack.status_code == 422 and fields(jack) == {"person_id"}
    unknown = fran.post(f"{in_mash}/consents", {"person_id": str(fletchers["mum"].pk),
                                                "status": "maybe"})
    assert unknown.status_code == 422 and fields(unknown) == {"status"}
    assert not Consent.objects.exists()

    given = fran.post(f"{in_mash}/consents", {
        "person_id": str(fletchers["mum"].pk), "status": "given", "sought_by": "Fran, by phone",
        "answered_on": "2026-11-17T10:50:00+00:00"})
    assert given.status_code == 201 and given.json()["status"] == "given"
    sent = fran.post(f"{in_mash}/start", {"question": "Any call-outs?"})
    assert sent.status_code == 201
    assert {r["agency"] for r in sent.json()} == {"Hampshire Police", "Solent NHS Trust"}
    assert fran.post(f"{in_mash}/start").status_code == 409
    shown = fran.get(in_mash).json()
    assert shown["status"] == "gathering" and len(shown["requests"]) == 2


@pytest.mark.django_db
def test_an_override_needs_a_reason_and_a_crs_managers_approval_R_MASH_3(
        api, front_door, crs_manager, team_manager, in_mash):
    fran = api(front_door)
    no_reason = fran.post(f"{in_mash}/override", {})
    assert no_reason.status_code == 422 and fields(no_reason) == {"justification"}
    assert not ConsentOverride.objects.exists()
    requested = fran.post(f"{in_mash}/override", {"justification": JUSTIFICATION})
    assert requested.status_code == 201 and requested.json()["approved_at"] is None
    assert fran.post(f"{in_mash}/override", {"justification": JUSTIFICATION}).status_code == 409
    assert fran.post(f"{in_mash}/start").status_code == 403  # requested is not approved

    assert fran.post(f"{in_mash}/override/approve").status_code == 403  # no permission
    tina = api(team_manager).post(f"{in_mash}/override/approve")
    assert tina.status_code == 403 and "CRS manager" in tina.json()["detail"]
    approved = api(crs_manager).post(f"{in_mash}/override/approve")
    assert approved.status_code == 200
    assert approved.json()["approved_by"] == "Carla Manager"
    assert approved.json()["out_of_hours"] is False
    assert fran.post(f"{in_mash}/start").status_code == 201


@pytest.mark.django_db
def test_pat_answers_only_for_the_police_R_MASH_4(api, front_door, police_partner,
                                                  health_partner, in_mash, fletchers):
    fran = api(front_door)
    fran.post(f"{in_mash}/consents", {"person_id": str(fletchers["mum"].pk), "status": "given"})
    sent = {r["agency"]: r["id"] for r in fran.post(f"{in_mash}/start").json()}
    police, health = sent["Hampshire Police"], sent["Solent NHS Trust"]

    pat = api(police_partner)
    mine = pat.get("/api/v1/mash/requests").json()
    assert [r["id"] for r in mine["waiting"]] == [police] and mine["answered"] == []
    assert {s["name"] for s in mine["waiting"][0]["subjects"]} == {"Jack Fletcher",
                                                                   "Kerry Fletcher"}
    assert pat.get(f"/api/v1/mash/requests/{health}").status_code == 404
    answer = {"answer": "Two call-outs in October", "sources": "Police national database",
              "information_date": "2026-10-12"}
    assert pat.post(f"/api/v1/mash/requests/{health}/answer", answer).status_code == 404
    assert MashAgencyRequest.objects.get(pk=health).answered_at is None
    assert pat.get(f"{in_mash}").status_code == 403
    assert pat.get(f"/api/v1/people/{fletchers['jack'].pk}").status_code == 404

    missing = pat.post(f"/api/v1/mash/requests/{police}/answer", {"answer": "x"})
    assert missing.status_code == 422
    assert fields(missing) == {"sources", "information_date"}
    done = pat.post(f"/api/v1/mash/requests/{police}/answer", answer)
    assert done.status_code == 200 and done.json()["answered_at"]
    assert done.json()["is_late"] is False
    assert pat.post(f"/api/v1/mash/requests/{police}/answer", answer).status_code == 409

    hana = api(health_partner).get("/api/v1/mash/requests").json()
    assert [r["id"] for r in hana["waiting"]] == [health]
    analysed = fran.post(f"{in_mash}/analysis", {"analysis": "Domestic abuse history"})
    assert analysed.status_code == 200 and analysed.json()["status"] == "awaiting_sign_off"
    assert Contact.objects.get().status == "in_mash"  # R-MASH-5: a CRS manager signs it off


@pytest.mark.django_db
def test_the_openapi_document_describes_the_front_door(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/contacts" in spec["paths"]
    assert "/api/v1/mash/requests/{request_id}/answer" in spec["paths"]
