"""The operator's command line."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.access.models import ApiToken, User


@pytest.mark.django_db
def test_hearth_user_add_reads_the_password_from_stdin(monkeypatch, north, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough passphrase\n"))
    call_command("user", "add", "nia", "--role", "social_worker", "--team", north.name,
                 "--password-stdin")
    user = User.objects.get(username="nia")
    assert user.team == north and user.check_password("a long enough passphrase")
    assert "Added nia" in capsys.readouterr().out


@pytest.mark.django_db
def test_hearth_user_add_explains_what_is_wrong(monkeypatch, police):
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="Password not accepted"):
        call_command("user", "add", "nia", "--role", "social_worker", "--password-stdin")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough passphrase\n"))
    with pytest.raises(CommandError, match="No team called 'Nowhere'"):
        call_command("user", "add", "nia", "--role", "social_worker", "--team", "Nowhere",
                     "--password-stdin")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough passphrase\n"))
    with pytest.raises(CommandError, match="must belong to a partner agency"):
        call_command("user", "add", "pc", "--role", "mash_partner", "--password-stdin")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_hearth_token_create_prints_a_token_that_is_stored_hashed(social_worker, capsys, client):
    call_command("token", "create", "sam")
    token = capsys.readouterr().out.strip()
    assert token.startswith("hth_")
    stored = ApiToken.objects.get(user=social_worker)
    assert token not in (stored.digest, stored.prefix)
    response = client.get("/api/v1/people?name=x", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_hearth_is_a_console_script_wrapping_django():
    result = subprocess.run([sys.executable, "-m", "hearth.cli", "help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    for command in ("serve", "worker", "seed", "user", "token", "audit", "bench", "migrate"):
        assert command in result.stdout, command
