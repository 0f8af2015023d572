"""Who authorises a front-door decision (R-FD-5, seed 003).

The worker proposes; a manager of the front door (Carla, the CRS team manager) or of the
proposer's own team (Tina, for Sam) authorises or returns it, and never the person who proposed
it. Whether a strategy discussion is needed "is a decision to be made by the social worker and
their manager", so it waits for authorisation like no further action and referral. A refusal
is a refusal for who may not (``Why.FORBIDDEN``: 403 on the page and in the API) and writes
nothing.
"""

from __future__ import annotations

import json

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.core.refusals import Why
from hearth.frontdoor import rules
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.codes import ContactStatus, DecisionStatus
from hearth.frontdoor.models import Decision
from tests.conftest import make_user
from tests.frontdoor.conftest import at, raises_refused

pytestmark = pytest.mark.django_db

NFA = {"outcome": "nfa", "rationale": "Bruise explained; Jack is fed at school.",
       "advice": "Keep offering breakfast club.", "referrer_plan": "School will monitor."}


@pytest.fixture
def tuesday(time_machine):
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)


@pytest.fixture
def contact(front_door, fletchers, call, tuesday):
    return actions.do_record_contact(
        acting_user=front_door,
        people=[(fletchers["jack"], "child"), (fletchers["mum"], "adult")], **call)


@pytest.fixture
def cath(front_door):
    """A second CRS team manager."""
    return make_user("cath", "team_manager", team=front_door.team, first="Cath",
                     last="Second")


def unchanged(decision: Decision) -> None:
    """Nothing was written: still proposed, unreviewed, and nothing audited as reviewed."""
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED and decision.reviewed_by is None
    assert decision.contact.status == ContactStatus.AWAITING_AUTHORISATION
    assert not AuditEntry.objects.filter(
        action__in=["decision_authorised", "decision_returned"]).exists()


# --- The rule, as plain values ---------------------------------------------------------------


def review(role, *, user_id=2, team_id=None, team_service=None, proposer_id=1,
           proposer_team_id=None) -> bool:
    return rules.may_review_decision(user_id=user_id, role=role, team_id=team_id,
                                     team_service=team_service, proposer_id=proposer_id,
                                     proposer_team_id=proposer_team_id)


def test_who_may_authorise_a_front_door_decision_R_FD_5():
    assert review("team_manager", team_id=7, team_service="crs")  # a CRS manager
    assert review("team_manager", team_id=8, team_service="edt")  # EDT is within the CRS
    assert review("team_manager", team_id=9, team_service="mash")
    assert review("team_manager", team_id=3, team_service="family_help", proposer_team_id=3)
    assert review("service_manager")  # the on-call senior manager
    assert not review("team_manager", team_id=3, team_service="family_help",
                      proposer_team_id=7)  # another team's manager
    assert not review("team_manager", team_service="family_help")  # no team at all
    assert not review("social_worker", team_id=7, team_service="crs")
    assert not review("front_door", team_id=7, team_service="crs")
    # Never the person who proposed it, whoever they are.
    assert not review("team_manager", user_id=1, team_id=7, team_service="crs")
    assert not review("service_manager", user_id=1)


def test_a_strategy_discussion_needs_a_managers_authorisation_R_FD_5():
    for outcome in ("nfa", "referral", "strategy"):
        assert rules.needs_authorisation(outcome), outcome
    for outcome in ("early_help", "mash", "lado", "already_open"):
        assert not rules.needs_authorisation(outcome), outcome


# --- The actions -----------------------------------------------------------------------------


def test_fran_proposes_a_strategy_discussion_and_carla_authorises_it_R_FD_5(
        contact, front_door, crs_manager):
    """Seed 003: whether a strategy discussion is needed is for the worker and their manager."""
    decision = actions.do_decide(contact, acting_user=front_door, outcome="strategy",
                                 rationale="Bruise, hunger and a violent partner at home.")
    contact.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED
    assert contact.status == ContactStatus.AWAITING_AUTHORISATION
    assert crs_manager.notifications.filter(subject__contains="authorisation").exists()
    actions.do_authorise(decision, acting_user=crs_manager)
    decision.refresh_from_db()
    contact.refresh_from_db()
    assert decision.status == DecisionStatus.AUTHORISED and decision.reviewed_by == crs_manager
    assert contact.status == ContactStatus.DECIDED
    assert AuditEntry.objects.filter(action="decision_authorised").count() == 1


def test_a_manager_never_authorises_their_own_proposal_R_FD_5(contact, crs_manager, cath):
    decision = actions.do_decide(contact, acting_user=crs_manager, **NFA)
    with raises_refused(Why.FORBIDDEN, match="You proposed this decision"):
        actions.do_authorise(decision, acting_user=crs_manager)
    with raises_refused(Why.FORBIDDEN, match="You proposed this decision"):
        actions.do_return(decision, acting_user=crs_manager, comment="Second thoughts")
    unchanged(decision)
    assert not crs_manager.notifications.exists()  # she is not asked to authorise her own
    assert cath.notifications.filter(subject__contains="authorisation").exists()
    actions.do_authorise(decision, acting_user=cath)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AUTHORISED and decision.reviewed_by == cath


def test_another_teams_manager_cannot_authorise_the_front_doors_decision_R_FD_5(
        contact, front_door, team_manager):
    """Tina manages Family Help North and may see the contact (it is about her team's
    children), but Fran's decision is for the front door's managers."""
    decision = actions.do_decide(contact, acting_user=front_door, **NFA)
    with raises_refused(Why.FORBIDDEN, match="manager of the front door"):
        actions.do_authorise(decision, acting_user=team_manager)
    with raises_refused(Why.FORBIDDEN, match="manager of the front door"):
        actions.do_return(decision, acting_user=team_manager, comment="Refer to us")
    unchanged(decision)
    assert not team_manager.notifications.exists()


def test_the_proposers_own_team_manager_may_authorise_R_FD_5(
        contact, social_worker, team_manager, crs_manager, on_call_manager, south):
    """Sam (Family Help North) proposes a referral at the front door: Tina, his manager, or a
    CRS manager may authorise it; both are asked, and he is not."""
    decision = actions.do_decide(contact, acting_user=social_worker, outcome="referral",
                                 rationale="Bruising and hunger", team=south)
    for manager in (team_manager, crs_manager):
        assert manager.notifications.filter(subject__contains="authorisation").exists()
    assert not social_worker.notifications.exists()
    assert actions.may_review(decision, crs_manager) and actions.may_review(decision,
                                                                            on_call_manager)
    actions.do_authorise(decision, acting_user=team_manager)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AUTHORISED and decision.reviewed_by == team_manager


def test_a_worker_cannot_authorise_R_FD_5(contact, front_door, social_worker):
    decision = actions.do_decide(contact, acting_user=front_door, **NFA)
    with raises_refused(Why.FORBIDDEN, match="Only a manager"):
        actions.do_authorise(decision, acting_user=social_worker)
    unchanged(decision)


# --- The pages -------------------------------------------------------------------------------


def test_the_contact_page_offers_authorisation_only_to_those_who_may_R_FD_5(
        contact, front_door, team_manager, crs_manager, cath, as_user):
    decision = actions.do_decide(contact, acting_user=crs_manager, **NFA)
    url = f"/contacts/{contact.pk}"
    for user in (crs_manager, team_manager, front_door):
        html = as_user(user).get(url).content.decode()
        assert "Authorise the proposed decision" not in html, user.username
        assert "Waiting for a manager of the front door" in html
    assert "you proposed it, so another manager must authorise it" in as_user(
        crs_manager).get(url).content.decode()
    assert "Authorise the proposed decision" in as_user(cath).get(url).content.decode()

    for user in (crs_manager, team_manager):
        client = as_user(user)
        assert client.post(f"/contacts/decisions/{decision.pk}/authorise").status_code == 403
        refused = client.post(f"/contacts/decisions/{decision.pk}/return",
                              {"comment": "Refer instead"})
        assert refused.status_code == 403
        # Even an empty comment is refused for who they are, not for the comment.
        assert client.post(f"/contacts/decisions/{decision.pk}/return",
                           {"comment": ""}).status_code == 403
    unchanged(decision)
    done = as_user(cath).post(f"/contacts/decisions/{decision.pk}/authorise", follow=True)
    assert "You authorised the decision" in done.content.decode()


def test_the_queue_lists_only_what_the_manager_may_authorise_R_FD_5(
        front_door, crs_manager, cath, team_manager, fletchers, call, tuesday, as_user):
    theirs = actions.do_record_contact(acting_user=front_door,
                                       people=[(fletchers["jack"], "child")], **call)
    actions.do_decide(theirs, acting_user=front_door, **NFA)
    hers = actions.do_record_contact(acting_user=front_door,
                                     people=[(fletchers["amy"], "child")], **call)
    actions.do_decide(hers, acting_user=crs_manager, **NFA)

    def listed(user) -> str:
        html = as_user(user).get("/contacts").content.decode()
        return html.split('id="to-authorise"')[1].split("</table>")[0] \
            if 'id="to-authorise"' in html else ""

    carla = listed(crs_manager)
    assert theirs.reference in carla and hers.reference not in carla
    assert theirs.reference in listed(cath) and hers.reference in listed(cath)
    assert listed(team_manager) == ""  # nothing of Family Help North's to authorise


def test_the_crs_manager_sees_who_the_contact_is_about_R_FD_5(
        front_door, crs_manager, call, tuesday, as_user):
    """An ordinary child and mother no team works with: Carla sees their names, not
    "Restricted record", and opens the child's page."""
    from datetime import date

    from hearth.people import actions as people

    mum = people.do_create_person(acting_user=front_door, given_name="Nadia",
                                  family_name="Okafor", date_of_birth=date(1992, 6, 1))
    child = people.do_create_person(acting_user=front_door, given_name="Tobi",
                                    family_name="Okafor", date_of_birth=date(2018, 2, 9))
    contact = actions.do_record_contact(acting_user=front_door,
                                        people=[(child, "child"), (mum, "adult")], **call)
    actions.do_decide(contact, acting_user=front_door, **NFA)
    carla = as_user(crs_manager)
    html = carla.get(f"/contacts/{contact.pk}").content.decode()
    assert "Tobi Okafor" in html and "Nadia Okafor" in html
    assert "Restricted record" not in html
    assert "Tobi Okafor" in carla.get("/contacts").content.decode()
    assert carla.get(f"/people/{child.pk}").status_code == 200


# --- The API ---------------------------------------------------------------------------------


def test_the_api_refuses_the_proposer_and_other_teams_managers_R_FD_5(
        client, contact, crs_manager, team_manager, cath):
    def post(user, url, body=None):
        return client.post(url, json.dumps(body or {}), content_type="application/json",
                           headers={"Authorization": f"Bearer {do_create_token(user)}"})

    decision = actions.do_decide(contact, acting_user=crs_manager, **NFA)
    url = f"/api/v1/contacts/decisions/{decision.pk}"
    for user in (crs_manager, team_manager):
        refused = post(user, f"{url}/authorise")
        assert refused.status_code == 403 and "R-FD-5" in refused.json()["detail"]
        assert post(user, f"{url}/return", {"comment": "No"}).status_code == 403
    unchanged(decision)
    authorised = post(cath, f"{url}/authorise")
    assert authorised.status_code == 200 and authorised.json()["reviewed_by"] == "Cath Second"
