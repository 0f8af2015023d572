"""Static files: WhiteNoise finds them once a process for a configuration (the test client
makes a middleware for every client, and finding about a thousand files each time was a third
of the suite's time), and still serves what a changed configuration names."""

from __future__ import annotations

from django.test import Client

from hearth.web import static
from hearth.web.static import HearthWhiteNoise


def test_every_middleware_of_one_configuration_shares_one_scan_of_the_files(db):
    first, second = HearthWhiteNoise(lambda r: None), HearthWhiteNoise(lambda r: None)
    assert first.files is second.files
    assert "/static/govuk/govuk-frontend.min.css" in first.files
    assert any(url.startswith("/assets/fonts/") for url in first.files)  # GOV.UK's fonts
    for client in (Client(), Client()):
        response = client.get("/static/htmx/htmx.min.js")
        assert response.status_code == 200
        response.close()


def test_a_changed_configuration_finds_its_own_files(db, settings):
    before = HearthWhiteNoise(lambda r: None)
    settings.STATIC_URL = "/files/"
    after = HearthWhiteNoise(lambda r: None)
    assert after.files is not before.files
    assert "/files/govuk/govuk-frontend.min.css" in after.files
    assert "/static/govuk/govuk-frontend.min.css" not in after.files
    assert len(static._SCANS) >= 2
