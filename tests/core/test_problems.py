"""The API's one answer to a refusal (issue 12): ``detail`` and ``errors`` by field, with the
status from the table, whichever app refused."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory

from hearth.api import api
from hearth.core.problems import api_names, problem_body, refused_response
from hearth.core.refusals import Refused, StaleEdit, Why


@pytest.mark.parametrize(("refusal", "status"), [
    (Refused("Enter the minutes", "minutes"), 422),
    (Refused("This conference has already been held", why=Why.STATE), 409),
    (Refused("Only the author may amend it", why=Why.FORBIDDEN), 403),
    (StaleEdit(4, "plan"), 412),
    (Refused("Send If-Match", why=Why.NO_VERSION), 428),
])
def test_every_refusal_is_answered_from_the_one_table(refusal, status):
    response = refused_response(api, RequestFactory().get("/api/v1/"), refusal)
    assert response.status_code == status
    body = json.loads(response.content)
    assert body["detail"] == refusal.detail


def test_the_errors_name_each_field_at_fault_but_not_the_record_as_a_whole():
    body = problem_body(Refused({"": "The plan has ended", "end_date": "Enter a date"}))
    assert body["errors"] == [{"field": "end_date", "message": "Enter a date"}]


def test_api_names_renames_an_actions_fields_for_the_api():
    with pytest.raises(Refused) as caught, api_names({"contact": "contact_id"}):
        raise Refused("No such contact", "contact")
    assert caught.value.problems == {"contact_id": "No such contact"}
