"""Every read of a record about a person is audited (issue 13 item 3, ENGINEERING.md
practice 6): the probe read `GET /api/v1/contacts/{id}` and `/people/{id}/family` without a
trace. This walks every page route and every API read (tests/access/test_routes.py lists them,
tests/<app>/route_args.py name the records) as the first of Sam, Tina, a service manager, a
conference chair, Fran and Pat who may open it, and proves that each one that names a
person or a record about one writes a read row to the audit trail."""

from __future__ import annotations

import html
import json
import re

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.people.models import Person
from tests.access.test_routes import _url, api_operations, page_routes
from tests.conftest import make_user, sign_in_verified

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def readers(social_worker, team_manager, front_door, police_partner, north):
    return [social_worker, team_manager,
            make_user("sue", Role.SERVICE_MANAGER, team=north, first="Sue", last="Senior"),
            make_user("cara", Role.CONFERENCE_CHAIR, team=north, first="Cara", last="Chair"),
            front_door, police_partner]


def _api_url(path: str, route_args: dict) -> str:
    url = "/api/v1/" + re.sub("/+", "/", re.sub(r"\{(?:[a-z]+:)?([a-z_]+)\}",
                                                 lambda m: str(route_args[m.group(1)]),
                                                 path)).lstrip("/")
    return url.rstrip("/") if path else "/api/v1/people"


def _read(get, url: str) -> tuple[int, list[str]]:
    """The answer's status and the audit rows the read wrote."""
    before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    status = get(url).status_code
    return status, [f"{e.action} {e.object_type}" for e in AuditEntry.objects.filter(
        id__gt=before)]


def test_every_page_that_names_a_record_audits_its_read_issue_13_item_3(route_args, client,
                                                                        readers):
    read, unaudited = [], []
    for route, pattern, namespace in page_routes():
        if not pattern.pattern.converters:
            continue  # lists, forms and dashboards: they name no one record
        url = _url(pattern, route_args, namespace)
        for user in readers:
            sign_in_verified(client, user)
            status, rows = _read(client.get, url)
            if status == 200:
                read.append(route)
                if not rows:
                    unaudited.append(f"{url} as {user.username}")
                break
    assert unaudited == [], f"reads not audited: {unaudited}"
    assert len(read) >= 60 and "people/<uuid:person_id>/family" in read


def test_every_api_read_of_a_record_is_audited_issue_13_item_3(route_args, client, readers,
                                                               fletchers):
    tokens = [(user, {"Authorization": f"Bearer {do_create_token(user)}"}) for user in readers]
    read, unaudited = [], []
    for path, operation in api_operations():
        if "GET" not in operation.methods:
            continue
        url = _api_url(path, route_args)
        names_a_record = "{" in path
        for user, headers in tokens:
            def get(address, headers=headers):
                return client.get(address, headers=headers)

            status, rows = _read(get, url)
            if status == 422 and not names_a_record:  # a list of one person's records
                url = f"{url}?person={fletchers['jack'].pk}"
                names_a_record = True
                status, rows = _read(get, url)
            if status == 200:
                if names_a_record:
                    read.append(path)
                    if not rows:
                        unaudited.append(f"{url} as {user.username}")
                break
    assert unaudited == [], f"reads not audited: {unaudited}"
    assert len(read) >= 20 and "/contacts/{int:contact_id}" in read


def test_the_family_page_and_the_contact_api_name_what_was_read_issue_13_item_3(
        route_args, fletchers, social_worker, as_user):
    as_user(social_worker).get(f"/people/{fletchers['jack'].pk}/family")
    assert AuditEntry.objects.filter(action="view_family", username="sam",
                                     object_id=str(fletchers["jack"].pk)).exists()
    headers = {"Authorization": f"Bearer {do_create_token(social_worker)}"}
    as_user(social_worker).get(f"/api/v1/contacts/{route_args['contact_id']}", headers=headers)
    assert AuditEntry.objects.filter(action="view_contact", username="sam",
                                     object_id=str(route_args["contact_id"])).exists()


# ---------------------------------------------------------------------------------------------
# Lists: every answer that names people says which (issue 13 item 3, the remainder).


def _people_named(response, people: list[Person]) -> set[str]:
    """The ids of ``people`` whose id or name the answer shows (a reader's eye, not the
    middleware's: every person in the database is looked for)."""
    text = response.content.decode()
    if "json" in response.get("Content-Type", ""):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    text = " ".join(html.unescape(text).split())
    return {str(p.pk) for p in people if str(p.pk) in text or p.display_name in text}


def _listed(rows) -> set[str]:
    """The people the audit rows say were read."""
    found = set()
    for row in rows:
        if row.object_type == "people.person" and row.object_id:
            found.add(row.object_id)
        found.update(row.fields.get("people", []))
    return found


def _list_reads(route_args) -> list[tuple[str, str, dict | None]]:
    """Every page route and API read that names no one record, plus the searches (which
    show people only when asked something): (method, address, body)."""
    reads: list[tuple[str, str, dict | None]] = [
        ("get", _url(pattern, route_args, namespace), None)
        for _, pattern, namespace in page_routes() if not pattern.pattern.converters]
    reads += [("get", _api_url(path, route_args), None) for path, operation in api_operations()
              if "GET" in operation.methods and "{" not in path]
    reads += [("post", "/people/search", {"name": "Fletcher"}),
              ("get", "/api/v1/people?name=Fletcher", None),
              ("post", "/api/v1/people/search", {"name": "Fletcher"})]
    return reads


def test_every_list_that_names_people_audits_whom_it_showed_issue_13_item_3(
        route_args, client, readers, administrator, outsider):
    """The caseload, the searches (page and API), the front-door queue, the MASH requests,
    the dashboards, the API's lists: an answer that shows a person writes a read row naming
    every person it showed (one row per request: see ``access.middleware``)."""
    people = list(Person.objects.all())
    named_by, unaudited = set(), []
    for method, url, body in _list_reads(route_args):
        for user in [*readers, administrator, outsider]:
            sign_in_verified(client, user)
            headers = {"Authorization": f"Bearer {do_create_token(user)}"} \
                if url.startswith("/api/") else {}
            before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
            if method == "post" and url.startswith("/api/"):
                response = client.post(url, body, content_type="application/json",
                                       headers=headers)
            else:
                response = getattr(client, method)(url, body or {}, headers=headers)
            if response.status_code != 200:
                continue
            shown = _people_named(response, people)
            if not shown:
                continue
            named_by.add(url)
            missing = shown - _listed(AuditEntry.objects.filter(id__gt=before or 0))
            if missing:
                unaudited.append(f"{method.upper()} {url} as {user.username}: {len(missing)}")
    assert unaudited == [], f"lists that showed people without auditing it: {unaudited}"
    assert {"/caseload", "/contacts", "/mash/requests", "/", "/people/search",
            "/api/v1/people/search", "/api/v1/mash/requests", "/notifications"} <= named_by, \
        named_by


def test_sams_caseload_is_one_read_row_naming_his_children_issue_13_item_3(
        fletchers, social_worker, as_user):
    as_user(social_worker).get("/caseload")
    row = AuditEntry.objects.filter(action="view_list", username="sam").get()
    assert {str(fletchers["jack"].pk), str(fletchers["amy"].pk)} <= set(row.fields["people"])
    assert row.fields["page"] == "casework:caseload"


def test_a_search_that_finds_nobody_writes_no_list_row_issue_13_item_3(
        fletchers, outsider, as_user):
    as_user(outsider).post("/people/search", {"name": "Fletcher"})
    assert not AuditEntry.objects.filter(action="view_list").exists()
