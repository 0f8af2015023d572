"""What the front door adds to the list of what is due (issue 15): the contact about Jack Fran
took on Tuesday 17 November 2026 is hers to decide by the end of the next working day (R-FD-4);
once she proposes a strategy discussion it waits for Carla's authorisation (R-FD-5), never
Tina's (another team) nor Sam's."""

from __future__ import annotations

import pytest

from hearth import calendar
from hearth.core.due import MINE, TEAM
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.due import contact_decisions
from tests.frontdoor.conftest import at
from tests.frontdoor.test_mash import enquiry  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(front_door, fletchers, call, time_machine):
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    return actions.do_record_contact(
        acting_user=front_door,
        people=[(fletchers["jack"], "child"), (fletchers["mum"], "adult")], **call)


def test_r_fd_4_and_5_frans_decision_then_carlas_authorisation(
        contact, front_door, crs_manager, team_manager, social_worker):
    [decide] = contact_decisions(front_door, scope=MINE)
    assert (decide.person_name, decide.kind) == ("Jack Fletcher", "contact_decision")
    assert decide.due == contact.decision_due == calendar.contact_decision_due(
        at(2026, 11, 17, 10, 30))
    assert decide.link == f"/contacts/{contact.pk}/decide"
    assert contact_decisions(social_worker, scope=MINE) == []
    assert contact_decisions(front_door, scope=TEAM) == []
    assert contact_decisions(crs_manager, scope=MINE) == []
    decision = actions.do_decide(contact, acting_user=front_door, outcome="strategy",
                                 rationale="Bruise, hunger and a violent partner at home.")
    assert contact_decisions(front_door, scope=MINE) == []
    [authorise] = contact_decisions(crs_manager, scope=MINE)
    assert authorise.authorise and authorise.for_user_id == front_door.pk
    assert authorise.link == f"/contacts/decisions/{decision.pk}/authorise"
    assert contact_decisions(team_manager, scope=MINE) == []


def test_r_mash_pats_request_to_answer_by_the_amber_deadline(enquiry, front_door,  # noqa: F811
                                                             fletchers,
                                                             police_partner, health_partner,
                                                             social_worker):
    from hearth.frontdoor.actions import mash
    from hearth.frontdoor.due import mash_requests

    mash.do_record_consent(enquiry, fletchers["mum"], acting_user=front_door, status="given",
                           sought_by="Fran, by phone", answered_on=at(2026, 11, 17, 10, 50))
    requests = {r.agency.kind: r for r in mash.do_start_gathering(enquiry,
                                                                  acting_user=front_door)}
    [pat] = mash_requests(police_partner, scope=MINE)
    police = requests["police"]
    assert (pat.what, pat.due, pat.person_id) == ("Answer the MASH request", police.due_at, "")
    assert pat.person_name == f"MASH request, contact {enquiry.contact.reference}"
    assert pat.link == f"/mash/requests/{police.pk}"
    assert mash_requests(social_worker, scope=MINE) == []
    mash.do_answer_request(police, acting_user=police_partner, answer="No police history.",
                           sources="PNC", information_date=at(2026, 11, 17, 12, 0).date())
    assert mash_requests(police_partner, scope=MINE) == []
    assert len(mash_requests(health_partner, scope=MINE)) == 1


def test_frans_home_lists_the_contact_to_decide(as_user, contact, front_door):
    html = as_user(front_door).get("/").content.decode()
    listed = html[html.index('id="what-is-due"'):]
    assert "Decide what happens next with the contact" in listed
    assert f"/contacts/{contact.pk}/decide" in listed and "Jack Fletcher" in listed
    assert html.index("What is due") < html.index("Record a contact")


def test_pats_home_lists_the_request_and_no_childs_record(as_user, enquiry,  # noqa: F811
                                                          front_door, fletchers,
                                                          police_partner):
    from hearth.frontdoor.actions import mash

    mash.do_record_consent(enquiry, fletchers["mum"], acting_user=front_door, status="given",
                           sought_by="Fran, by phone", answered_on=at(2026, 11, 17, 10, 50))
    mash.do_start_gathering(enquiry, acting_user=front_door)
    html = as_user(police_partner).get("/").content.decode()
    listed = html[html.index('id="what-is-due"'):]
    listed = listed[:listed.index("</section>")]
    assert "Answer the MASH request" in listed and enquiry.contact.reference in listed
    assert f"/people/{fletchers['jack'].pk}" not in listed


def test_fran_and_carlas_lists_take_as_many_queries_for_12_contacts_as_for_2(
        contact, front_door, crs_manager, fletchers, call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n: int) -> None:
        for _ in range(n):
            new = actions.do_record_contact(acting_user=front_door,
                                            people=[(fletchers["amy"], "child")], **call)
            actions.do_decide(new, acting_user=front_door, outcome="nfa",
                              rationale="Explained", advice="None", referrer_plan="Monitor")
            actions.do_record_contact(acting_user=front_door,
                                      people=[(fletchers["jack"], "child")], **call)

    def count(user) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert contact_decisions(user, scope=MINE)
        return len(queries)

    add(1)
    few = (count(front_door), count(crs_manager))
    add(5)
    assert (count(front_door), count(crs_manager)) == few
