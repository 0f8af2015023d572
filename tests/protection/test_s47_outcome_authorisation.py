"""R-CP-1: a Section 47 outcome of "not substantiated" or "ICPC not required" takes effect only
when a team manager of the team holding the case authorises it (never the worker who proposed
it); until then the ICPC stays due and overdue on the enquiry page, the child's page, the
dashboard and the API. Sam proposes for Jack (Family Help North); Tina authorises or returns it
with a reason; Sam himself, Olly's manager in the south and a conference chair are refused and
nothing is written. "ICPC needed" takes effect at once.

Jack's enquiry started on 20 October 2026: its ICPC was due on 10 November, so on Tuesday 17
November it is overdue while no outcome is in effect."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core.refusals import Refused, StaleEdit
from hearth.protection.actions import strategy as actions
from hearth.protection.codes import S47Outcome
from hearth.protection.models import Section47Enquiry
from hearth.protection.queries import strategy as queries_strategy
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/protection"
HELD = date(2026, 10, 20)
REASONS = "Jack's account was not borne out; the bruise came from football (school saw it)."


@pytest.fixture
def tom(north):
    """Tom, the other team manager of Family Help North."""
    return make_user("tom", Role.TEAM_MANAGER, team=north, first="Tom", last="Manager")


@pytest.fixture
def sue(south, fletchers, social_worker):
    """Sue, team manager of Family Safeguarding South: not Jack's team, but her team works
    with Lily, Jack's half-sister, so she may read Jack's record."""
    from hearth.casework.models import Involvement
    from hearth.people import actions as people

    lily = people.do_create_person(acting_user=social_worker, given_name="Lily",
                                   family_name="Moss", date_of_birth=date(2012, 3, 3))
    people.do_add_relationship(lily, fletchers["jack"], acting_user=social_worker,
                               kind="sibling")
    Involvement.objects.create(person=lily, team=south, worker=social_worker,
                               opened_on=date(2026, 10, 1))
    return make_user("sue", Role.TEAM_MANAGER, team=south, first="Sue", last="South")


@pytest.fixture
def jacks(fletchers, enquiry_for):
    return enquiry_for(fletchers["jack"], held_on=HELD)


def propose(enquiry, user, outcome=S47Outcome.NOT_SUBSTANTIATED, reasons=REASONS):
    enquiry.refresh_from_db()
    return actions.do_record_s47_outcome(enquiry, acting_user=user,
                                         expected_version=enquiry.version, outcome=outcome,
                                         reasons=reasons, outcome_on=date(2026, 11, 16))


def decide(enquiry, user, decision="authorise", reason=""):
    enquiry.refresh_from_db()
    return actions.do_decide_s47_outcome(enquiry, acting_user=user,
                                         expected_version=enquiry.version, decision=decision,
                                         reason=reason)


def icpc_overdue(enquiry) -> bool:
    enquiry.refresh_from_db()
    return queries_strategy.icpc_overdue(enquiry)


def written() -> list[int]:
    """The writes to child protection records (reads and refusals are audited too)."""
    return [AuditEntry.objects.filter(action__startswith="protection.").count(),
            Event.objects.filter(kind=Kind.S47_OUTCOME).count(),
            Section47Enquiry.objects.filter(version__gt=2).count()]


# --- the actions -------------------------------------------------------------------------------

@pytest.mark.parametrize("outcome", [S47Outcome.NOT_SUBSTANTIATED,
                                     S47Outcome.ICPC_NOT_REQUIRED])
def test_r_cp_1_a_proposed_outcome_leaves_the_icpc_due_until_a_manager_authorises_it(
        jacks, social_worker, team_manager, outcome):
    """R-CP-1: Sam's "no conference" outcome is only proposed: the ICPC stays overdue, there
    is no chronology entry and the enquiry stays open; Tina's authorisation makes it take
    effect (before, Sam's outcome took effect at once)."""
    proposed = propose(jacks, social_worker, outcome)
    assert (proposed.outcome, proposed.proposed_outcome, proposed.proposed_by) == (
        "", outcome, social_worker)
    assert proposed.awaiting_authorisation and icpc_overdue(jacks)
    assert queries_strategy.open_enquiry(jacks.person) == jacks
    assert not Event.objects.filter(kind=Kind.S47_OUTCOME).exists()
    assert AuditEntry.objects.get(action="protection.s47_outcome_proposed").fields[
        "outcome"] == outcome

    done = decide(jacks, team_manager)
    assert (done.outcome, done.outcome_reasons, done.outcome_on, done.outcome_by) == (
        outcome, REASONS, date(2026, 11, 16), social_worker)
    assert (done.outcome_authorised_by, done.proposed_outcome) == (team_manager, "")
    assert not icpc_overdue(jacks)
    assert queries_strategy.open_enquiry(jacks.person) is None
    event = Event.objects.get(kind=Kind.S47_OUTCOME)
    assert "Authorised by Tina Manager" in event.summary
    entry = AuditEntry.objects.get(action="protection.s47_outcome_authorised")
    assert (entry.username, entry.fields["outcome"]) == ("tina", outcome)


def test_r_cp_1_icpc_needed_takes_effect_without_authorisation(jacks, social_worker):
    done = propose(jacks, social_worker, S47Outcome.SUBSTANTIATED_ICPC, reasons="")
    assert (done.outcome, done.proposed_outcome, done.awaiting_authorisation) == (
        "icpc", "", False)
    assert Event.objects.filter(kind=Kind.S47_OUTCOME).exists()


def test_r_cp_1_icpc_needed_withdraws_a_proposal_waiting(jacks, social_worker):
    propose(jacks, social_worker)
    done = propose(jacks, social_worker, S47Outcome.SUBSTANTIATED_ICPC, reasons="")
    assert (done.outcome, done.proposed_outcome) == ("icpc", "")
    assert AuditEntry.objects.get(action="protection.s47_outcome").fields[
        "proposal_withdrawn"] == "not_substantiated"


def test_r_cp_1_a_manager_returns_the_outcome_with_a_reason(jacks, social_worker,
                                                            team_manager):
    propose(jacks, social_worker)
    before = written()
    with pytest.raises(Refused) as refused:
        decide(jacks, team_manager, "return", "")
    assert list(refused.value.problems) == ["reason"]
    assert written() == before
    returned = decide(jacks, team_manager, "return", "Speak to the GP before we close this.")
    assert (returned.outcome, returned.returned_by, returned.proposal_returned) == (
        "", team_manager, True)
    assert icpc_overdue(jacks)
    assert AuditEntry.objects.get(action="protection.s47_outcome_returned").fields[
        "reason"] == "Speak to the GP before we close this."
    # Nothing waits now; Sam proposes again and the return is cleared.
    with pytest.raises(Refused):
        decide(jacks, team_manager)
    again = propose(jacks, social_worker)
    assert again.awaiting_authorisation and again.returned_reason == ""


def test_r_cp_1_only_a_manager_of_the_team_holding_the_case_and_never_the_proposer(
        jacks, social_worker, team_manager, tom, sue, chair):
    """R-CP-1: Sam (not a manager), Sue (another team's manager), a conference chair and Tina
    on her own proposal are refused, and nothing is written; Tom, the other manager of the
    team, may authorise Tina's proposal."""
    propose(jacks, team_manager)
    before = written()
    for who, says in ((social_worker, "Only the team manager of Family Help North"),
                      (sue, "Only the team manager of Family Help North"),
                      (chair, "Only the team manager of Family Help North"),
                      (team_manager, "You proposed this outcome")):
        with pytest.raises(Refused, match=says):
            decide(jacks, who)
        jacks.refresh_from_db()
        assert (jacks.outcome, jacks.version) == ("", 2)
    assert written() == before
    assert decide(jacks, tom).outcome_authorised_by == tom


def test_r_cp_1_a_stale_authorisation_is_refused(jacks, social_worker, team_manager):
    propose(jacks, social_worker)
    jacks.refresh_from_db()
    stale = jacks.version
    propose(jacks, social_worker, S47Outcome.ICPC_NOT_REQUIRED)
    with pytest.raises(StaleEdit):
        actions.do_decide_s47_outcome(jacks, acting_user=team_manager, expected_version=stale,
                                      decision="authorise")
    jacks.refresh_from_db()
    assert jacks.outcome == "" and jacks.awaiting_authorisation


# --- the pages ----------------------------------------------------------------------------------

def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_r_cp_1_sam_proposes_on_the_page_and_the_icpc_stays_overdue(
        as_user, jacks, social_worker):
    sam = as_user(social_worker)
    response = sam.post(f"/s47-enquiries/{jacks.pk}/outcome", {
        "outcome": "not_substantiated", "reasons": REASONS, "outcome_on": "16/11/2026",
        "version": "1"}, follow=True)
    html = response.content.decode()
    assert "takes effect when a team manager authorises it" in html
    assert "Outcome waiting for a team manager" in html
    assert "Overdue" in html
    assert "Authorise or return this outcome" not in html  # Sam may not
    person = page(sam, f"/people/{jacks.person_id}/protection")
    assert "waiting for authorisation" in person and "Overdue" in person


def test_r_cp_1_tina_sees_it_on_the_dashboard_and_authorises_it(as_user, jacks,
                                                                 social_worker, team_manager):
    propose(jacks, social_worker)
    tina = as_user(team_manager)
    dashboard = page(tina, "/child-protection")
    waiting = dashboard[dashboard.index('id="outcomes"'):dashboard.index('id="reviews"')]
    assert "Jack Fletcher" in waiting and "Concerns not substantiated" in waiting
    url = f"/s47-enquiries/{jacks.pk}/outcome/authorisation"
    assert url in waiting
    icpcs = dashboard[dashboard.index('id="icpcs"'):dashboard.index('id="outcomes"')]
    assert "Jack Fletcher" in icpcs and "Overdue" in icpcs
    assert "Authorise or return this outcome" in page(
        tina, f"/s47-enquiries/{jacks.pk}")
    form = page(tina, url)
    assert "the bruise came from football" in form and 'name="decision"' in form
    response = tina.post(url, {"decision": "authorise", "reason": "", "version": "2"})
    assert response.status_code == 302
    html = page(tina, f"/s47-enquiries/{jacks.pk}")
    assert "Not needed" in html and "Overdue" not in html
    assert "Authorised by" in html
    dashboard = page(tina, "/child-protection")
    assert "No outcomes are waiting for authorisation." in dashboard


def test_r_cp_1_refusals_on_the_page_write_nothing(as_user, jacks, social_worker,
                                                   team_manager, tom, sue):
    propose(jacks, team_manager)
    url = f"/s47-enquiries/{jacks.pk}/outcome/authorisation"
    body = {"decision": "authorise", "reason": "", "version": "2"}
    before = written()
    assert as_user(social_worker).post(url, body).status_code == 403  # no permission
    for who, says in ((sue, "Only the team manager of Family Help North"),
                      (team_manager, "You proposed this outcome")):
        response = as_user(who).post(url, body)
        assert response.status_code == 403
        assert says in response.content.decode()
        assert 'name="decision"' not in page(as_user(who), url)
    stale = as_user(tom)
    response = stale.post(url, {**body, "version": "1"})
    assert response.status_code == 409
    response = stale.post(url, {"decision": "return", "reason": "", "version": "2"})
    assert response.status_code == 400
    assert "Enter why you are returning the outcome" in response.content.decode()
    assert written() == before
    jacks.refresh_from_db()
    assert (jacks.outcome, jacks.version) == ("", 2)
    assert stale.post(url, {"decision": "return", "reason": "See the GP first.",
                            "version": "2"}).status_code == 302
    html = page(as_user(social_worker), f"/s47-enquiries/{jacks.pk}")
    assert "Proposed outcome returned" in html and "See the GP first." in html


# --- the API ------------------------------------------------------------------------------------

def call(client, user, method, url, body=None, **headers):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers={"Authorization": f"Bearer {do_create_token(user)}",
                                   **headers})


def test_r_cp_1_the_api_proposes_and_a_manager_authorises(client, jacks, social_worker,
                                                          team_manager, sue):
    url = f"{API}/s47-enquiries/{jacks.pk}"
    etag = call(client, social_worker, "GET", url)["ETag"]
    proposed = call(client, social_worker, "PUT", f"{url}/outcome",
                    {"outcome": "icpc_not_required", "reasons": REASONS,
                     "outcome_on": "2026-11-16"}, **{"If-Match": etag})
    assert proposed.status_code == 200
    body = proposed.json()
    assert (body["outcome"], body["icpc_overdue"]) == ("", True)
    assert body["proposed_outcome"]["state"] == "awaiting"
    assert body["proposed_outcome"]["proposed_by"] == "Sam Worker"
    etag = proposed["ETag"]
    dashboard = call(client, team_manager, "GET", f"{API}/dashboard").json()
    assert [o["enquiry_id"] for o in dashboard["outcomes_awaiting_authorisation"]] == [jacks.pk]
    assert dashboard["figures"]["outcomes_awaiting_authorisation"] == 1

    decide_url = f"{url}/outcome/authorisation"
    before = written()
    assert call(client, team_manager, "POST", decide_url,
                {"decision": "authorise"}).status_code == 428
    assert call(client, team_manager, "POST", decide_url, {"decision": "authorise"},
                **{"If-Match": '"section47enquiry-0-v1"'}).status_code == 412
    refused = call(client, sue, "POST", decide_url, {"decision": "authorise"},
                   **{"If-Match": etag})
    assert refused.status_code == 403 and "Family Help North" in refused.json()["detail"]
    assert call(client, social_worker, "POST", decide_url, {"decision": "authorise"},
                **{"If-Match": etag}).status_code == 403
    bad = call(client, team_manager, "POST", decide_url, {"decision": "return"},
               **{"If-Match": etag})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "reason"
    assert written() == before

    done = call(client, team_manager, "POST", decide_url, {"decision": "authorise"},
                **{"If-Match": etag})
    assert done.status_code == 200
    body = done.json()
    assert (body["outcome"], body["icpc_overdue"], body["proposed_outcome"],
            body["outcome_authorised_by"]) == ("icpc_not_required", False, None, "Tina Manager")
    again = call(client, team_manager, "POST", decide_url, {"decision": "authorise"},
                 **{"If-Match": done["ETag"]})
    assert again.status_code == 409


def test_r_cp_1_a_service_managers_refusal_through_the_api_writes_nothing(
        client, jacks, social_worker):
    propose(jacks, social_worker)
    jacks.refresh_from_db()
    boss = make_user("sian", Role.SERVICE_MANAGER, first="Sian", last="Service")
    call(client, boss, "GET", f"{API}/s47-enquiries/{jacks.pk}")
    before = written()
    response = call(client, boss, "POST", f"{API}/s47-enquiries/{jacks.pk}/outcome/authorisation",
                    {"decision": "authorise"}, **{"If-Match": f'"section47enquiry-{jacks.pk}-v2"'})
    assert response.status_code == 403
    assert written() == before
    assert Section47Enquiry.objects.get(pk=jacks.pk).outcome == ""


def test_r_cp_1_once_an_icpc_is_arranged_a_proposal_to_drop_it_cannot_be_authorised(
        jacks, social_worker, team_manager):
    from django.utils import timezone

    from hearth.protection.codes import ConferenceKind
    from hearth.protection.models import Conference

    propose(jacks, social_worker, S47Outcome.SUBSTANTIATED_ICPC, reasons="")
    propose(jacks, social_worker)  # waits; "ICPC needed" stays in effect
    Conference.objects.create(person=jacks.person, kind=ConferenceKind.ICPC, enquiry=jacks,
                              held_on=date(2026, 11, 30), chair_name="Chris Chair",
                              arranged_by=social_worker, arranged_at=timezone.now())
    before = written()
    with pytest.raises(Refused, match="initial conference has been arranged"):
        decide(jacks, team_manager)
    assert written() == before
    assert decide(jacks, team_manager, "return", "The ICPC goes ahead.").proposal_returned
