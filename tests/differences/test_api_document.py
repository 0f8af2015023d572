"""The professional differences API against its OpenAPI document (as ``tests/api`` does for
the whole API, issue 13 item 10), with real differences to reach: an open one at stage 1 and a
resolved one. As Hana, Sam and Tina, schemathesis sends data that fits the document and data
that breaks it; any 5xx, undocumented status, body not matching its schema, or broken input
accepted fails."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler

from hearth.access.actions.users import do_create_token
from hearth.access.rules import has_permission
from hearth.differences import actions
from tests.api import world
from tests.api.test_schemathesis import EXAMPLES, REFUSALS, exercise, one_connection
from tests.api.walk import operations, permission_of
from tests.differences.conftest import outcome

pytestmark = [pytest.mark.django_db]


def test_every_answer_of_the_differences_api_matches_the_document(
        hanas_difference, raise_about, health_visitor, social_worker, team_manager):
    done = raise_about(social_worker)
    done = actions.do_record_stage_outcome(done, acting_user=social_worker, expected_version=1,
                                           **outcome(True))
    done = actions.do_resolve_difference(done, acting_user=social_worker,
                                         expected_version=done.version, agreed="Agreed",
                                         teller=team_manager)
    records = {"person_id": hanas_difference.person, "difference_id": hanas_difference,
               world.OTHERS: {"difference_id": [done]}}
    permission = {(method, path): permission_of(op) for method, path, op in operations()}
    config = schemathesis.Config.from_dict(
        {"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}}})
    faults = []
    with one_connection():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(),
                                                config=config)
        for user in (health_visitor, social_worker, team_manager):
            token = do_create_token(user)
            for result in schema.get_all_operations():
                operation = result.ok()
                if not operation.path.startswith("/api/v1/differences"):
                    continue
                allowed = has_permission(user.role,
                                         permission[(operation.method.upper(), operation.path)])
                try:
                    exercise(operation, token=token, records=records,
                             examples=2 * EXAMPLES if allowed else 1)
                except (Exception, BaseExceptionGroup) as fault:  # noqa: BLE001  (all, together)
                    faults.append(f"{user.username} {operation.label}: {fault}")
    assert not faults, "\n\n".join(faults)
