"""Issue 15, "The child at a glance": one header on every page about a child — name, age, the
statuses that matter (a child protection plan since …, category; child in need; restricted
record), who the child is allocated to and the next thing due — under the worker-safety
warnings; the person page ordered by what a worker needs; and the outline plan (what must
change) on the plan, the core group page and the family's PDF (R-CP-2, R-CP-3).

The clock stands at Tuesday 17 November 2026 (``tests/protection/conftest.py``); Jack's ICPC
was the day before."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from hearth.casework.models import Involvement
from hearth.core.due import describe
from hearth.people import actions as people
from hearth.protection import models as m
from hearth.protection.codes import ConferenceDecision, ConferenceKind
from tests.people.test_record_reads import PERSON_PAGE_QUERIES

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's words, without its markup, spaces run together."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def header(response) -> str:
    html = response.content.decode()
    start = html.index('id="child-header"')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:html.index("</section>",
                                                                          start)]))


def long_date(d: date) -> str:
    return date_format(d, "j F Y")


def test_r_cp_2_after_the_icpc_sam_sees_jack_is_on_a_plan_on_his_page_and_chronology(
        fletchers, social_worker, plan_for, as_user):
    jack = fletchers["jack"]
    plan = plan_for(jack, category="NEG")
    sam = as_user(social_worker)
    expected = f"Child protection plan since {long_date(plan.start_on)}, category Neglect"
    for url in (f"/people/{jack.pk}", f"/people/{jack.pk}/chronology",
                f"/people/{jack.pk}/visits", f"/people/{jack.pk}/notes",
                f"/people/{jack.pk}/protection", f"/cp-plans/{plan.pk}"):
        response = sam.get(url)
        assert response.status_code == 200, url
        seen = header(response)
        assert expected in seen, url
        assert "Jack Fletcher" in seen
        assert "Sam" in seen and "Family Help North" in seen  # allocated worker and team
    # The plan says more than "child in need": only the plan is shown.
    assert "Child in need" not in header(sam.get(f"/people/{jack.pk}"))


def test_the_header_comes_under_the_worker_safety_warnings_and_names_the_age(
        fletchers, social_worker, as_user):
    from hearth.safety.actions.warnings import do_add_warning

    jack = fletchers["jack"]
    do_add_warning(acting_user=social_worker, person=jack, kind="animals",
                   what_happened="A large dog loose in the garden", source="Sam's visit",
                   occurred_on=date(2026, 10, 2), disclosed_to_person=True)
    html = as_user(social_worker).get(f"/people/{jack.pk}").content.decode()
    assert html.index("A large dog") < html.index('id="child-header"')
    today = timezone.localdate()
    born = jack.date_of_birth
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    assert f"Age {years}" in html


def test_a_restricted_record_says_so_in_the_header(fletchers, social_worker, as_user):
    amy = fletchers["amy"]
    people.do_set_restricted(amy, acting_user=social_worker, restricted=True,
                             reason="Amy's father must not learn where she lives.")
    assert "Restricted record" in header(as_user(social_worker).get(f"/people/{amy.pk}"))


def test_a_child_in_need_shows_it_until_a_plan_says_more(fletchers, social_worker, north,
                                                         plan_for, as_user):
    amy = fletchers["amy"]
    Involvement.objects.filter(person=amy).update(primary_need="N1")
    sam = as_user(social_worker)
    seen = header(sam.get(f"/people/{amy.pk}"))
    assert "Child in need open since 1 October 2026, abuse or neglect" in seen
    plan_for(amy)
    seen = header(sam.get(f"/people/{amy.pk}"))
    assert "Child in need" not in seen and "Child protection plan since" in seen


def test_the_next_due_item_shows_with_its_link(fletchers, social_worker, plan_for, as_user):
    jack = fletchers["jack"]
    plan = plan_for(jack)
    sam = as_user(social_worker)
    page = sam.get(f"/people/{jack.pk}/chronology").content.decode()
    # The header asks for it once the page has loaded (issue 14: half the page's time).
    assert f'hx-get="/people/{jack.pk}/next-due" hx-trigger="load"' in page
    fragment = sam.get(f"/people/{jack.pk}/next-due", headers={"HX-Request": "true"})
    seen_html = fragment.content.decode()
    today = timezone.localdate()
    assert f'href="/cp-plans/{plan.pk}/core-group/meetings/new"' in seen_html
    seen = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", seen_html))
    assert (f"First core group meeting : {describe(plan.first_core_group_due, today)} "
            f"({long_date(plan.first_core_group_due)})") in seen
    # Without JavaScript, the link in the header is a page of its own.
    whole = sam.get(f"/people/{jack.pk}/next-due").content.decode()
    assert "Next due in your work" in whole and "First core group meeting" in whole


def test_nothing_due_says_so(fletchers, social_worker, as_user):
    seen = as_user(social_worker).get(f"/people/{fletchers['amy'].pk}/next-due",
                                      headers={"HX-Request": "true"}).content.decode()
    assert "Nothing due in your work" in seen


def test_olly_still_gets_404_for_jacks_pages(fletchers, outsider, plan_for, as_user):
    jack = fletchers["jack"]
    plan = plan_for(jack)
    olly = as_user(outsider)
    for url in (f"/people/{jack.pk}", f"/people/{jack.pk}/chronology", f"/cp-plans/{plan.pk}",
                f"/people/{jack.pk}/next-due"):
        assert olly.get(url).status_code == 404, url


def test_the_person_page_leads_with_the_plan_then_events_then_people_and_groups_actions(
        fletchers, social_worker, plan_for, as_user):
    jack = fletchers["jack"]
    plan_for(jack)
    html = as_user(social_worker).get(f"/people/{jack.pk}").content.decode()
    order = [html.index(marker) for marker in (
        'id="child-header"', 'id="current-plan"', 'id="recent-events"', ">Relationships<",
        ">Details<")]
    assert order == sorted(order)
    for group in ("Record", "Plan and protect", "Family and people", "Records and access"):
        assert f">{group}</h3>" in html
    assert "Outline plan" in html  # what must change, from the ICPC


def review(plan, by, *, held_on, changes):
    return m.Conference.objects.create(
        person=plan.person, kind=ConferenceKind.RCPC, plan=plan, held_on=held_on,
        chair_name="Chris Chair", held=True, decision=ConferenceDecision.CONTINUE,
        minutes="Minutes", outline_plan=changes, arranged_by=by, arranged_at=timezone.now(),
        recorded_by=by, recorded_at=timezone.now())


def test_r_cp_3_the_outline_plan_is_on_the_plan_the_core_group_page_and_the_familys_pdf(
        fletchers, social_worker, plan_for, as_user, monkeypatch):
    import weasyprint

    jack = fletchers["jack"]
    plan = plan_for(jack)
    m.Conference.objects.filter(pk=plan.conference_id).update(
        outline_plan="Kerry keeps Jack away from the man who hurt him.")
    review(plan, social_worker, held_on=date(2026, 11, 17),
           changes="Jack goes to school every day.")
    printed = []
    real = weasyprint.HTML

    def keep(*, string):
        printed.append(string)
        return real(string=string)

    monkeypatch.setattr(weasyprint, "HTML", keep)
    sam = as_user(social_worker)
    pages = [text(sam.get(f"/cp-plans/{plan.pk}")),
             text(sam.get(f"/cp-plans/{plan.pk}/core-group"))]
    assert sam.get(f"/cp-plans/{plan.pk}/core-group.pdf").status_code == 200
    pages.append(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", printed[0])))
    for page in pages:
        assert "What must change: the outline plan" in page
        assert "Kerry keeps Jack away from the man who hurt him." in page
        assert "Jack goes to school every day." in page
        assert page.index("Kerry keeps Jack") < page.index("Jack goes to school")


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_header_costs_the_same_however_many_children_sam_has_on_plans(
        fletchers, social_worker, north, plan_for, as_user):
    """Issue 14's ceiling holds with a plan and its due work, and the header's cost does not
    grow with Sam's caseload: the next due item is asked of one child only."""
    jack = fletchers["jack"]
    plan_for(jack)
    sam = as_user(social_worker)
    urls = (f"/people/{jack.pk}", f"/people/{jack.pk}/chronology")
    few = [count(sam, url) for url in urls]
    assert few[0] <= PERSON_PAGE_QUERIES
    for i in range(6):
        child = people.do_create_person(acting_user=social_worker, given_name=f"Child{i}",
                                        family_name="Fletcher", date_of_birth=date(2018, 1, 1))
        Involvement.objects.create(person=child, team=north, worker=social_worker,
                                   opened_on=date(2026, 1, 1))
        plan_for(child)
    assert [count(sam, url) for url in urls] == few
