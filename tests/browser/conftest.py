"""Browser stories: Debian's Chromium, driven by Playwright, against a live Hearth.

- ``page``: a fresh browser context (its own cookies) and page for one person in a story;
  ``new_page()`` opens another, for stories with two people at once (Sam and Tina).
- Pages open on the live server (``page.goto("/sign-in")``), with the page's CSP bypassed so
  that axe-core can be injected. The helpers are in ``tests/browser/helpers.py``.
- When a story fails, a screenshot and the HTML of each of its pages are saved in
  ``test-results/browser/`` (git-ignored).
- The tests fail, naming what to install, when Chromium or axe-core is missing (`make test`
  installs both); ``--require-browser`` also fails a run in which no browser test passed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import AXE_JS, REPO_ROOT, watch

# Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests
# make (fixtures, checks of what was saved) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("HEARTH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RESULTS_DIR = REPO_ROOT / "test-results" / "browser"

# The live server shares the machine with other test runs: allow a slow page, never sleep.
expect.set_options(timeout=15_000)
ACTION_TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make chromium`")
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed at {AXE_JS}: run `npm install`")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "bypass_csp": True,  # axe-core is injected as a script; the page CSP forbids that
        "locale": "en-GB",
        "timezone_id": "Europe/London",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def new_page(new_context, request):
    """Open a page in a fresh browser context: one per person in the story."""
    pages = []
    request.node.hearth_pages = pages

    def _new_page():
        context = new_context()
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        page = watch(context.new_page())
        pages.append(page)
        return page

    return _new_page


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        report.sections.append(("browser evidence", "\n".join(_save_evidence(item))))
    return report


def _save_evidence(item) -> list[str]:
    """Save a screenshot and the HTML of each page the failed story had open."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", item.nodeid.split("::", 1)[-1])[:150]
    saved = []
    for n, page in enumerate(getattr(item, "hearth_pages", []), start=1):
        if page.is_closed():
            continue
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        stem = RESULTS_DIR / f"{name}-page{n}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True, timeout=10_000)
            Path(f"{stem}.html").write_text(page.content())
        except Exception as exc:  # evidence is best effort: keep the story's own failure
            saved.append(f"Could not save {stem}: {exc}")
        else:
            saved.append(f"Saved {stem}.png and {stem}.html ({page.url})")
    return saved
