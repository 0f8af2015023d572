"""Issue 13 item 9: `hearth serve` in production mode used to crash with "'Settings' object has
no attribute 'check_production_settings'" once every setting was right — the one case where it
should start. The production start path is tested here: with production settings it gets past
the check and hands over to gunicorn; with a setting missing it refuses, naming it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.web.management.commands import serve

SECRET = "k" * 50  # long enough; never a real key


@pytest.fixture
def production(settings, monkeypatch):
    """What a council's deployment sets: production on, debug off, a long secret, named hosts
    and PostgreSQL."""
    settings.PRODUCTION = True
    settings.DEBUG = False
    settings.SECRET_KEY = SECRET
    settings.ALLOWED_HOSTS = ["hearth.council.example"]
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    started: dict[str, list[str]] = {}
    monkeypatch.setattr(serve, "call_command", lambda *a, **kw: None)  # collectstatic
    monkeypatch.setattr(serve.os, "execvp", lambda file, argv: started.setdefault("argv", argv))
    return started


def test_issue_13_item_9_hearth_serve_in_production_gets_past_the_settings_check(production):
    call_command("serve", "--host", "0.0.0.0", "--port", "8080", "--workers", "3")  # noqa: S104
    argv = production["argv"]
    assert argv[1:4] == ["-m", "gunicorn", "hearth.wsgi:application"]
    assert "0.0.0.0:8080" in argv and "3" in argv  # noqa: S104


def test_issue_13_item_9_hearth_serve_refuses_production_without_a_secret_naming_it(production,
                                                                                   settings):
    settings.SECRET_KEY = "short"
    settings.ALLOWED_HOSTS = ["*"]
    with pytest.raises(CommandError, match="Refusing to start") as refused:
        call_command("serve")
    assert "HEARTH_SECRET_KEY" in str(refused.value)
    assert "HEARTH_ALLOWED_HOSTS" in str(refused.value)
    assert "argv" not in production  # gunicorn never started


def test_issue_13_item_9_hearth_serve_refuses_production_on_sqlite(production, settings,
                                                                   monkeypatch):
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    with pytest.raises(CommandError, match="production needs PostgreSQL"):
        call_command("serve")


def test_issue_13_item_9_the_hearth_command_refuses_a_production_start_clearly(tmp_path):
    """The real command in a child process: the settings themselves refuse, with every problem
    named, exit status 2 and no traceback."""
    env = {**os.environ, "HEARTH_DATA_DIR": str(tmp_path), "HEARTH_PRODUCTION": "1",
           "HEARTH_DEBUG": "", "HEARTH_SECRET_KEY": "", "HEARTH_ALLOWED_HOSTS": "*",
           "HEARTH_DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "hearth.cli", "serve"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Refusing to start" in done.stderr
    for named in ("HEARTH_SECRET_KEY", "HEARTH_ALLOWED_HOSTS", "PostgreSQL"):
        assert named in done.stderr
    assert "Traceback" not in done.stderr
