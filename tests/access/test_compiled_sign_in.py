"""What every signed-in request reads — the session, the user and their team, the
authenticator app, an API token — is read by queries compiled once a process
(``core.compiled``, issue 14), and refuses exactly what Django and django-otp refused:
an ended session, a user made inactive, another user's device, a revoked token. Sam the social
worker, Tina his team manager."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from hearth.access.actions.users import do_create_token, do_revoke_token
from hearth.access.models import ApiToken
from tests.conftest import authenticator_app

pytestmark = pytest.mark.django_db


def _tables(queries) -> list[str]:
    return [q["sql"].split(" FROM ", 1)[1].split()[0].strip('"')
            for q in queries.captured_queries if q["sql"].startswith("SELECT")
            and " FROM " in q["sql"]]


def test_sams_signed_in_page_reads_his_team_with_him(as_user, social_worker):
    sam = as_user(social_worker)
    assert sam.get("/notifications").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        page = sam.get("/notifications")
    assert page.status_code == 200
    user = page.wsgi_request.user
    assert user._state.fields_cache["team"].name == "Family Help North"  # read with him
    read = _tables(queries)
    assert read[:3] == ["django_session", "access_user", "otp_totp_totpdevice"]
    assert "access_team" not in read  # read with the user, not after


def test_an_ended_session_is_not_read(as_user, social_worker):
    sam = as_user(social_worker)
    Session.objects.filter(session_key=sam.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    answer = sam.get("/notifications")
    assert answer.status_code == 302 and "/sign-in" in answer["Location"]


def test_a_user_made_inactive_is_signed_out_at_his_next_request(as_user, social_worker):
    sam = as_user(social_worker)
    social_worker.is_active = False
    social_worker.save(update_fields=["is_active"])
    answer = sam.get("/notifications")
    assert answer.status_code == 302 and "/sign-in" in answer["Location"]


def test_tinas_authenticator_app_does_not_pass_sams_second_factor(social_worker,
                                                                   team_manager):
    sam = Client()
    sam.force_login(social_worker)
    session = sam.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_app(team_manager).persistent_id
    session.save()
    answer = sam.get("/notifications")
    assert answer.status_code == 302 and "second-factor" in answer["Location"]
    # django-otp's rule: a device not the user's is dropped from the session.
    assert DEVICE_ID_SESSION_KEY not in sam.session


def test_a_token_reads_its_user_and_team_in_one_query_until_revoked(social_worker, client):
    token = do_create_token(social_worker, acting_user=social_worker, name="Spreadsheet",
                            scope="read", days=1)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/work", headers=headers).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/work", headers=headers).status_code == 200
    read = _tables(queries)
    assert read[0] == "access_apitoken" and "access_team" not in read
    do_revoke_token(ApiToken.objects.get(user=social_worker), acting_user=social_worker)
    assert client.get("/api/v1/work", headers=headers).status_code == 401
