"""The browser fixtures of ``tests/browser`` (Debian's Chromium, the live server, axe-core),
for the copy-of-records pages' browser story in this folder."""

from tests.browser.conftest import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    new_page,
    page,
)
