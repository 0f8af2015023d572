"""What every browser story does: sign in through the real form, and check each page it sees.

``assert_accessible(page)`` is called on every page a story visits, including pages that show
validation errors (``sign_in`` checks the sign-in page, and each role's home it lands on, once
in each test process; a story about a home page checks it itself). Before it runs axe-core it
makes sure axe checks the page people really see: the GOV.UK stylesheet has loaded, GOV.UK
Frontend's JavaScript has started, and the page has thrown no JavaScript errors and failed to
load none of its files.
"""

from __future__ import annotations

import re
import warnings
import weakref
from pathlib import Path

from playwright.sync_api import Page, Request, Response, expect

from tests.conftest import PASSWORD, authenticator_app, next_code

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what public-sector services must meet.
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

# GOV.UK Frontend gives the header this background; any other value means its CSS is missing.
GOVUK_HEADER_BACKGROUND = "rgb(11, 12, 12)"

FILE_TYPES = {"stylesheet", "script", "font", "image", "media"}

_problems: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def watch(page: Page) -> Page:
    """Record the page's JavaScript errors and any of its files that failed to load."""
    problems = _problems.setdefault(page, [])

    def on_response(response: Response) -> None:
        # Pages and htmx requests may answer 400, 404 or 409 on purpose; the page's files may not.
        if response.status >= 400 and response.request.resource_type in FILE_TYPES:
            problems.append(f"{response.request.resource_type} {response.url} answered "
                            f"{response.status}")

    def on_request_failed(request: Request) -> None:
        # ERR_ABORTED: the story moved on before a file arrived, which is not the page's fault.
        if "ERR_ABORTED" not in (request.failure or ""):
            problems.append(f"{request.resource_type} {request.url} failed: {request.failure}")

    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return page


def assert_accessible(page: Page) -> None:
    """Fail, listing every WCAG 2.0/2.1/2.2 A and AA violation axe-core finds on the page."""
    page.wait_for_load_state("load")
    styled = page.evaluate(
        "() => { const header = document.querySelector('.govuk-header');"
        " return header && getComputedStyle(header).backgroundColor; }")
    assert styled == GOVUK_HEADER_BACKGROUND, (
        f"The GOV.UK stylesheet did not load on {page.url} (header background: {styled!r})")
    # GOV.UK Frontend's JavaScript has started: initAll() marks each component data-<name>-init.
    page.wait_for_function("() => document.querySelector('[data-govuk-skip-link-init]')")
    not_started = page.evaluate(
        "() => [...document.querySelectorAll('[data-module]')]"
        "  .filter(el => !el.hasAttribute(`data-${el.dataset.module}-init`))"
        "  .map(el => el.dataset.module)")
    if not_started:
        # Content swapped in by htmx: hearth/init.js runs initAll() once, at page load.
        warnings.warn(f"GOV.UK Frontend did not start {sorted(set(not_started))} on "
                      f"{path_of(page)}", UserWarning, stacklevel=2)
    problems = _problems.get(page, [])
    assert not problems, f"Problems loading {page.url}:\n" + "\n".join(problems)

    if page.evaluate("() => typeof window.axe") == "undefined":
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    violations = results["violations"]
    if violations:
        lines = [f"axe-core found {len(violations)} accessibility violation(s) on {page.url} "
                 f"({page.title()!r}):"]
        for v in violations:
            lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({v['helpUrl']})")
            for node in v["nodes"]:
                lines.append(f"    at {' '.join(str(t) for t in node['target'])}")
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                if summary:
                    lines.append(f"       {summary}")
        raise AssertionError("\n".join(lines))


#: The pages ``sign_in`` has checked with axe-core in this test process: the sign-in page once,
#: and each role's home page once (a story checks the pages it is about itself; checking the
#: same sign-in page before every story was a quarter of the browser stories' time).
_SIGN_IN_CHECKED: set[str] = set()


def _check_once(page: Page, key: str) -> None:
    if key not in _SIGN_IN_CHECKED:
        assert_accessible(page)
        _SIGN_IN_CHECKED.add(key)


def sign_in(page: Page, user, *, password: str = PASSWORD) -> None:
    """Sign in through the real form, with the code of the user's authenticator app (made for
    them if they have none: every role has a second factor, issue 13), and land on the
    user's home page."""
    device = authenticator_app(user)
    page.goto("/sign-in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")
    _check_once(page, "sign-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, device)
    expect(sign_out_button(page, user)).to_be_visible()
    _check_once(page, f"home of a {user.role}")


def enter_code(page: Page, device) -> None:
    """Type the code the authenticator app shows now into "Enter the code from your
    authenticator app", and continue."""
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app")
    page.get_by_label("Code from your authenticator app").fill(next_code(device))
    page.get_by_role("button", name="Continue").click()


def sign_out_button(page: Page, user):
    return page.get_by_role("button", name=f"Sign out {user.display_name}")


def error_summary(page: Page):
    return page.locator(".govuk-error-summary")


def summary_value(page: Page, key: str):
    """The value beside ``key`` in the record's summary list."""
    row = page.locator(".govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=re.compile(f"^{re.escape(key)}$")))
    return row.locator(".govuk-summary-list__value")


def path_of(page: Page) -> str:
    """The page's path (and query), without the live server's address."""
    match = re.match(r"https?://[^/]+(/.*)", page.url)
    return match.group(1) if match else page.url
