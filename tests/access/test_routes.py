"""Every route declares its permission, and every role gets what its permission says
(ENGINEERING.md practice 3; netbox's ViewTestCases, OpenMRS's authorisation meta-test)."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hearth.access.codes import Role
from hearth.access.permissions import PUBLIC, SIGNED_IN
from hearth.access.rules import has_permission
from hearth.api import api

# Ninja's own route: the OpenAPI document is the public contract partners build on.
PUBLIC_API_ROUTES = {"openapi-json"}


def page_routes(patterns=None, prefix="", namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api":
                continue
            yield from page_routes(entry.url_patterns, prefix + str(entry.pattern),
                                   entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, namespace


def api_operations():
    api.urls  # noqa: B018  (building the URLs is what lists nested routers such as /protection)
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield f"{prefix}{path}", operation


def declared_permission(operation) -> str | None:
    permissions = {getattr(cb, "permission", None) for cb in operation.auth_callbacks}
    return permissions.pop() if len(permissions) == 1 else None


def test_every_page_route_declares_its_permission():
    undeclared = [route for route, pattern, _ in page_routes()
                  if not hasattr(pattern.callback, "hearth_permission")]
    assert undeclared == [], f"routes without a declared permission: {undeclared}"


def test_every_api_operation_declares_its_permission():
    undeclared = [f"{op.methods} {path}" for path, op in api_operations()
                  if declared_permission(op) is None]
    assert undeclared == [], f"API operations without a declared permission: {undeclared}"


def test_only_the_openapi_document_is_public_in_the_api():
    names = {p.name for p in api.urls[0] if getattr(p, "name", None)}
    assert "openapi-json" in names
    assert "openapi-view" not in names  # no CDN-loaded docs page


# ---------------------------------------------------------------------------------------------
# The generated matrix: every page route as every role (and signed out).

ROLES = list(Role.values)


@pytest.fixture
def route_args(fletchers, social_worker, administrator, police, time_machine):
    """One of everything a URL can name: a person, a merge, a user, a contact with a
    proposed decision, and a MASH request."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from hearth.assessments.actions import do_start_assessment as start_assessment
    from hearth.chronology.actions import do_add_entry as add_entry
    from hearth.frontdoor.actions import contacts as frontdoor
    from hearth.frontdoor.actions import mash
    from hearth.people import actions
    from hearth.records.actions import summaries
    from hearth.records.actions.notes import do_write_note as write_note
    from hearth.releases.actions import do_start_release as start_release
    from hearth.visits.actions import do_record_visit as record_visit

    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=ZoneInfo("Europe/London")),
                         tick=False)
    dup = actions.do_create_person(acting_user=social_worker, given_name="Jak",
                                   family_name="Fletcher")
    merge = actions.do_merge(fletchers["amy"], dup, acting_user=social_worker, reason="same")
    call = {"received_at": datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London")),
            "channel": "phone", "caller_kind": "public", "caller_name": "A neighbour",
            "caller_contact": "07700 900000", "referral_source": "1B", "worries": "Shouting",
            "urgency": "routine", "family_aware": False, "family_told_sharing": False,
            "not_told_reason": "The neighbour fears reprisals"}
    contact = frontdoor.do_record_contact(acting_user=social_worker,
                                          people=[(fletchers["jack"], "child")], **call)
    in_mash = frontdoor.do_record_contact(acting_user=social_worker,
                                          people=[(fletchers["jack"], "child")], **call)
    frontdoor.do_decide(in_mash, acting_user=social_worker, outcome="mash", rationale="ask",
                        mash={"scope": "targeted", "rag": "green", "agencies": [police]})
    in_mash.refresh_from_db()
    mash.do_record_consent(in_mash.mash, fletchers["mum"], acting_user=social_worker,
                           status="given")
    request = mash.do_start_gathering(in_mash.mash, acting_user=social_worker)[0]
    decision = frontdoor.do_decide(contact, acting_user=social_worker, outcome="nfa",
                                   rationale="Advice given", advice="Call again if worried",
                                   referrer_plan="Neighbour will call")
    args = {"person_id": fletchers["jack"].pk, "merge_id": merge.pk, "user_id": social_worker.pk,
            "contact_id": contact.pk, "decision_id": decision.pk, "request_id": request.pk,
            "involvement_id": fletchers["jack"].involvements.get().pk,
            "assessment_id": start_assessment(fletchers["jack"].involvements.get(),
                                              acting_user=social_worker).pk,
            "note_id": write_note(fletchers["jack"], acting_user=social_worker,
                                  occurred_at=datetime(2026, 11, 17, 9, 0,
                                                       tzinfo=ZoneInfo("Europe/London")),
                                  place="Home", who_said_what="Kerry said Jack slept well").pk,
            "summary_id": summaries.do_write_summary(
                fletchers["mum"], acting_user=social_worker, child=fletchers["jack"],
                purpose="To see Jack", what_was_done="We talked", method="verbal",
                delivered_at=datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London")),
                actions=[summaries.ActionLine("Kerry", "Take Jack to school", datetime(
                    2026, 11, 24, tzinfo=ZoneInfo("Europe/London")).date())]).pk,
            "entry_id": add_entry(fletchers["jack"], acting_user=social_worker,
                                  kind="injury", summary="Bruise", source_agency="School",
                                  occurred_on=datetime(2026, 11, 16, 9, 0,
                                                       tzinfo=ZoneInfo("Europe/London")).date(),
                                  ).pk,
            "visit_id": record_visit(fletchers["jack"], acting_user=social_worker,
                                     kind="planned", place="Home", child_seen=True,
                                     outcome="completed",
                                     starts_at=datetime(2026, 11, 16, 10, 0,
                                                        tzinfo=ZoneInfo("Europe/London"))).pk,
            "link_id": fletchers["jack"].involvements.get().secondary_workers.create(
                worker=social_worker, role="co_worker", start_date="2026-11-16").pk,
            "release_id": start_release(fletchers["mum"], acting_user=social_worker,
                                        requested_by="Kerry Fletcher",
                                        requested_on=datetime(
                                            2026, 11, 16, tzinfo=ZoneInfo("Europe/London")
                                        ).date()).pk,
            }
    # Each app's tests may add the ids its own URLs name: ``tests/<app>/route_args.py`` with
    # ``def route_args(*, fletchers, social_worker, police, args) -> dict``.
    for module in _extra_route_args():
        args.update(module.route_args(fletchers=fletchers, social_worker=social_worker,
                                      police=police, args=dict(args)))
    return args


def _extra_route_args():
    import importlib
    from pathlib import Path

    tests = Path(__file__).resolve().parent.parent
    return [importlib.import_module(f"tests.{path.parent.name}.route_args")
            for path in sorted(tests.glob("*/route_args.py"))]


def _url(pattern: URLPattern, args: dict, namespace: str) -> str:
    name = pattern.name if pattern.name in {"healthz"} else f"{namespace}:{pattern.name}"
    return reverse(name, kwargs={k: args[k] for k in pattern.pattern.converters})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES + ["signed_out"])
def test_every_page_as_every_role(role, route_args, client, north, police):
    from tests.conftest import make_user

    if role != "signed_out":
        user = make_user(f"matrix-{role}", role, team=north,
                         agency=police if role == Role.MASH_PARTNER else None)
        client.force_login(user)
    failures = []
    for route, pattern, namespace in page_routes():
        permission = pattern.callback.hearth_permission
        url = _url(pattern, route_args, namespace)
        response = client.get(url)
        status = response.status_code
        if permission == PUBLIC:
            ok = status in (200, 302)
        elif role == "signed_out":
            ok = status == 302 and "/sign-in" in response["Location"]
        elif permission == SIGNED_IN or has_permission(role, permission):
            ok = status in (200, 302, 403, 404, 405) and not (
                status == 403 and b"you cannot do this" in response.content)
        else:
            ok = status == 403
        if not ok:
            failures.append(f"{route} [{permission}] -> {status}")
    assert failures == [], f"{role}: {failures}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES + ["no_token"])
def test_every_api_operation_as_every_role(role, route_args, client, north, police):
    from hearth.access.actions.users import do_create_token
    from tests.conftest import make_user

    headers = {}
    if role != "no_token":
        user = make_user(f"api-{role}", role, team=north,
                         agency=police if role == Role.MASH_PARTNER else None)
        headers["Authorization"] = f"Bearer {do_create_token(user)}"
    failures = []
    for path, operation in api_operations():
        permission = declared_permission(operation)
        # Nested routers (e.g. /protection) give their paths as "protection//people/…".
        url = "/api/v1/" + re.sub("/+", "/", re.sub(r"\{(?:[a-z]+:)?([a-z_]+)\}",
                                                     lambda m: str(route_args[m.group(1)]),
                                                     path)).lstrip("/")
        url = url.rstrip("/") if path else "/api/v1/people"
        for method in operation.methods:
            response = client.generic(method, url, data="{}", content_type="application/json",
                                      headers=headers)
            status = response.status_code
            if role == "no_token":
                ok = status == 401
            elif has_permission(role, permission):
                ok = status not in (401, 403, 500)
            else:
                ok = status == 403
            if not ok:
                failures.append(f"{method} {url} [{permission}] -> {status}")
    assert failures == [], f"{role}: {failures}"
