"""Assessments in the v1 API: same permissions, audit and If-Match rules as people."""

from __future__ import annotations

import json

import pytest

from hearth.access.actions.users import do_create_token
from hearth.assessments import actions


def call(client, user, method, url, body=None, **headers):
    headers["Authorization"] = f"Bearer {do_create_token(user)}"
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers=headers)


@pytest.fixture
def assessment(fletchers, social_worker):
    return actions.do_start_assessment(fletchers["jack"].involvements.get(),
                                       acting_user=social_worker)


@pytest.mark.django_db
def test_sam_updates_jacks_assessment_with_if_match(client, social_worker, assessment):
    url = f"/api/v1/assessments/{assessment.pk}"
    read = call(client, social_worker, "GET", url)
    assert read.status_code == 200
    etag = read["ETag"]
    assert call(client, social_worker, "PATCH", url, {"summary": "x"}).status_code == 428
    ok = call(client, social_worker, "PATCH", url, {"summary": "Mum engages well."},
              **{"If-Match": etag})
    assert ok.status_code == 200 and ok.json()["summary"] == "Mum engages well."
    stale = call(client, social_worker, "PATCH", url, {"summary": "Lost"}, **{"If-Match": etag})
    assert stale.status_code == 412
    bad = call(client, social_worker, "PATCH", url, {"factors": ["ZZ"]},
               **{"If-Match": ok["ETag"]})
    assert bad.status_code == 422


@pytest.mark.django_db
def test_the_outsider_gets_404_and_the_author_cannot_authorise(client, social_worker,
                                                               team_manager, outsider,
                                                               assessment):
    url = f"/api/v1/assessments/{assessment.pk}"
    assert call(client, outsider, "GET", url).status_code == 404
    authorised = call(client, social_worker, "POST", url + "/authorise")
    assert authorised.status_code == 403  # a social worker may not authorise at all
