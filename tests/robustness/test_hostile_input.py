"""Issue 13 item 2: the next input that breaks Hearth is found by the suite, not by a user.

Hypothesis sends hostile text (NUL, lone surrogates, control and right-to-left characters,
very long strings), dates and times (year 1, year 9999, offsets beyond ±14:00, nonsense) and
numbers to a representative set of API operations and page forms, as Sam the social worker
(and Fran at the front door for contacts). Whatever it sends: never a 5xx, and a refusal
writes nothing (every Hearth table has the rows it had). Small ``max_examples`` keep it to a
few seconds; it runs on SQLite and PostgreSQL with the rest of the suite."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.conftest import an_hour_ago, contact_body, rows

pytestmark = [pytest.mark.django_db]

FAST = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

HOSTILE_CHARS = st.sampled_from(["\x00", "\ud800", "\udfff", "\u202e", "\x1b", "\r\n", "'",
                                 '"', "<script>", "=HYPERLINK(", "%00", "\\", "🙂", "\ufeff"])
#: Text: mostly hostile characters, sometimes ordinary words, sometimes very long.
TEXT = st.one_of(
    st.lists(st.one_of(HOSTILE_CHARS, st.text(max_size=5)), max_size=6).map("".join),
    st.text(max_size=30),
    st.just("x" * 25000),
)
OFFSETS = st.integers(min_value=-26 * 60, max_value=26 * 60).map(
    lambda m: f"{'+' if m >= 0 else '-'}{abs(m) // 60:02d}:{abs(m) % 60:02d}")
YEARS = st.sampled_from([1, 2, 999, 1899, 1900, 1970, 2016, 2026, 2199, 2200, 9999])
DATES = st.one_of(
    st.builds(lambda y, d: (date(y, 1, 1) + timedelta(days=d)).isoformat()
              if y < 9999 else "9999-12-31", YEARS, st.integers(0, 364)),
    st.sampled_from(["", "not a date", "2026-02-30", "2026-13-01", "31/12/9999", "\x00"]),
)
DATETIMES = st.one_of(
    st.builds(lambda d, o: f"{d}T12:00:00{o}" if len(d) == 10 and d[4] == "-" else d,
              DATES, OFFSETS),
    # Hypothesis takes naive bounds and adds the zones itself.
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),  # noqa: DTZ001
                 timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)),
                                            timezone(timedelta(hours=-12))]))
    .map(lambda d: d.isoformat()),
)
NUMBERS = st.one_of(st.integers(), st.just(10 ** 20), st.sampled_from(["1", "-1", "1e400", ""]))


def no_5xx_and_nothing_half_written(response, before: dict[str, int]) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        assert rows() == before, response.content[:500]


@FAST
@given(place=TEXT, words=TEXT, occurred_at=DATETIMES)
def test_case_notes_api(api, social_worker, fletchers, place, words, occurred_at):
    sam = api(social_worker)
    before = rows()
    response = sam("POST", "/api/v1/notes", {
        "person_id": str(fletchers["jack"].pk), "occurred_at": occurred_at, "place": place,
        "who_said_what": words})
    no_5xx_and_nothing_half_written(response, before)


@FAST
@given(change=st.fixed_dictionaries({}, optional={
    "given_name": TEXT, "middle_names": TEXT, "date_of_birth": DATES,
    "date_of_death": DATES, "expected_date_of_birth": DATES,
    "disabilities": st.one_of(st.none(), st.lists(TEXT, max_size=2)),
    "sex": st.one_of(st.none(), TEXT), "interpreter_needed": st.one_of(st.none(), NUMBERS)}))
def test_people_api(api, social_worker, fletchers, change):
    jack = fletchers["jack"]
    sam = api(social_worker)
    etag = sam("GET", f"/api/v1/people/{jack.pk}")["ETag"]
    before = rows()
    response = sam("PATCH", f"/api/v1/people/{jack.pk}", change, **{"If-Match": etag})
    no_5xx_and_nothing_half_written(response, before)


@FAST
@given(occurred_on=DATES, summary=TEXT, agency=TEXT, date_to=DATES, page=NUMBERS)
def test_chronology_api(api, social_worker, fletchers, occurred_on, summary, agency, date_to,
                        page):
    jack = fletchers["jack"]
    sam = api(social_worker)
    before = rows()
    response = sam("POST", f"/api/v1/people/{jack.pk}/chronology", {
        "kind": "school_change", "occurred_on": occurred_on, "summary": summary,
        "source_agency": agency})
    no_5xx_and_nothing_half_written(response, before)
    listed = sam("GET", f"/api/v1/people/{jack.pk}/chronology?date_to={date_to}&page={page}")
    assert listed.status_code < 500, listed.content[:500]


@FAST
@given(received_at=DATETIMES, worries=TEXT, caller=TEXT)
def test_contacts_api(api, front_door, fletchers, received_at, worries, caller):
    fran = api(front_door)
    before = rows()
    response = fran("POST", "/api/v1/contacts", {
        **contact_body(fletchers), "received_at": received_at, "worries": worries,
        "caller_name": caller})
    no_5xx_and_nothing_half_written(response, before)


@FAST
@given(occurred_at=DATETIMES, account=TEXT, agency=TEXT)
def test_engagement_api(api, social_worker, fletchers, occurred_at, account, agency):
    sam = api(social_worker)
    before = rows()
    response = sam("POST", f"/api/v1/engagement/people/{fletchers['jack'].pk}/events",
                   {"kind": "no_answer", "occurred_at": occurred_at, "account": account,
                    "agency": agency})
    no_5xx_and_nothing_half_written(response, before)


#: Pages read UTF-8 with errors replaced, so lone surrogates cannot arrive from a browser.
PAGE_TEXT = TEXT.map(lambda s: s.encode("utf-8", "replace").decode("utf-8"))
PAGE_DATES = st.one_of(DATES, st.sampled_from(["01/01/0001", "31/12/9999", "14/09/1850"]))
PAGE_DATETIMES = st.one_of(DATETIMES.map(lambda s: s.replace("T", " ")[:16]),
                           st.sampled_from(["01/01/0001 00:00", "31/12/9999 23:59",
                                            "01/01/1900 00:00 GMT"]))


@FAST
@given(occurred_at=PAGE_DATETIMES, place=PAGE_TEXT, words=PAGE_TEXT)
def test_case_note_page(as_user, social_worker, fletchers, occurred_at, place, words):
    sam = as_user(social_worker)
    before = rows()
    page = sam.post(f"/people/{fletchers['jack'].pk}/notes/new", {
        "occurred_at": occurred_at, "place": place, "who_said_what": words})
    no_5xx_and_nothing_half_written(page, before)


@FAST
@given(given_name=PAGE_TEXT, born=PAGE_DATES)
def test_person_page(as_user, social_worker, fletchers, given_name, born):
    jack = fletchers["jack"]
    jack.refresh_from_db()
    sam = as_user(social_worker)
    before = rows()
    page = sam.post(f"/people/{jack.pk}/edit", {
        "given_name": given_name, "family_name": "Fletcher", "date_of_birth": born,
        "sex": "M", "ethnicity": "WBRI", "version": jack.version})
    no_5xx_and_nothing_half_written(page, before)


@FAST
@given(occurred_on=PAGE_DATES, summary=PAGE_TEXT, date_to=PAGE_DATES, page_no=NUMBERS)
def test_chronology_pages(as_user, social_worker, fletchers, occurred_on, summary, date_to,
                          page_no):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    before = rows()
    page = sam.post(f"/people/{jack.pk}/chronology/new", {
        "kind": "school_change", "occurred_on": occurred_on, "summary": summary,
        "source_agency": "Education"})
    no_5xx_and_nothing_half_written(page, before)
    listed = sam.get(f"/people/{jack.pk}/chronology", {"to": date_to, "page": page_no})
    assert listed.status_code < 500


def test_a_sensible_note_still_goes_in(api, social_worker, fletchers):
    response = api(social_worker)("POST", "/api/v1/notes", {
        "person_id": str(fletchers["jack"].pk), "occurred_at": an_hour_ago(),
        "place": "Home", "who_said_what": "Kerry said hello."})
    assert response.status_code == 201, response.content
