"""The chronology as a registration point (R-CHR-1, R-CHR-2; issue 12): every app that
contributes events registers its source from its AppConfig, the chronology imports none of
them, and where an event links to is registered with it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hearth.assessments.models import Assessment
from hearth.chronology import actions
from hearth.chronology.models import Event
from hearth.chronology.queries import link_of
from hearth.chronology.rules import Link, Spec, on_day
from hearth.engagement.models import EngagementEvent
from hearth.frontdoor.models import Contact
from hearth.incidents.models import Incident
from hearth.people.models import HouseholdMembership, PersonAddress
from hearth.protection.models import Conference
from hearth.records.models import CaseNote
from hearth.visits.models import Visit

LONDON = ZoneInfo("Europe/London")


def test_r_chr_1_every_app_registers_its_own_source():
    registered = {source.model: source.origin for source in actions.sources()}
    assert registered[Contact] == "contact"
    assert registered[Assessment] == "assessment"
    assert registered[Visit] == "visit"
    assert registered[CaseNote] == "case_note"
    assert registered[PersonAddress] == "address"
    assert registered[HouseholdMembership] == "membership"
    assert registered[EngagementEvent] == "engagement"
    assert registered[Incident] == "incident"
    assert registered[Conference] == "cp_conference"


def test_registering_twice_keeps_the_first_source_and_link():
    first = next(s for s in actions.sources() if s.model is Visit)
    actions.register(Visit, "other", lambda record: [], Visit.objects.none,
                     link=Link("elsewhere", "id"))
    assert next(s for s in actions.sources() if s.model is Visit) == first
    assert actions.link_for("visit") == Link("visits:detail", "visit_id")


def test_a_record_nobody_registered_is_refused_loudly():
    with pytest.raises(LookupError, match="No chronology source is registered"):
        actions.sync(Event())


@pytest.mark.django_db
def test_r_chr_2_links_come_from_the_registrations(fletchers, social_worker):
    jack = fletchers["jack"]
    when = datetime(2026, 11, 16, 10, 0, tzinfo=LONDON)
    visit = Event(pk=7, person=jack, origin="visit", origin_id="42", occurred_at=when)
    assert link_of(visit) == "/visits/42"
    involvement = Event(pk=8, person=jack, origin="involvement", origin_id="3",
                        occurred_at=when)
    assert link_of(involvement) == f"/people/{jack.pk}/family"
    hand = Event(pk=9, person=jack, origin="manual", occurred_at=when)
    assert link_of(hand) == "/chronology/9"
    assert link_of(Event(pk=10, person=jack, origin="nobody", occurred_at=when)) is None


@pytest.mark.django_db
def test_rebuild_keeps_events_no_source_derives(fletchers, social_worker):
    """Appended events (casework's) and hand entries are never deleted by a rebuild, even
    when their app did not register where they link to."""
    jack, today = fletchers["jack"], timezone.localdate()
    actions.append(Spec(jack.pk, "allocated", on_day(today - timedelta(days=6)),
                        "Allocated to Sam"), origin="involvement", origin_id="1")
    actions.append(Spec(jack.pk, "other", on_day(today - timedelta(days=5)), "Unknown origin"),
                   origin="retired_app", origin_id="1")
    actions.rebuild([jack.pk])
    assert set(Event.objects.filter(person=jack).values_list("origin", flat=True)) >= {
        "involvement", "retired_app"}
