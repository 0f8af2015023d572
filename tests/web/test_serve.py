"""`hearth demo-run` starts gunicorn and a worker, serves pages and assets, and Ctrl-C stops
both cleanly: what `make demo` relies on."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes, dict]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  (loopback only)
        return response.status, response.read(), dict(response.headers)


@pytest.fixture
def data_dir(tmp_path):
    """A data folder whose database is a copy of the migrated template (migrating from nothing
    is `tests/test_migrations.py`'s to prove, and takes a minute)."""
    from hearth.demo.scratch import copy_sqlite, ensure_template

    copy_sqlite(ensure_template("sqlite"), tmp_path / "hearth.sqlite3")
    env = {**os.environ, "HEARTH_DATA_DIR": str(tmp_path), "HEARTH_DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # Nothing to apply on a copy of the template; the check that it is whole stays.
    subprocess.run([sys.executable, "-m", "hearth.cli", "migrate", "-v0"], env=env, check=True,
                   timeout=120)
    return env


def test_demo_run_serves_and_stops_cleanly_on_ctrl_c(data_dir):
    from pathlib import Path

    from hearth.demo.organisation import format_sign_ins
    from hearth.web.queries import SIGN_INS

    # The sign-ins `hearth demo-data` keeps in the data folder (issue 15: a demo site shows
    # them on its sign-in page).
    (Path(data_dir["HEARTH_DATA_DIR"]) / SIGN_INS).write_text(format_sign_ins(
        [("social_worker", "demo.socialworker", "abcde-fghij-kmnop-qrstu")]))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "hearth.cli", "demo-run", "--port", str(port)],
                            env=data_dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        # Patience, not a timing check: a busy machine may take a while to start gunicorn.
        give_up = time.monotonic() + 90
        while True:
            try:
                status, body, _ = fetch(base + "/healthz")
                break
            except OSError:
                if time.monotonic() > give_up or proc.poll() is not None:
                    pytest.fail("the server did not start")
                time.sleep(0.2)
        assert status == 200 and b'"database": "ok"' in body
        status, body, headers = fetch(base + "/sign-in")
        assert status == 200 and b"Sign in to Hearth" in body
        assert b"Demo sign-ins, one for each role" in body
        assert b"demo.socialworker" in body and b"Holds a caseload" in body
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert fetch(base + "/static/govuk/govuk-frontend.min.css")[0] == 200
        assert fetch(base + "/assets/fonts/bold-b542beb274-v2.woff2")[0] == 200
        assert fetch(base + "/static/htmx/htmx.min.js")[0] == 200
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        output, _ = proc.communicate(timeout=60)
    text = output.decode()
    assert proc.returncode == 0, text
    assert "hearth worker" in text and "Hearth stopped." in text
    assert "The demo sign-ins are on its sign-in page" in text
    leftovers = subprocess.run(["pgrep", "-f", f"127.0.0.1:{port}"], capture_output=True)
    assert leftovers.stdout == b""
