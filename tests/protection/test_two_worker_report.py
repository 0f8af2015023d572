"""The two-worker report (R-TWO-2, R-TWO-3): Tina sees her team's families that meet the
criteria with no decision, and the decisions made; a service manager sees every team's; a
conference chair every family they may see. Its query count does not grow with the families."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.codes import Role
from hearth.casework.models import Involvement
from hearth.engagement.models import EngagementEvent
from hearth.people import actions as people
from hearth.protection.actions.twoworkers import (
    do_record_complex_needs,
    do_record_two_worker_decision,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

REPORT = "/two-worker-report"


def family(name, *, by, team, children=1):
    """A mother and her children, the children open to ``team``."""
    mum = people.do_create_person(acting_user=by, given_name=f"{name} mum", family_name=name,
                                  date_of_birth=date(1988, 1, 1))
    kids = []
    for n in range(children):
        kid = people.do_create_person(acting_user=by, given_name=f"Child{n}", family_name=name,
                                      date_of_birth=date(2015 + n, 1, 1))
        people.do_add_relationship(mum, kid, acting_user=by, kind="mother")
        Involvement.objects.create(person=kid, team=team, opened_on=date(2026, 10, 1))
        kids.append(kid)
    return mum, kids


@pytest.fixture
def families(fletchers, social_worker, north, south, plan_for, outsider):
    """The Fletchers (north) with four children on plans; the Okafors (north) with complex
    needs; the Browns (north) meeting no criteria; the Singhs (south) with hostility."""
    mum = fletchers["mum"]
    for name in ("Lily", "Max"):
        kid = people.do_create_person(acting_user=social_worker, given_name=name,
                                      family_name="Fletcher", date_of_birth=date(2021, 1, 1))
        people.do_add_relationship(mum, kid, acting_user=social_worker, kind="mother")
        Involvement.objects.create(person=kid, team=north, opened_on=date(2026, 10, 1))
        fletchers[name.lower()] = kid
    for name in ("jack", "amy", "lily", "max"):
        plan_for(fletchers[name])
    _, okafors = family("Okafor", by=social_worker, team=north, children=2)
    do_record_complex_needs(okafors[0], acting_user=social_worker,
                            description="Both parents have severe mental ill health.")
    family("Brown", by=social_worker, team=north)
    singh_mum, _ = family("Singh", by=outsider, team=south)
    EngagementEvent.objects.create(
        person=singh_mum, kind="hostility", occurred_at=timezone.now(),
        agency="Children's services", form="confrontation", behaviours=["swearing"],
        by_whom="Ms Singh", account="Swore at Olly on the doorstep.", recorded_by=outsider,
        recorded_at=timezone.now())
    return fletchers


def needed_section(html: str) -> str:
    return html[html.index('id="needed"'):html.index('id="decisions"')]


def test_r_two_3_tina_sees_her_teams_families_needing_a_decision_and_then_her_decision(
        as_user, families, team_manager):
    tina = as_user(team_manager)
    html = tina.get(REPORT).content.decode()
    needed = needed_section(html)
    assert "2 families need a two-worker decision" in needed
    assert needed.index("Jack Fletcher") < needed.index("Child0 Okafor")  # must before should
    assert "4 children in the family are subject to child protection plans" in needed
    assert "The family has complex needs" in needed
    assert "Brown" not in needed and "Singh" not in html
    assert f'href="/people/{families["jack"].pk}/two-workers"' in needed
    assert "No two-worker decisions have been recorded." in html

    do_record_two_worker_decision(families["amy"], acting_user=team_manager, two_workers=True,
                                  reasons="Joint visits; a second worker for the home visits.",
                                  decided_on=date(2026, 11, 16))
    html = tina.get(REPORT).content.decode()
    assert "1 family needs a two-worker decision" in needed_section(html)
    assert "Jack Fletcher" not in needed_section(html)
    decisions = html[html.index('id="decisions"'):]
    assert "16 Nov 2026" in decisions and "Tina Manager, Family Help North" in decisions
    assert "Joint visits; a second worker for the home visits." in decisions
    assert "Allocated" in decisions and "Max Fletcher" in decisions


def test_a_service_manager_sees_every_teams_families_and_a_chair_those_they_may_see(
        as_user, families, chair):
    suki = make_user("suki", Role.SERVICE_MANAGER, first="Suki", last="Senior")
    html = as_user(suki).get(REPORT).content.decode()
    assert "3 families need a two-worker decision" in html
    assert "Child0 Singh" in html and "The family has shown significant hostility" in html
    chris = as_user(chair).get(REPORT).content.decode()
    assert "Jack Fletcher" in chris and "Okafor" not in chris and "Singh" not in chris
    assert "See the family" in chris


def test_only_managers_and_chairs_read_the_report(as_user, families, social_worker):
    assert as_user(social_worker).get(REPORT).status_code == 403


def test_the_report_takes_the_same_queries_for_3_or_12_families(as_user, social_worker,
                                                                 north, team_manager):
    def count() -> int:
        client = as_user(team_manager)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT).status_code == 200
        return len(queries)

    def add(n):
        for i in range(n):
            _, kids = family(f"Fam{Involvement.objects.count()}-{i}", by=social_worker,
                             team=north)
            do_record_complex_needs(kids[0], acting_user=social_worker, description="Needs")

    add(3)
    few = count()
    add(9)
    many = count()
    assert as_user(team_manager).get(REPORT).content.decode().count("Record the decision") == 12
    assert many == few


def test_issue_14_a_warning_at_the_address_a_family_lives_at_brings_it_to_the_report(
        as_user, social_worker, north, team_manager):
    """The report starts from the people who can meet the criteria: for an address warning,
    everyone living there now (the same row, or the same first line and postcode)."""
    from hearth.people.models import Address
    from tests.safety.warning_helpers import warn

    mum, kids = family("Hart", by=social_worker, team=north)
    people.do_add_address(mum, acting_user=social_worker, line1="4 Mill Lane",
                          postcode="SO14 2AB", start_date=date(2020, 1, 1))
    tina = as_user(team_manager)
    assert "Hart" not in needed_section(tina.get(REPORT).content.decode())
    elsewhere = Address.objects.create(line1="4 mill lane ", postcode="SO14 2AB",
                                       postcode_norm="SO142AB")
    warn(social_worker, address=elsewhere)
    needed = needed_section(tina.get(REPORT).content.decode())
    assert "Child0 Hart" in needed and "There is a warning about risks to workers" in needed


def test_issue_14_the_report_shows_25_families_a_page_and_keeps_the_other_pages_place(
        as_user, social_worker, north, team_manager):
    for i in range(27):
        _, kids = family(f"Page{i:02d}", by=social_worker, team=north)
        do_record_complex_needs(kids[0], acting_user=social_worker, description="Needs")
    tina = as_user(team_manager)
    first = tina.get(REPORT + "?decisions_page=1").content.decode()
    assert "27 families need a two-worker decision. Showing 1 to 25." in first
    assert first.count("Record the decision") == 25
    assert 'href="?decisions_page=1&amp;page=2"' in first
    second = tina.get(REPORT + "?decisions_page=1&page=2").content.decode()
    assert second.count("Record the decision") == 2
    assert tina.get(REPORT + "?page=x").status_code == 200
