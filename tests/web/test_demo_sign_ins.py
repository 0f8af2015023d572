"""A demonstration site shows every role's sign-in, with what the role does, on its sign-in page
(issue 15: `make demo` printed them once and the worker's e-mails scrolled them away)."""

from __future__ import annotations

import pytest

from hearth.access.codes import ROLE_DUTIES, Role
from hearth.core.production import production_problems
from hearth.demo.organisation import format_sign_ins
from hearth.web import queries

ROWS = [("social_worker", "demo.socialworker", "aaaaa-bbbbb-ccccc-ddddd"),
        ("front_door", "demo.frontdoor", "eeeee-fffff-ggggg-hhhhh")]


@pytest.fixture
def kept(tmp_path, settings, monkeypatch):
    path = tmp_path / queries.SIGN_INS
    path.write_text(format_sign_ins(ROWS))
    monkeypatch.setattr(queries, "sign_ins_path", lambda: path)
    return path


def test_every_role_says_what_it_does():
    assert set(ROLE_DUTIES) == set(Role)
    assert all(ROLE_DUTIES.values())


def test_the_kept_table_reads_back_with_what_each_role_does(kept, settings):
    settings.HEARTH_DEMO_SITE = True
    text = kept.read_text()
    assert text.splitlines()[0].split() == ["role", "username", "password", "what", "the",
                                            "role", "does"]
    rows = queries.demo_sign_ins()
    assert [(r["username"], r["password"]) for r in rows] == [(u, p) for _, u, p in ROWS]
    assert rows[1]["label"] == "Information officer / early help advisor"
    assert rows[1]["duties"] == ROLE_DUTIES[Role.FRONT_DOOR]


@pytest.mark.django_db
def test_the_sign_in_page_of_a_demo_site_shows_them(kept, settings, client):
    settings.HEARTH_DEMO_SITE = True
    page = client.get("/sign-in").content.decode()
    assert "Demo sign-ins, one for each role" in page
    assert "demo.frontdoor" in page and "eeeee-fffff-ggggg-hhhhh" in page
    assert ROLE_DUTIES[Role.SOCIAL_WORKER] in page
    assert "Every person in it is made up" in page


@pytest.mark.django_db
def test_any_other_site_never_does(kept, settings, client):
    settings.HEARTH_DEMO_SITE = False
    page = client.get("/sign-in").content.decode()
    assert "demo.frontdoor" not in page and "Demo sign-ins" not in page


def test_production_refuses_a_demo_site(settings):
    settings.HEARTH_DEMO_SITE = True
    assert any("HEARTH_DEMO_SITE" in p for p in production_problems(settings))
    settings.HEARTH_DEMO_SITE = False
    assert not any("HEARTH_DEMO_SITE" in p for p in production_problems(settings))
