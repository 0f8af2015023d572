"""Issue 13 item 10: schemathesis runs over the whole API, as Sam (social worker), Tina (team
manager) and Pat (police partner), against the Fletchers' records. Any 5xx, any status the
document does not list for the operation, any body that does not match the documented schema,
or input that breaks the document's rules and is not refused fails the test, naming each
operation at fault.

Bounded so that it runs in the suite: a few examples per operation (one for an operation the
role may not use: it is 403 before the body is read), Hypothesis derandomized (the same
requests every run), no example database. Both data that fits the document and data that
breaks it are sent; half the examples name real records (and send their current ETag as
If-Match), so that they get past the 404s to the actions. ``HEARTH_SCHEMATHESIS_EXAMPLES=50``
digs deeper."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from hearth.access.actions.users import do_create_token
from hearth.access.rules import has_permission
from hearth.core.versions import etag
from tests.api import world
from tests.api.walk import operations, permission_of

pytestmark = [pytest.mark.django_db]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, negative_data_rejection]
#: Input that breaks the document's rules is refused with one of these (never 2xx or 5xx).
REFUSALS = [400, 401, 403, 404, 409, 412, 422, 428]
EXAMPLES = int(os.environ.get("HEARTH_SCHEMATHESIS_EXAMPLES", "5"))


@contextmanager
def one_connection():
    """Requests run in the test's transaction: as Django's test client does, do not close the
    connection at the start and end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def exercise(operation, *, token: str, records: dict, examples: int) -> None:
    """Send ``examples`` generated requests (fitting and breaking the document) and check
    each answer against the document."""
    names = [p.name for p in operation.path_parameters]
    real = {name: str(records[name].pk) for name in names if name in records}
    query = ({"person": str(records["person_id"].pk)}
             if any(p.name == "person" for p in operation.query) else None)
    # The record an If-Match names is the one the last id in the path names; some come in
    # another state too.
    last = names[-1] if names else ""
    named = {}  # the record each set of real path parameters names, by its id
    if last in records:
        for record in [records[last], *records[world.OTHERS].get(last, [])]:
            named[str(record.pk)] = record
    auth = {"Authorization": f"Bearer {token}"}
    strategies = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategies.append(operation.as_strategy(mode, headers=auth))
        for pk in named or ([""] if query else []):
            path = {**real, last: pk} if pk else None
            strategies.append(operation.as_strategy(mode, headers=auth, query=query,
                                                    path_parameters=path))
    takes_if_match = any(p.name == "If-Match" for p in operation.headers)

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=st.one_of(strategies))
    def run(case):
        record = named.get(str(case.path_parameters.get(last, "")))
        if (takes_if_match and record is not None
                and case.meta.generation.mode is GenerationMode.POSITIVE):
            case.headers["If-Match"] = etag(world.current(record))
        case.validate_response(case.call(), checks=CHECKS)

    run()


def test_issue_13_item_10_every_answer_matches_the_document(
        social_worker, team_manager, front_door, police_partner, police, fletchers):
    records = world.build(sam=social_worker, fran=front_door, police=police,
                          fletchers=fletchers, tina=team_manager)
    permission = {(method, path): permission_of(op) for method, path, op in operations()}
    config = schemathesis.Config.from_dict(
        {"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}}})
    faults = []
    with one_connection():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(),
                                                config=config)
        for user in (social_worker, team_manager, police_partner):
            token = do_create_token(user)
            for result in schema.get_all_operations():
                operation = result.ok()
                allowed = has_permission(user.role,
                                         permission[(operation.method.upper(), operation.path)])
                try:
                    exercise(operation, token=token, records=records,
                             examples=EXAMPLES if allowed else 1)
                except (Exception, BaseExceptionGroup) as fault:  # noqa: BLE001  (all, together)
                    faults.append(f"{user.username} {operation.label}: {fault}")
    assert not faults, "\n\n".join(faults)
