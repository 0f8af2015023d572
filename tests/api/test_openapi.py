"""Issue 13 item 10: the OpenAPI document says what the server does. Every schema it publishes
has a name of its own (``POST /visits`` takes the home visit, not the Section 47 one); every
operation lists every answer it can give, each error with the body the server sends; and the
limits the server enforces (lengths, codes, ranges, page sizes) are in the schemas."""

from __future__ import annotations

import ast
import inspect
import json
import sys
import typing
from collections import defaultdict
from datetime import timedelta

import jsonschema_rs
import pytest
from django.utils import timezone
from pydantic import BaseModel

from hearth.access.actions.users import do_create_token
from hearth.core.versions import etag
from hearth.frontdoor.codes import Urgency
from tests.api import world
from tests.api.walk import document, operations

WRITES = {"post", "put", "patch", "delete"}


def published_models() -> set[type[BaseModel]]:
    """Every pydantic model an operation takes or answers with, and the models inside them."""
    found: set[type[BaseModel]] = set()

    def walk(annotation) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in found:
                return
            found.add(annotation)
            for field in annotation.model_fields.values():
                walk(field.annotation)
        for argument in typing.get_args(annotation):
            walk(argument)

    for _, _, operation in operations():
        for model in [*operation.models, *operation.response_models.values()]:
            walk(model)
    return {m for m in found if m.__module__.startswith("hearth.")}


def resolve(doc: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def body_schema(doc: dict, path: str, method: str) -> dict:
    body = doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return resolve(doc, body)


def each_operation(doc: dict):
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", method, operation


# --- 1. one name, one schema ------------------------------------------------------------------

def test_issue_13_item_10_every_published_schema_has_a_name_of_its_own():
    names = defaultdict(set)
    for model in published_models():
        names[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    shared = {name: sorted(where) for name, where in names.items() if len(where) > 1}
    assert shared == {}, f"schemas that would overwrite each other in the document: {shared}"


@pytest.mark.django_db
def test_issue_13_item_10_every_component_is_one_published_schema(client):
    doc = document(client)
    published = {m.__name__ for m in published_models()}
    assert set(doc["components"]["schemas"]) == published


@pytest.mark.django_db
def test_issue_13_item_10_post_visits_takes_the_home_visit_not_the_section_47_one(client):
    doc = document(client)
    home = body_schema(doc, "/api/v1/visits", "post")
    assert home["title"] == "VisitIn"
    assert {"person_id", "kind", "starts_at", "outcome"} <= set(home["properties"])
    assert "workers" not in home["properties"]
    s47 = body_schema(doc, "/api/v1/protection/s47-enquiries/{enquiry_id}/visits", "post")
    assert s47["title"] == "S47VisitIn"
    assert {"visited_at", "workers"} <= set(s47["properties"])


# --- 2. every answer documented ---------------------------------------------------------------

def _reaches(module, function: str, target: str) -> bool:
    """Whether ``function`` calls ``target``, itself or through the module's own functions."""
    tree = ast.parse(inspect.getsource(module))
    calls: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            calls[node.name] = {
                c.func.id if isinstance(c.func, ast.Name) else getattr(c.func, "attr", "")
                for c in ast.walk(node) if isinstance(c, ast.Call)}
            calls[node.name] |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    seen, todo = set(), [function]
    while todo:
        name = todo.pop()
        if name == target:
            return True
        if name not in seen:
            seen.add(name)
            todo.extend(calls.get(name, ()))
    return False


@pytest.mark.django_db
def test_issue_13_item_10_every_operation_lists_every_answer(client):
    doc = document(client)
    missing = []
    for label, method, operation in each_operation(doc):
        codes = set(operation["responses"])
        expected = {"401", "403"}
        if method in WRITES:
            expected.add("422")
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            expected.add("404")
        if any(p["name"] == "If-Match" for p in operation.get("parameters", [])):
            expected |= {"412", "428"}
        if expected - codes:
            missing.append(f"{label}: {sorted(expected - codes)}")
    assert missing == []


def test_issue_13_item_10_an_operation_takes_if_match_exactly_when_it_checks_it():
    """Walk each handler's calls: one that reaches ``require_if_match`` answers 428 (and so
    documents the header), and one that documents 428 does reach it."""
    wrong = []
    for method, path, operation in operations():
        view = operation.view_func
        checks = _reaches(sys.modules[view.__module__], view.__name__, "require_if_match")
        declares = 428 in operation.response_models
        if checks != declares:
            wrong.append(f"{method} {path}: checks If-Match {checks}, declares 428 {declares}")
    assert wrong == []


@pytest.mark.django_db
def test_issue_13_item_10_every_error_answer_is_a_problem(client):
    doc = document(client)
    wrong = []
    for label, _, operation in each_operation(doc):
        for code, answer in operation["responses"].items():
            schema = answer.get("content", {}).get("application/json", {}).get("schema")
            if int(code) >= 400 and schema != {"$ref": "#/components/schemas/Problem"}:
                wrong.append(f"{label} {code}")
    assert wrong == []
    if_match = [p for _, _, op in each_operation(doc) for p in op.get("parameters", [])
                if p["name"] == "If-Match"]
    assert if_match and all(p["in"] == "header" and p["required"] for p in if_match)


@pytest.mark.django_db
def test_issue_13_item_10_the_server_sends_the_documented_error_body(
        client, social_worker, front_door, police_partner, police, fletchers):
    """Each handler in ``hearth.api`` (and Django's 404 for an unknown address) answers with
    the body the document describes."""
    doc = document(client)
    problem = jsonschema_rs.validator_for({"$ref": "#/components/schemas/Problem",
                                           "components": doc["components"]})
    records = world.build(sam=social_worker, fran=front_door, police=police,
                          fletchers=fletchers)
    sam = {"Authorization": f"Bearer {do_create_token(social_worker)}"}
    pat = {"Authorization": f"Bearer {do_create_token(police_partner)}"}
    visit, note = records["visit_id"], records["note_id"]
    tomorrow = (timezone.now() + timedelta(days=1)).isoformat()

    def send(method, url, body=None, raw=None, **headers):
        content = raw if raw is not None else json.dumps(body) if body is not None else ""
        return client.generic(method, url, content, content_type="application/json",
                              headers=headers)

    answers = {
        401: send("GET", f"/api/v1/visits/{visit.pk}"),
        403: send("GET", f"/api/v1/visits/{visit.pk}", **pat),
        404: send("GET", f"/api/v1/visits/{visit.pk + 999}", **sam),
        400: send("POST", "/api/v1/visits", raw="{not json", **sam),
        422: send("POST", "/api/v1/visits", {"person_id": str(records["person_id"].pk),
                                             "kind": "planned", "starts_at": tomorrow,
                                             "place": "Home", "child_seen": True,
                                             "outcome": "completed"}, **sam),
        428: send("POST", f"/api/v1/notes/{note.pk}/finalise", **sam),
        412: send("POST", f"/api/v1/notes/{note.pk}/finalise", **sam,
                  **{"If-Match": f'"casenote-{note.pk}-v999"'}),
    }
    answers[200] = send("POST", f"/api/v1/notes/{note.pk}/finalise", **sam,
                        **{"If-Match": etag(world.current(note))})
    answers[409] = send("PATCH", f"/api/v1/notes/{note.pk}", {"place": "School"}, **sam,
                        **{"If-Match": etag(world.current(note))})
    assert {code: r.status_code for code, r in answers.items()} == {c: c for c in answers}
    for code, response in answers.items():
        if code >= 400:
            body = json.loads(response.content)
            assert problem.is_valid(body), (code, body)
            assert body["detail"]
    named = json.loads(answers[422].content)
    assert [e["field"] for e in named["errors"]] == ["starts_at"]
    assert named["detail"].startswith("starts_at: ")


# --- 3. the limits the server enforces are in the schemas --------------------------------------

@pytest.mark.django_db
def test_issue_13_item_10_the_limits_the_server_enforces_are_in_the_schemas(client):
    doc = document(client)
    person = body_schema(doc, "/api/v1/people", "post")["properties"]
    assert person["given_name"]["maxLength"] == 100
    assert person["sex"]["enum"] == ["M", "F", "U"]
    assert person["date_of_birth"]["anyOf"][0]["formatMinimum"] == "1900-01-01"
    contact = body_schema(doc, "/api/v1/contacts", "post")["properties"]
    assert contact["urgency"]["enum"] == list(Urgency.values)
    assert contact["caller_name"]["maxLength"] == 150
    chronology = doc["paths"]["/api/v1/people/{person_id}/chronology"]["get"]
    page = next(p for p in chronology["parameters"] if p["name"] == "page")
    assert (page["schema"]["minimum"], page["schema"]["maximum"]) == (1, 999_999)
    events = resolve(doc, chronology["responses"]["200"]["content"]["application/json"]
                     ["schema"])["properties"]["events"]
    assert events["maxItems"] == 100
    member = body_schema(doc, "/api/v1/protection/cp-plans/{cp_plan_id}/core-group", "post")
    assert member["properties"]["name"]["maxLength"] == 150


@pytest.mark.django_db
def test_issue_13_item_10_the_server_refuses_what_the_schema_rules_out(
        api, front_door, social_worker, fletchers):
    """The schema's limits are the server's: past them is 422 naming the field (a core group
    member's 151-character name was a 500 on PostgreSQL before)."""
    from tests.robustness.conftest import contact_body

    fran, sam = api(front_door), api(social_worker)
    soonish = fran("POST", "/api/v1/contacts", {**contact_body(fletchers), "urgency": "soonish"})
    assert soonish.status_code == 422
    assert [e["field"] for e in soonish.json()["errors"]] == ["urgency"]
    assert "'immediate', 'today', 'routine'" in soonish.json()["detail"]
    long = sam("POST", "/api/v1/people", {"given_name": "J" * 101, "family_name": "Fletcher"})
    assert long.status_code == 422 and long.json()["errors"][0]["field"] == "given_name"
    jack = fletchers["jack"]
    page = sam("GET", f"/api/v1/people/{jack.pk}/chronology?page=1000000")
    assert page.status_code == 422 and page.json()["errors"][0]["field"] == "page"


@pytest.mark.django_db
def test_issue_13_item_10_a_core_group_member_added_to_an_ended_plan_is_a_documented_409(
        client, api, social_worker, front_door, police, fletchers):
    from hearth.protection.actions.conferences import do_end_plan

    doc = document(client)
    answers = doc["paths"]["/api/v1/protection/cp-plans/{cp_plan_id}/core-group"]["post"]
    assert "409" in answers["responses"]
    plan = world.build(sam=social_worker, fran=front_door, police=police,
                       fletchers=fletchers)["cp_plan_id"]
    do_end_plan(plan, acting_user=social_worker, expected_version=plan.version,
                end_on=timezone.localdate(), reason="no_longer_at_risk")
    added = api(social_worker)("POST", f"/api/v1/protection/cp-plans/{plan.pk}/core-group",
                               {"name": "Ms Shah", "agency": "School", "role": "Teacher",
                                "tasks": "Breakfast club"})
    assert added.status_code == 409, added.content
