"""API tokens are issued by a signed-in user for themselves, scoped, expiring and revocable
(issue 13, "API tokens stay as they are … add the expiry and the scope")."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from hearth.access.actions.users import do_create_token, do_revoke_token, user_for_token
from hearth.access.models import ApiToken, AuditEntry
from hearth.core.refusals import Refused

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/people?name=Fletcher"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def issue(client, **data) -> str:
    body = {"name": "Reporting spreadsheet", "scope": "read", "days": "90", **data}
    response = client.post("/account/tokens", body)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Cache-Control"] == "no-store"
    shown = re.search(r'<code id="new-token">(hth_[^<]+)</code>', response.content.decode())
    assert shown, "the new token is shown once on the page"
    return shown.group(1)


def test_sam_issues_a_read_only_token_that_reads_but_never_writes(as_user, social_worker,
                                                                   fletchers, client):
    sam = as_user(social_worker)
    token = issue(sam)
    row = ApiToken.objects.get(user=social_worker)
    assert (row.scope, row.name) == ("read", "Reporting spreadsheet")
    assert token not in (row.digest, row.prefix) and token.startswith(row.prefix)
    assert timedelta(days=89) < row.expires_at - timezone.now() <= timedelta(days=90)
    page = sam.get("/account/tokens").content.decode()
    assert f"{row.prefix}…" in page and "Read only" in page and token not in page
    assert AuditEntry.objects.filter(action="create_token", object_id=str(social_worker.pk),
                                     username="sam").exists()

    assert client.get(SEARCH, headers=bearer(token)).status_code == 200
    refused = client.post("/api/v1/people", {}, content_type="application/json",
                          headers=bearer(token))
    assert refused.status_code == 403
    assert "may only read" in refused.content.decode()


def test_a_read_and_write_token_may_write_what_the_role_allows(as_user, social_worker, client):
    token = issue(as_user(social_worker), scope="write")
    answer = client.post("/api/v1/people", {}, content_type="application/json",
                         headers=bearer(token))
    assert answer.status_code == 422  # past the token: the body is checked


def test_an_expired_token_is_refused_with_401(social_worker, client, time_machine):
    token = do_create_token(social_worker, scope="read", days=7)
    assert client.get(SEARCH, headers=bearer(token)).status_code == 200
    time_machine.move_to(timezone.now() + timedelta(days=7, seconds=1))
    assert client.get(SEARCH, headers=bearer(token)).status_code == 401
    assert user_for_token(token) is None


def test_sam_revokes_his_token_and_it_stops_working_at_once(as_user, social_worker, client):
    sam = as_user(social_worker)
    token = issue(sam)
    row = ApiToken.objects.get(user=social_worker)
    response = sam.post(f"/account/tokens/{row.pk}/revoke")
    assert response.status_code == 302
    assert client.get(SEARCH, headers=bearer(token)).status_code == 401
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert AuditEntry.objects.filter(action="revoke_token", username="sam").exists()
    assert "Revoked" in sam.get("/account/tokens").content.decode()


def test_nobody_sees_or_revokes_another_users_token(as_user, social_worker, team_manager,
                                                    client):
    token = do_create_token(team_manager, name="Tina's dashboard")
    row = ApiToken.objects.get(user=team_manager)
    sam = as_user(social_worker)
    assert "Tina&#x27;s dashboard" not in sam.get("/account/tokens").content.decode()
    assert sam.post(f"/account/tokens/{row.pk}/revoke").status_code == 404
    assert client.get(SEARCH, headers=bearer(token)).status_code == 200


@pytest.mark.parametrize(("data", "problem"), [
    ({"days": "1000"}, "Choose one of the lifetimes offered"),
    ({"days": "abc"}, "Choose one of the lifetimes offered"),
    ({"name": ""}, "Say what the token is for"),
    ({"name": "x" * 81}, "Use at most 80 characters"),
    ({"scope": "admin"}, "Select a valid choice"),
])
def test_a_bad_token_request_says_what_is_wrong_and_issues_nothing(as_user, social_worker,
                                                                   data, problem):
    body = {"name": "Reporting spreadsheet", "scope": "read", "days": "90", **data}
    response = as_user(social_worker).post("/account/tokens", body)
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_action_refuses_what_the_page_cannot_send(social_worker):
    with pytest.raises(Refused, match="at most 365 days"):
        do_create_token(social_worker, days=366)
    with pytest.raises(Refused, match="at least one day"):
        do_create_token(social_worker, days=0)
    with pytest.raises(Refused, match="Unknown scope"):
        do_create_token(social_worker, scope="admin")
    social_worker.is_active = False
    with pytest.raises(Refused, match="disabled"):
        do_create_token(social_worker)
    assert not ApiToken.objects.exists()


def test_a_token_is_revoked_once(social_worker):
    do_create_token(social_worker)
    row = ApiToken.objects.get()
    do_revoke_token(row, acting_user=social_worker)
    with pytest.raises(Refused, match="already revoked"):
        do_revoke_token(row, acting_user=social_worker)


def test_the_operator_issues_lists_and_revokes_tokens(social_worker, capsys, client):
    call_command("token", "create", "sam", "--scope", "write", "--days", "7", "--name", "sync")
    token = capsys.readouterr().out.strip()
    row = ApiToken.objects.get(user=social_worker)
    assert (row.scope, row.name) == ("write", "sync")
    assert row.expires_at - timezone.now() <= timedelta(days=7)
    call_command("token", "list", "sam")
    listing = capsys.readouterr().out
    assert row.prefix in listing and "Active" in listing and token not in listing
    call_command("token", "revoke", row.prefix)
    assert client.get(SEARCH, headers=bearer(token)).status_code == 401
    with pytest.raises(CommandError, match="at most 365 days"):
        call_command("token", "create", "sam", "--days", "400")
    with pytest.raises(CommandError, match="No single live token"):
        call_command("token", "revoke", row.prefix)
