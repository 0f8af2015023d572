"""Every read of a record about a person is audited (issue 13 item 3, ENGINEERING.md
practice 6): the probe read `GET /api/v1/contacts/{id}` and `/people/{id}/family` without a
trace. This walks every page route and every API read (tests/access/test_routes.py lists them,
tests/<app>/route_args.py name the records) as the first of Sam, Tina, a service manager, a
conference chair, Fran and Pat who may open it, and proves that each one that names a
person or a record about one writes a read row to the audit trail."""

from __future__ import annotations

import re

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from tests.access.test_routes import _url, api_operations, page_routes
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def readers(social_worker, team_manager, front_door, police_partner, north):
    return [social_worker, team_manager,
            make_user("sue", Role.SERVICE_MANAGER, team=north, first="Sue", last="Senior"),
            make_user("cara", Role.CONFERENCE_CHAIR, team=north, first="Cara", last="Chair"),
            front_door, police_partner]


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
            client.force_login(user)
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
        url = "/api/v1/" + re.sub("/+", "/", re.sub(r"\{(?:[a-z]+:)?([a-z_]+)\}",
                                                     lambda m: str(route_args[m.group(1)]),
                                                     path)).lstrip("/")
        url = url.rstrip("/") if path else "/api/v1/people"
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
