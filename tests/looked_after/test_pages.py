"""The looked-after pages (issue 17): Sam records from the person page that Jack became looked
after (a bad legal status and a missing URN are named, nothing written), moves him, and
Jack's person page says first and plainly that he is looked after, where, under what legal
status; the looked-after page lists the episodes in SSDA903 terms; a stale move is 409. Tina's
children-in-care dashboard takes the same queries for one child or several (R-CLA-7)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.looked_after.models import CarePeriod, Episode
from hearth.looked_after.queries.dashboard import FIGURES, Figure
from tests.conftest import add_child
from tests.looked_after.periods_helpers import ago, move, start

pytestmark = pytest.mark.django_db


def form(**overrides) -> dict:
    return {"started_on": ago(30).strftime("%d/%m/%Y"), "legal_status": "V2",
            "category_of_need": "N1", "home_postcode": "PO1 2CD", "entered_from": "other",
            "placement_type": "U6", "provider": "PR1", "provider_name": "Hearth Fostering",
            "urn": "SC765432", "address": "4 Elm Road", "postcode": "PO4 0AB", **overrides}


def test_sam_records_jack_became_looked_after_and_his_page_says_so(as_user, social_worker,
                                                                   fletchers):
    jack, sam = fletchers["jack"], as_user(social_worker)
    person = sam.get(reverse("web:person", args=[jack.pk])).content.decode()
    assert "Record that the child became looked after" in person
    url = reverse("looked_after:start", args=[jack.pk]) + "?from=other"
    bad = sam.post(url, form(legal_status="Q1", urn=""))
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "The legal status &#x27;Q1&#x27; is not an SSDA903 code" in page
    assert "Enter the Ofsted URN" in page
    assert not CarePeriod.objects.exists()
    assert sam.post(url, form()).status_code == 302
    page = sam.get(reverse("web:person", args=[jack.pk])).content.decode()
    assert "Jack is looked after, since" in page and "4 Elm Road" in page
    assert "V2: Single period of accommodation under section 20" in page
    change = reverse("looked_after:change", args=[jack.pk])
    moved = {"version": 1, "changed_on": ago(5).strftime("%d/%m/%Y"), "legal_status": "V2",
             "moved": "on", "reason_changed": "CREQO", "placement_type": "U4",
             "provider": "PR4", "provider_name": "Oak Fostering", "urn": "SC222222",
             "address": "7 Oak Way", "postcode": "PO6 1AA"}
    assert sam.post(change, moved).status_code == 302
    stale = sam.post(change, {**moved, "legal_status": "C2"})
    assert stale.status_code == 409 and Episode.objects.count() == 2
    looked_after = sam.get(reverse("looked_after:child", args=[jack.pk])).content.decode()
    assert "DECOM" in looked_after and "CREQO" in looked_after and "7 Oak Way" in looked_after


def test_the_dashboard_counts_in_constant_queries(as_user, social_worker, team_manager,
                                                  fletchers, north):
    def extra(user, children):
        return [Figure("Reviews due", children.count(), overdue=0)]

    FIGURES.register(extra)
    try:
        tina = as_user(team_manager)
        url = reverse("looked_after:dashboard")
        period = start(fletchers["jack"], social_worker, days=1200)
        move(period, social_worker, days=100)
        with CaptureQueriesContext(connection) as one:
            page = tina.get(url)
        assert page.status_code == 200
        for n in range(3):
            child = add_child(fletchers["mum"], f"Child{n}", ago(3000), by=social_worker,
                              team=north)
            start(child, social_worker, legal_status=["C2", "E1", "V2"][n])
        with CaptureQueriesContext(connection) as four:
            page = tina.get(url).content.decode()
        assert len(four) == len(one)
        assert "Reviews due" in page and "C2: Full care order" in page
        assert "0 of 1" in page  # Jack: in care 3 years, moved 100 days ago (R-CLA-7)
        assert '<p class="govuk-body" id="total">4 children in care.</p>' in page
    finally:
        FIGURES._items.remove(extra)


def test_from_the_conference_that_decided_it_sam_records_jack_became_looked_after(
        as_user, social_worker, fletchers):
    """The conference's page offers "Record that Jack … became looked after"; the period names
    the conference it started from; once Jack is looked after the page offers it no more."""
    from django.utils import timezone

    from hearth.protection.models import Conference

    jack, sam = fletchers["jack"], as_user(social_worker)
    now = timezone.now()
    icpc = Conference.objects.create(
        person=jack, kind="icpc", held_on=ago(2), chair_name="Chris Chair", held=True,
        decision="plan", category="NEG", minutes="Minutes", outline_plan="Outline",
        arranged_by=social_worker, arranged_at=now, recorded_by=social_worker, recorded_at=now)
    page = sam.get(reverse("protection:conference", args=[icpc.pk])).content.decode()
    link = reverse("looked_after:start", args=[jack.pk]) + f"?from=conference:{icpc.pk}"
    assert f"Record that {jack.display_name} became looked after" in page and link in page
    assert sam.post(link, form(entered_from="conference",
                               entered_from_ref=f"conference:{icpc.pk}")).status_code == 302
    period = CarePeriod.objects.get(child=jack)
    assert (period.entered_from, period.entered_from_ref) == ("conference",
                                                              f"conference:{icpc.pk}")
    page = sam.get(reverse("protection:conference", args=[icpc.pk])).content.decode()
    assert link not in page
