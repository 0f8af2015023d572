"""Two workers for the Fletchers (R-TWO-2, R-TWO-3): with four children on plans the family
shows "Two-worker decision needed" until Tina, their team manager, records the decision;
Sam, a service manager and another team's manager cannot record it, and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.casework.models import Involvement
from hearth.engagement.models import EngagementEvent
from hearth.people import actions as people
from hearth.protection.models import TwoWorkerDecision
from hearth.safety.actions.warnings import do_add_warning
from tests.conftest import add_child as add_fletcher_child
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def url(person) -> str:
    return f"/people/{person.pk}/two-workers"


def add_child(family, name, born, *, by, team, mother="mum"):
    child = add_fletcher_child(family[mother], name, born, by=by, team=team)
    family[name.lower()] = child
    return child


@pytest.fixture
def four_on_plans(fletchers, social_worker, north, plan_for):
    """Kerry's four children, all on child protection plans."""
    add_child(fletchers, "Lily", date(2020, 6, 1), by=social_worker, team=north)
    add_child(fletchers, "Max", date(2022, 3, 9), by=social_worker, team=north)
    for name in ("jack", "amy", "lily", "max"):
        plan_for(fletchers[name])
    return fletchers


@pytest.fixture
def service_manager(db):
    return make_user("suki", Role.SERVICE_MANAGER, first="Suki", last="Senior")


def decide(client, person, **overrides):
    data = {"two_workers": "yes", "reasons": "Four children on plans and Kerry's hostility "
            "at the last visit: joint visits with a second worker.",
            "decided_on": "17/11/2026", **overrides}
    return client.post(url(person), data)


def test_r_two_2_four_children_on_plans_need_a_decision_until_tina_records_it(
        as_user, four_on_plans, social_worker, team_manager):
    jack, amy = four_on_plans["jack"], four_on_plans["amy"]
    page = as_user(social_worker).get(url(jack))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Two-worker decision needed" in html
    assert "4 children in the family are subject to child protection plans" in html
    assert "Must be considered" in html
    assert "The decision is recorded by the team manager of Family Help North" in html
    assert 'name="reasons"' not in html  # Sam is not offered the form
    assert AuditEntry.objects.filter(action="view_two_workers", username="sam").exists()

    tina = as_user(team_manager)
    assert 'name="reasons"' in tina.get(url(jack)).content.decode()
    done = decide(tina, jack)
    assert done.status_code == 302 and done["Location"] == url(jack)
    decision = TwoWorkerDecision.objects.get()
    assert decision.two_workers is True and decision.decided_by == team_manager
    assert decision.team == team_manager.team and decision.decided_on == date(2026, 11, 17)
    assert {c.given_name for c in decision.children.all()} == {"Jack", "Amy", "Lily", "Max"}
    assert decision.criteria == ["4 children in the family are subject to child protection "
                                 "plans"]
    row = AuditEntry.objects.get(action="protection.two_worker_decision")
    assert row.username == "tina" and row.fields["two_workers"] is True

    # The decision covers the family whichever child's page it is read from.
    after = as_user(social_worker).get(url(amy)).content.decode()
    assert "Two-worker decision needed" not in after
    assert "Two workers are allocated" in after and "Tina Manager" in after
    assert "Four children on plans and Kerry" in after


def test_r_two_3_sam_cannot_record_the_decision_and_nothing_is_written(
        as_user, four_on_plans, social_worker):
    response = decide(as_user(social_worker), four_on_plans["jack"])
    assert response.status_code == 403
    assert "you cannot do this (recording two-worker decisions)" in response.content.decode()
    assert not TwoWorkerDecision.objects.exists()
    assert not AuditEntry.objects.filter(action="protection.two_worker_decision").exists()


def test_r_two_3_a_service_manager_cannot_record_it_either(as_user, four_on_plans,
                                                            service_manager):
    assert as_user(service_manager).get(url(four_on_plans["jack"])).status_code == 200
    response = decide(as_user(service_manager), four_on_plans["jack"])
    assert response.status_code == 403
    assert "As service manager, you cannot do this" in response.content.decode()
    assert not TwoWorkerDecision.objects.exists()


def test_r_two_3_the_manager_of_a_team_not_working_with_the_family_is_refused(
        as_user, four_on_plans, social_worker, south):
    """Stan manages the south team, which works with a cousin of Jack's: he can open Jack's
    record, but the decision is Tina's."""
    stan = make_user("stan", Role.TEAM_MANAGER, team=south, first="Stan", last="South")
    cousin = people.do_create_person(acting_user=social_worker, given_name="Kai",
                                     family_name="Reed", date_of_birth=date(2017, 2, 2))
    people.do_add_relationship(cousin, four_on_plans["jack"], acting_user=social_worker,
                               kind="other")
    Involvement.objects.create(person=cousin, team=south, opened_on=date(2026, 11, 1))
    client = as_user(stan)
    page = client.get(url(four_on_plans["jack"])).content.decode()
    assert "Two-worker decision needed" in page and 'name="reasons"' not in page
    response = decide(client, four_on_plans["jack"])
    assert response.status_code == 403
    assert ("Only the team manager of Family Help North can record the decision on two "
            "workers for this family") in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert not TwoWorkerDecision.objects.exists()


def test_a_decision_without_reasons_or_with_a_future_date_is_refused(as_user, four_on_plans,
                                                                       team_manager):
    tina = as_user(team_manager)
    response = decide(tina, four_on_plans["jack"], reasons="  ", two_workers="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the reasons for the decision" in html
    assert "Select yes if two workers are allocated to this family" in html
    future = decide(tina, four_on_plans["jack"], decided_on="18/11/2026")
    assert future.status_code == 400
    assert "must be today or in the past" in future.content.decode()
    garbled = decide(tina, four_on_plans["jack"], decided_on="31/02/2026")
    assert garbled.status_code == 400 and "must be a real date" in garbled.content.decode()
    assert not TwoWorkerDecision.objects.exists()


def test_a_later_decision_supersedes_the_earlier_one(as_user, four_on_plans, team_manager):
    tina = as_user(team_manager)
    decide(tina, four_on_plans["jack"], decided_on="10/11/2026", two_workers="yes")
    decide(tina, four_on_plans["amy"], decided_on="16/11/2026", two_workers="no",
           reasons="Kerry now engages well; one worker with a duty worker on call.")
    html = tina.get(url(four_on_plans["max"])).content.decode()
    assert "Two workers are not allocated" in html
    assert html.index("16 Nov 2026") < html.index("10 Nov 2026")  # newest first
    assert html.count("Current") == 1


def test_an_outsider_cannot_see_the_family(as_user, four_on_plans, outsider):
    assert as_user(outsider).get(url(four_on_plans["jack"])).status_code == 404
    assert as_user(outsider).post(url(four_on_plans["jack"]), {}).status_code == 404


def test_r_two_2_hostility_on_kerry_means_two_workers_should_be_considered(
        as_user, fletchers, social_worker):
    jack = fletchers["jack"]
    before = as_user(social_worker).get(url(jack)).content.decode()
    assert "This family does not meet the criteria for two workers." in before
    assert "Two-worker decision needed" not in before
    EngagementEvent.objects.create(
        person=fletchers["mum"], kind="hostility", occurred_at=timezone.now(),
        agency="Children's services", form="violence_threatened", behaviours=["shouting"],
        by_whom="Kerry Fletcher", account="Kerry shouted that she would hurt me.",
        recorded_by=social_worker, recorded_at=timezone.now())
    html = as_user(social_worker).get(url(jack)).content.decode()
    assert "Two-worker decision needed" in html and "Should be considered" in html
    assert "The family has shown significant hostility" in html
    assert "Violence threatened" in html


def hostility(person, form, by):
    return EngagementEvent.objects.create(
        person=person, kind="hostility", occurred_at=timezone.now(),
        agency="Children's services", form=form, behaviours=["deliberate_silence"],
        by_whom="Kerry Fletcher", account="Kerry would not engage with the plan.",
        recorded_by=by, recorded_at=timezone.now())


def test_r_two_2_ambivalence_is_not_significant_hostility_confrontation_is(
        as_user, client, fletchers, social_worker, team_manager):
    """R-TWO-2 (seed 004 §2): one ambivalent event (or avoidance) does not flag the family
    (it did before: any hostility counted); a confrontation does."""
    from hearth.access.actions.users import do_create_token

    jack = fletchers["jack"]
    hostility(fletchers["mum"], "ambivalence", social_worker)
    hostility(fletchers["mum"], "avoidance", social_worker)
    html = as_user(social_worker).get(url(jack)).content.decode()
    assert "This family does not meet the criteria for two workers." in html
    assert "Two-worker decision needed" not in html
    assert "ambivalence and avoidance are not significant hostility" in html
    api = f"/api/v1/protection/people/{jack.pk}/two-workers"
    token = {"Authorization": f"Bearer {do_create_token(social_worker)}"}
    assert client.get(api, headers=token).json()["criteria"]["met"] is False
    report = as_user(team_manager).get("/two-worker-report").content.decode()
    assert "Jack Fletcher" not in report[report.index('id="needed"'):report.index(
        'id="decisions"')]

    hostility(fletchers["mum"], "confrontation", social_worker)
    html = as_user(social_worker).get(url(jack)).content.decode()
    assert "Two-worker decision needed" in html
    assert "The family has shown significant hostility" in html
    assert "Confrontation" in html and "Ambivalence" not in html
    assert client.get(api, headers=token).json()["criteria"]["reasons"] == [
        "The family has shown significant hostility"]


def test_r_two_2_a_warning_about_risks_to_workers_at_kerrys_means_it_should_be_considered(
        as_user, fletchers, social_worker):
    do_add_warning(acting_user=social_worker, person=fletchers["mum"], kind="animals",
                   what_happened="Two large dogs let loose at the door.", source="Sam's visit",
                   occurred_on=date(2026, 11, 16), disclosed_to_person=True)
    html = as_user(social_worker).get(url(fletchers["amy"])).content.decode()
    assert "There is a warning about risks to workers" in html
    assert "Two-worker decision needed" in html


def test_r_two_2_on_the_childs_page_a_warning_on_kerry_counts_and_one_on_her_mother_does_not(
        as_user, fletchers, social_worker):
    """The person page reads the family's worker-safety warnings once for its banner (the
    wider family: relatives' relatives too) and the two-worker standing reuses that read
    (issue 14): a warning on Amy's grandmother is shown in the banner but is not one of the
    R-TWO-2 criteria, which look at the children and their parents; one on Kerry is."""
    mum, amy = fletchers["mum"], fletchers["amy"]
    nan = people.do_create_person(acting_user=social_worker, given_name="Maureen",
                                  family_name="Fletcher", date_of_birth=date(1962, 3, 3),
                                  sex="F", ethnicity="WBRI")
    people.do_add_relationship(nan, mum, acting_user=social_worker, kind="mother",
                               parental_responsibility=False)
    do_add_warning(acting_user=social_worker, person=nan, kind="animals",
                   what_happened="A dog that bites.", source="Sam's visit",
                   occurred_on=timezone.localdate(), disclosed_to_person=True)
    sam = as_user(social_worker)
    html = sam.get(f"/people/{amy.pk}").content.decode()
    assert "A dog that bites." in html  # the banner: the wider family
    assert "Two-worker decision needed" not in html
    do_add_warning(acting_user=social_worker, person=mum, kind="animals",
                   what_happened="Two large dogs let loose at the door.", source="Sam's visit",
                   occurred_on=timezone.localdate(), disclosed_to_person=True)
    html = sam.get(f"/people/{amy.pk}").content.decode()
    assert "Two-worker decision needed" in html
    assert "There is a warning about risks to workers" in html


def test_children_the_reader_may_not_open_count_but_are_not_named(
        as_user, four_on_plans, social_worker, service_manager):
    people.do_set_restricted(four_on_plans["max"], acting_user=service_manager,
                             restricted=True, reason="Adoption placement")
    html = as_user(social_worker).get(url(four_on_plans["jack"])).content.decode()
    assert "4 children in the family are subject to child protection plans" in html
    assert "1 other child whose record you cannot open" in html
    assert "Max Fletcher" not in html


# --- {% two_worker_status person %} -----------------------------------------------------------

def render_status(user, person) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load protection_twoworkers %}{% two_worker_status person %}").render(
        Context({"request": request, "person": person}))


def test_the_status_tag_says_a_decision_is_needed_then_what_was_decided(
        four_on_plans, social_worker, team_manager, as_user, police_partner):
    jack = four_on_plans["jack"]
    needed = render_status(social_worker, jack)
    assert "Two-worker decision needed" in needed and f'href="{url(jack)}"' in needed
    assert "4 children in the family are subject to child protection plans" in needed
    assert render_status(police_partner, jack) == ""  # no protection.view
    decide(as_user(team_manager), jack)
    decided = render_status(social_worker, four_on_plans["lily"])
    assert "Two-worker decision needed" not in decided
    assert "Two workers are allocated" in decided and "17 Nov 2026" in decided


def test_the_status_tag_is_empty_for_a_family_not_meeting_the_criteria(fletchers,
                                                                         social_worker):
    assert render_status(social_worker, fletchers["jack"]) == ""


def test_the_status_tag_takes_the_same_queries_for_a_bigger_family(fletchers, social_worker,
                                                                   north, plan_for):
    """Cheap enough for the person page: the query count does not grow with the family."""
    plan_for(fletchers["jack"])
    with CaptureQueriesContext(connection) as small:
        render_status(social_worker, fletchers["jack"])
    for n in range(6):
        plan_for(add_child(fletchers, f"Kid{n}", date(2018, 1, n + 1), by=social_worker,
                           team=north))
    with CaptureQueriesContext(connection) as big:
        assert "7 children" in render_status(social_worker, fletchers["jack"])
    assert len(big) == len(small) <= 10


def test_a_parents_page_shows_her_childrens_family(fletchers, social_worker, team_manager,
                                                   as_user, plan_for):
    """Kerry's own page: her children's family (not her own parents' and siblings')."""
    gran = people.do_create_person(acting_user=social_worker, given_name="Pat",
                                   family_name="Fletcher", date_of_birth=date(1960, 1, 1))
    aunt = people.do_create_person(acting_user=social_worker, given_name="Zoe",
                                   family_name="Fletcher", date_of_birth=date(1992, 1, 1))
    for child in (fletchers["mum"], aunt):
        people.do_add_relationship(gran, child, acting_user=social_worker, kind="mother")
    html = as_user(team_manager).get(url(fletchers["mum"])).content.decode()
    assert "Jack Fletcher" in html and "Amy Fletcher" in html
    assert "Zoe Fletcher" not in html
