"""Risks to workers in plain sight (R-SAFE-1): a warning on a person or an address is the first
thing on every page about them, their address or their family, in search results, on the
visit form and in the API; a manager (never its author) signs it off; expired warnings prompt
review rather than vanish; the workers and partner agencies involved are told."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Notification, Team
from hearth.casework.models import Involvement, InvolvementWorker
from hearth.core.refusals import Refused as WarningRefused
from hearth.people import actions as people
from hearth.records.actions.notes import do_write_note
from hearth.safety.actions.warnings import (
    do_end_warning,
    do_review_warning,
    do_sign_off_warning,
)
from hearth.safety.models import WorkerWarning
from hearth.safety.queries.warnings import found_for, warnings_for
from hearth.visits.actions import do_record_visit
from tests.conftest import make_user
from tests.safety.warning_helpers import LONDON, NOW, banner, banner_first, form, warn

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def other_manager(north):
    return make_user("tom", Role.TEAM_MANAGER, team=north, first="Tom", last="Manager")


def _pages_about_jack(fletchers, user) -> dict[str, str]:
    jack = fletchers["jack"]
    visit = do_record_visit(jack, acting_user=user, kind="planned", place="Home",
                            child_seen=True, outcome="completed",
                            starts_at=datetime(2026, 11, 16, 10, 0, tzinfo=LONDON))
    note = do_write_note(jack, acting_user=user, place="Home",
                         occurred_at=datetime(2026, 11, 16, 11, 0, tzinfo=LONDON),
                         who_said_what="Jack said he slept well")
    return {"Jack's page": f"/people/{jack.pk}", "a visit page": f"/visits/{visit.pk}",
            "the record-a-visit form": f"/people/{jack.pk}/visits/new",
            "a case note page": f"/notes/{note.pk}",
            "the chronology page": f"/people/{jack.pk}/chronology",
            "the family page": f"/people/{jack.pk}/family",
            "Amy's page (Jack's sister)": f"/people/{fletchers['amy'].pk}",
            "Kerry's page (their mother)": f"/people/{fletchers['mum'].pk}"}


def test_R_SAFE_1_sam_raises_a_warning_on_jack_and_it_is_first_on_every_page_of_the_family(
        fletchers, social_worker, as_user):
    """The warning is on Jack; his sister's and his mother's pages show it too ("any case
    they are part of"), before anything else on the page."""
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    assert sam.get(f"/people/{jack.pk}/warnings/new").status_code == 200
    response = sam.post(f"/people/{jack.pk}/warnings/new", form(
        what_happened="Jack's father threatened to stab the next social worker"))
    warning = WorkerWarning.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/warnings/{warning.pk}"
    assert warning.person == jack and warning.kind == "threats" and warning.recorded_by == \
        social_worker and warning.status == "awaiting_sign_off"
    assert warning.source == "Police PNC check, 12/11/2026"
    assert not warning.disclosed_to_person and warning.requires_joint_visit
    assert warning.review_on == date(2027, 5, 16)  # six months unless the worker says
    assert AuditEntry.objects.filter(action="safety.warning_add", object_id=str(jack.pk)).exists()

    for name, url in _pages_about_jack(fletchers, social_worker).items():
        html = sam.get(url).content.decode()
        assert banner_first(html), f"the warning is not first on {name}"
        text = banner(html)
        assert "Threats" in text and "Jack's father threatened to stab" in text, name
        assert "Police PNC check, 12/11/2026" in text and "12 November 2026" in text, name
        assert "Visits need two workers" in text and "Awaiting sign-off" in text, name
        assert f'href="/warnings/{warning.pk}"' in html, name


def test_R_SAFE_1_the_person_page_links_to_raising_warnings_and_planning_a_visit(
        fletchers, social_worker, as_user):
    kerry = fletchers["mum"]
    people.do_add_address(kerry, acting_user=social_worker, line1="12 Acacia Road",
                          postcode="SO14 2AB", start_date=date(2020, 1, 1))
    html = as_user(social_worker).get(f"/people/{kerry.pk}").content.decode()
    assert "No warnings about risks to workers are recorded for this person" in html
    assert f"/people/{kerry.pk}/warnings/new" in html
    assert f"/people/{kerry.pk}/address-warnings/new" in html and "12 Acacia Road" in html
    assert f"/people/{kerry.pk}/visit-plans/new" in html
    assert 'id="worker-safety"' not in html  # no banner without a warning


def test_R_SAFE_1_an_address_warning_shows_for_the_family_that_lives_there(
        fletchers, social_worker, as_user):
    """Kerry and Jack live at 12 Acacia Road (recorded twice, spelt differently); Amy has
    moved out. A warning about the address shows on Kerry's and Jack's pages, and on Amy's
    as her family's."""
    kerry, jack, amy = fletchers["mum"], fletchers["jack"], fletchers["amy"]
    people.do_add_address(kerry, acting_user=social_worker, line1="12 Acacia Road",
                          postcode="SO14 2AB", start_date=date(2020, 1, 1))
    people.do_add_address(jack, acting_user=social_worker, line1="12 ACACIA ROAD ",
                          postcode="so142ab", start_date=date(2020, 1, 1))
    people.do_add_address(amy, acting_user=social_worker, line1="12 Acacia Road",
                          postcode="SO14 2AB", start_date=date(2020, 1, 1),
                          end_date=date(2026, 1, 1))
    sam = as_user(social_worker)
    response = sam.post(f"/people/{kerry.pk}/address-warnings/new", form(
        kind="animals", what_happened="Two loose dogs in the garden", disclosed_to_person="yes",
        not_disclosed_reason="", requires_joint_visit=""))
    warning = WorkerWarning.objects.get()
    assert response.status_code == 302
    assert warning.person is None and warning.address.line1 == "12 Acacia Road"
    jack_page = sam.get(f"/people/{jack.pk}").content.decode()
    assert banner_first(jack_page)
    assert "Dogs or other animals" in banner(jack_page)
    assert "12 Acacia Road" in banner(jack_page) and "where" in banner(jack_page)
    amy_page = banner(sam.get(f"/people/{amy.pk}").content.decode())
    assert "In the family" in amy_page and "Two loose dogs" in amy_page
    assert list(warnings_for([jack.pk])) == [warning]
    assert list(warnings_for([amy.pk])) == []  # she no longer lives there


def test_R_SAFE_1_fran_sees_the_warning_in_search_results_without_a_query_per_row(
        fletchers, social_worker, front_door, as_user):
    warn(social_worker, person=fletchers["mum"], joint=True)
    fran = as_user(front_door)

    def search() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            response = fran.post("/people/search", {"name": "Fletcher"})
        assert response.status_code == 200
        return response.content.decode(), len(queries)

    html, few = search()
    rows = {name: html[html.index(f">{name}</a>"):][:900] for name in
            ("Kerry Fletcher", "Jack Fletcher", "Amy Fletcher")}
    assert "Worker safety: Violence" in rows["Kerry Fletcher"]
    assert "in the family" not in rows["Kerry Fletcher"].split("</td>")[0]
    assert "Worker safety: Violence" in rows["Jack Fletcher"].split("</td>")[0]
    assert "in the family" in rows["Jack Fletcher"].split("</td>")[0]
    for n in range(4):
        child = people.do_create_person(acting_user=social_worker, given_name=f"Kid{n}",
                                        family_name="Fletcher", date_of_birth=date(2018, 1, n + 1))
        people.do_add_relationship(fletchers["mum"], child, acting_user=social_worker,
                                   kind="mother")
        warn(social_worker, person=child)
    html, more = search()
    assert html.count("Worker safety: Violence") > 3
    assert more == few


def test_R_SAFE_1_the_api_gives_the_warnings_with_the_person(fletchers, social_worker, client):
    """GET /api/v1/people/{id}: Kerry's warning is on Jack as his family's."""
    warning = warn(social_worker, person=fletchers["mum"], joint=True)
    token = do_create_token(social_worker)
    response = client.get(f"/api/v1/people/{fletchers['jack'].pk}",
                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    [given] = response.json()["worker_safety_warnings"]
    assert given["id"] == warning.pk and given["kind"] == "violence"
    assert given["in_family"] and not given["redacted"] and given["requires_joint_visit"]
    assert given["source"] == "Sam Worker, witnessed" and given["occurred_on"] == "2026-11-10"
    assert given["person_id"] == str(fletchers["mum"].pk)
    assert given["status"] == "awaiting_sign_off" and given["review_due"] is False
    mum = client.get(f"/api/v1/people/{fletchers['mum'].pk}",
                     headers={"Authorization": f"Bearer {token}"}).json()
    assert mum["worker_safety_warnings"][0]["in_family"] is False


def test_R_SAFE_1_a_warning_about_someone_sam_may_not_see_is_shown_without_its_details(
        fletchers, social_worker, team_manager, as_user):
    """Jack's father's record is restricted: Sam is told there is a risk, not what it is."""
    dad = people.do_create_person(acting_user=team_manager, given_name="Dean",
                                  family_name="Price", restricted=True)
    people.do_add_relationship(dad, fletchers["jack"], acting_user=team_manager, kind="father")
    warn(team_manager, person=dad, kind="weapons", what_happened="Keeps a knife by the door",
         joint=True)
    text = banner(as_user(social_worker).get(f"/people/{fletchers['jack'].pk}").content.decode())
    assert "Weapons" in text and "someone in this family whose record you cannot open" in text
    assert "knife" not in text and "Dean" not in text


def test_R_SAFE_1_a_warning_without_a_source_is_refused_and_nothing_is_written(
        fletchers, social_worker, as_user, client):
    kerry = fletchers["mum"]
    response = as_user(social_worker).post(f"/people/{kerry.pk}/warnings/new", form(source=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and 'href="#id_source"' in html
    assert "Enter where this information came from" in html
    assert "Threatened to stab the next social worker" in html  # the input is kept
    token = do_create_token(social_worker)
    api = client.post("/api/v1/worker-safety-warnings", {
        "person_id": str(kerry.pk), "kind": "threats", "what_happened": "Threats",
        "source": "  ", "occurred_on": "2026-11-12", "disclosed_to_person": True},
        content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 422 and "source" in api.json()["detail"]
    hostile = as_user(social_worker).post(f"/people/{kerry.pk}/warnings/new",
                                          form(kind="hostile_to_profession"))
    assert hostile.status_code == 400 and "Enter which profession" in hostile.content.decode()
    not_told = as_user(social_worker).post(f"/people/{kerry.pk}/warnings/new",
                                           form(not_disclosed_reason=""))
    assert "Say why the person has not been told" in not_told.content.decode()
    assert not WorkerWarning.objects.exists() and not Notification.objects.exists()
    assert not AuditEntry.objects.filter(action="safety.warning_add").exists()


def test_R_SAFE_1_olly_the_outsider_gets_404_everywhere(fletchers, social_worker, outsider,
                                                        as_user, client):
    warning = warn(social_worker, person=fletchers["mum"])
    olly = as_user(outsider)
    assert olly.get(f"/warnings/{warning.pk}").status_code == 404
    assert olly.get(f"/people/{fletchers['mum'].pk}/warnings/new").status_code == 404
    assert olly.post(f"/people/{fletchers['mum'].pk}/warnings/new", form()).status_code == 404
    token = do_create_token(outsider)
    assert client.get(f"/api/v1/worker-safety-warnings/{warning.pk}",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 404
    assert WorkerWarning.objects.count() == 1


def test_R_SAFE_1_a_manager_signs_off_never_the_author(fletchers, social_worker, team_manager,
                                                       other_manager, as_user):
    sams = warn(social_worker, person=fletchers["mum"])
    sam, tina = as_user(social_worker), as_user(team_manager)
    assert sam.post(f"/warnings/{sams.pk}/sign-off", {"version": 1}).status_code == 403
    tinas = warn(team_manager, person=fletchers["jack"])
    refused = tina.post(f"/warnings/{tinas.pk}/sign-off", {"version": 1})
    assert refused.status_code == 403
    assert "You raised this warning: another manager must sign it off" in \
        refused.content.decode()
    tinas.refresh_from_db()
    assert tinas.status == "awaiting_sign_off" and tinas.signed_off_by is None
    with pytest.raises(WarningRefused):
        do_sign_off_warning(tinas, acting_user=team_manager, expected_version=1)
    assert tina.post(f"/warnings/{sams.pk}/sign-off", {"version": 1}).status_code == 302
    assert as_user(other_manager).post(f"/warnings/{tinas.pk}/sign-off",
                                       {"version": 1}).status_code == 302
    sams.refresh_from_db()
    assert sams.status == "active" and sams.signed_off_by == team_manager
    assert Notification.objects.filter(user=social_worker,
                                       subject="Your worker-safety warning was signed off")
    assert "Awaiting sign-off" not in banner(sam.get(f"/people/{fletchers['mum'].pk}")
                                             .content.decode())


def test_R_SAFE_1_two_managers_at_once_the_second_gets_409_and_keeps_their_input(
        fletchers, social_worker, team_manager, other_manager, as_user):
    warning = warn(social_worker, person=fletchers["mum"])
    tina, tom = as_user(team_manager), as_user(other_manager)
    assert tina.post(f"/warnings/{warning.pk}/sign-off", {"version": 1}).status_code == 302
    stale = tom.post(f"/warnings/{warning.pk}/review",
                     {"version": 1, "review_on": "1/2/2027", "note": "Still a risk"})
    assert stale.status_code == 409
    assert "Someone else changed this warning" in stale.content.decode()
    assert "Still a risk" in stale.content.decode()
    assert not warning.reviews.exists()


def test_R_SAFE_1_an_expired_warning_shows_review_due_and_is_on_the_managers_list(
        fletchers, social_worker, team_manager, as_user, time_machine):
    warning = warn(social_worker, person=fletchers["mum"], review_on=date(2026, 12, 1))
    do_sign_off_warning(warning, acting_user=team_manager, expected_version=1)
    tina = as_user(team_manager)
    assert "Review due" not in banner(tina.get(f"/people/{fletchers['jack'].pk}")
                                      .content.decode())
    assert f"/warnings/{warning.pk}" not in tina.get("/warnings/review").content.decode()
    time_machine.move_to(NOW + timedelta(days=30), tick=False)
    tina = as_user(team_manager)  # a new day, a new sign-in
    text = banner(tina.get(f"/people/{fletchers['jack'].pk}").content.decode())
    assert "Violence" in text and "Review due" in text  # still shown, not hidden
    listed = tina.get("/warnings/review").content.decode()
    due = listed[listed.index('id="due"'):]
    assert f"/warnings/{warning.pk}" in due
    response = tina.post(f"/warnings/{warning.pk}/review",
                         {"version": 2, "review_on": "1/6/2027",
                          "note": "Partner still at the address; keep the warning"})
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.review_on == date(2027, 6, 1) and warning.version == 3
    review = warning.reviews.get()
    assert review.previous_review_on == date(2026, 12, 1) and review.reviewed_by == team_manager
    assert "Review due" not in banner(tina.get(f"/people/{fletchers['jack'].pk}")
                                      .content.decode())
    bad = tina.post(f"/warnings/{warning.pk}/review",
                    {"version": 3, "review_on": "1/1/2020", "note": ""})
    assert bad.status_code == 400 and "Enter what the review considered" in \
        bad.content.decode()


def test_R_SAFE_1_an_ended_warning_is_no_longer_shown(fletchers, social_worker, team_manager,
                                                      as_user):
    warning = warn(social_worker, person=fletchers["mum"])
    tina = as_user(team_manager)
    no_reason = tina.post(f"/warnings/{warning.pk}/end", {"version": 1, "reason": ""})
    assert no_reason.status_code == 400
    assert "Enter why the warning is ending" in no_reason.content.decode()
    assert tina.post(f"/warnings/{warning.pk}/end",
                     {"version": 1, "reason": "Partner left and is in prison"}).status_code == 302
    warning.refresh_from_db()
    assert warning.status == "ended" and warning.ended_by == team_manager
    assert banner(tina.get(f"/people/{fletchers['mum'].pk}").content.decode()) == ""
    page = tina.get(f"/warnings/{warning.pk}").content.decode()
    assert "Partner left and is in prison" in page and "Ended" in page
    with pytest.raises(WarningRefused):
        do_end_warning(warning, acting_user=team_manager, expected_version=2, reason="again")
    with pytest.raises(WarningRefused):
        do_review_warning(warning, acting_user=team_manager, expected_version=2,
                          review_on=date(2027, 1, 1), note="x")


def test_R_SAFE_1_the_workers_and_partner_agencies_involved_are_told_and_tina_asked_to_sign_off(
        fletchers, social_worker, team_manager, front_door, police, police_partner, outsider):
    """Fran raises a warning on Kerry: Sam (Jack's and Amy's worker), Bob (Building Bridges,
    co-allocated to Jack) and the police (Jack's record is shared with them) are told; Tina,
    the team manager of the family's team, is asked to sign it off; Olly is not told."""
    bridges = Team.objects.create(name="Building Bridges", service="building_bridges")
    bob = make_user("bob", Role.FAMILY_PRACTITIONER, team=bridges, first="Bob", last="Bridges")
    InvolvementWorker.objects.create(involvement=fletchers["jack"].involvements.get(), worker=bob,
                                     role="building_bridges", start_date=date(2026, 11, 2))
    people.do_share_with_agency(fletchers["jack"], acting_user=social_worker, agency=police,
                                reason="MASH enquiry")
    warning = warn(front_door, person=fletchers["mum"], joint=True)
    told = {n.user.username: n for n in Notification.objects.select_related("user")}
    assert set(told) == {"sam", "bob", "pat", "tina"}
    assert told["tina"].subject == "Sign off a worker-safety warning on Kerry Fletcher"
    assert told["sam"].subject == "Worker-safety warning on Kerry Fletcher"
    assert "Visits need two workers" in told["bob"].body
    assert told["sam"].link == f"/warnings/{warning.pk}"
    assert told["pat"].subject == "Worker-safety warning on a family your agency works with"
    assert "Fran Door (Children's Resource Service)" in told["pat"].body
    assert told["pat"].link == ""  # Kerry's record is not shared with the police
    assert AuditEntry.objects.get(action="safety.warning_add").fields["told"] == \
        ["bob", "pat", "sam", "tina"]


def test_R_SAFE_1_an_agency_asked_in_the_mash_is_told(fletchers, social_worker, front_door,
                                                      police, police_partner):
    from hearth.frontdoor.actions import contacts as frontdoor

    call = {"received_at": NOW - timedelta(hours=1), "channel": "phone", "caller_kind": "public",
            "caller_name": "A neighbour", "caller_contact": "07700 900000",
            "referral_source": "1B", "worries": "Shouting", "urgency": "routine",
            "family_aware": False,
            "family_told_sharing": False, "not_told_reason": "The neighbour fears reprisals"}
    contact = frontdoor.do_record_contact(acting_user=front_door,
                                          people=[(fletchers["amy"], "child")], **call)
    frontdoor.do_decide(contact, acting_user=front_door, outcome="mash", rationale="ask",
                        mash={"scope": "targeted", "rag": "green", "agencies": [police]})
    contact.refresh_from_db()
    from hearth.frontdoor.actions import mash

    mash.do_record_consent(contact.mash, fletchers["mum"], acting_user=front_door,
                           status="given")
    mash.do_start_gathering(contact.mash, acting_user=front_door)
    Notification.objects.all().delete()
    warn(social_worker, person=fletchers["jack"])
    assert Notification.objects.filter(user=police_partner).exists()


def test_R_SAFE_1_the_banner_costs_the_same_however_many_warnings_and_children(
        fletchers, social_worker, north, as_user):
    sam = as_user(social_worker)
    url = f"/people/{fletchers['mum'].pk}"
    warn(social_worker, person=fletchers["jack"])
    sam.get(url)
    with CaptureQueriesContext(connection) as one:
        sam.get(url)
    for n in range(5):
        child = people.do_create_person(acting_user=social_worker, given_name=f"Kid{n}",
                                        family_name="Fletcher", date_of_birth=date(2018, 1, n + 1))
        people.do_add_relationship(fletchers["mum"], child, acting_user=social_worker,
                                   kind="mother")
        Involvement.objects.create(person=child, team=north, worker=social_worker,
                                   opened_on=date(2026, 10, 1))
        warn(social_worker, person=child)
    with CaptureQueriesContext(connection) as six:
        html = sam.get(url).content.decode()
    assert "Worker safety: 6 warnings" in html
    assert len(six) == len(one)


def test_found_for_puts_the_pages_own_people_first_and_marks_family(fletchers, social_worker):
    on_jack = warn(social_worker, person=fletchers["jack"])
    on_kerry = warn(social_worker, person=fletchers["mum"], occurred_on=date(2026, 11, 12))
    found = found_for(social_worker, [fletchers["jack"].pk])
    assert [s.warning for s in found.shown] == [on_jack, on_kerry]
    assert [s.in_family for s in found.shown] == [False, True]
    assert {s.warning for s in found.by_person[fletchers["jack"].pk]} == {on_jack, on_kerry}
    assert found_for(social_worker, []).shown == []


def test_R_SAFE_1_the_api_raises_signs_off_and_ends_with_if_match(
        fletchers, social_worker, team_manager, client):
    sam = {"Authorization": f"Bearer {do_create_token(social_worker)}"}
    tina = {"Authorization": f"Bearer {do_create_token(team_manager)}"}
    raised = client.post("/api/v1/worker-safety-warnings", {
        "person_id": str(fletchers["mum"].pk), "kind": "weapons",
        "what_happened": "A baseball bat by the door", "source": "Police",
        "occurred_on": "2026-11-12", "disclosed_to_person": False,
        "not_disclosed_reason": "Would raise the risk", "requires_joint_visit": True},
        content_type="application/json", headers=sam)
    assert raised.status_code == 201
    body = raised.json()
    assert body["status"] == "awaiting_sign_off" and body["recorded_by"] == "sam"
    url = f"/api/v1/worker-safety-warnings/{body['id']}"
    read = client.get(url, headers=tina)
    etag = read["ETag"]
    assert read.status_code == 200 and etag == f'"workerwarning-{body["id"]}-v1"'
    assert client.post(f"{url}/sign-off", headers=tina).status_code == 428
    assert client.post(f"{url}/sign-off", headers={**sam, "If-Match": etag}).status_code == 403
    signed = client.post(f"{url}/sign-off", headers={**tina, "If-Match": etag})
    assert signed.status_code == 200 and signed.json()["signed_off_by"] == "tina"
    stale = client.post(f"{url}/end", {"reason": "Moved away"}, content_type="application/json",
                        headers={**tina, "If-Match": etag})
    assert stale.status_code == 412
    ended = client.post(f"{url}/end", {"reason": "Moved away"}, content_type="application/json",
                        headers={**tina, "If-Match": signed["ETag"]})
    assert ended.status_code == 200 and ended.json()["status"] == "ended"
    refused = client.post(f"{url}/review", {"review_on": "2027-01-01", "note": "x"},
                          content_type="application/json",
                          headers={**tina, "If-Match": ended["ETag"]})
    assert refused.status_code == 409
    at_address = client.post("/api/v1/worker-safety-warnings", {
        "person_id": str(fletchers["mum"].pk), "at_address": True, "kind": "animals",
        "what_happened": "Dogs", "source": "Sam", "occurred_on": "2026-11-12",
        "disclosed_to_person": True}, content_type="application/json", headers=sam)
    assert at_address.status_code == 422 and "no current address" in at_address.json()["detail"]


def test_R_SAFE_1_the_database_reaches_the_same_family_as_the_family_map(
        fletchers, social_worker):
    """The list pages ask the database for the warnings that reach their children (one
    statement, ``family.near_sql``); it must reach exactly the family ``family_map`` works out:
    relatives, relatives' relatives, the household they live in now, and any of those people's
    present homes (the same row, or the same first line and postcode however typed) — and no
    one a step further, no one who has left the household, no home they have left."""
    from hearth.safety.queries.family import family_map
    from hearth.safety.queries.warnings import _warnings_of

    kerry, jack = fletchers["mum"], fletchers["jack"]
    today = timezone.localdate()

    def years_ago(n: int) -> date:
        return today - timedelta(days=365 * n)

    def person(given: str):
        return people.do_create_person(acting_user=social_worker, given_name=given,
                                       family_name="Fletcher", date_of_birth=date(1960, 1, 1))

    def lives(who, line1: str, postcode: str, **dates):
        return people.do_add_address(who, acting_user=social_worker, line1=line1,
                                     postcode=postcode, **dates).address

    gran, uncle, neighbour = person("Gran"), person("Uncle"), person("Neighbour")
    lodger, gone = person("Lodger"), person("Gone")
    people.do_add_relationship(gran, kerry, acting_user=social_worker, kind="mother")
    people.do_add_relationship(uncle, gran, acting_user=social_worker, kind="other")  # 3 steps
    home = people.do_join_household(jack, acting_user=social_worker, name="Fletcher home",
                                    start_date=years_ago(6)).household
    people.do_join_household(lodger, home, acting_user=social_worker, start_date=years_ago(6))
    left = people.do_join_household(gone, home, acting_user=social_worker,
                                    start_date=years_ago(6))
    people.do_leave_household(left, acting_user=social_worker, end_date=years_ago(1))
    past = lives(gran, "1 Past Road", "SO16 9ZZ", start_date=years_ago(26),
                 end_date=years_ago(17))
    grans = lives(gran, "8 Old Lane", "SO16 2BB", start_date=years_ago(16))
    lodgers = lives(lodger, "3 Elm Close", "SO15 1AA", start_date=years_ago(6))
    same_place = lives(neighbour, " 3 ELM CLOSE", "so151aa", start_date=years_ago(6))
    no_postcode = lives(uncle, "8 Old Lane", "", start_date=years_ago(16))
    reached = {warn(social_worker, person=p) for p in (kerry, gran, lodger)}
    reached |= {warn(social_worker, address=a) for a in (grans, lodgers, same_place)}
    for p in (uncle, neighbour, gone):  # a step too far; not family; left the household
        warn(social_worker, person=p)
    for a in (past, no_postcode):  # a home left; the same line with no postcode
        warn(social_worker, address=a)

    found = found_for(social_worker, [jack.pk])
    assert {s.warning for s in found.shown} == reached
    everyone = {jack.pk, *family_map([jack.pk])[jack.pk]}
    assert set(_warnings_of.all(ids=list(everyone), today=today)) == reached
    assert {s.warning.person for s in found_for(social_worker, [gone.pk]).shown} == {gone}
