"""The accessibility check itself: it must fail on a page that breaks WCAG, or it proves nothing."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_assert_accessible_reports_each_violation_with_its_selector(page):
    page.goto("/sign-in")
    assert_accessible(page)
    # Break the page the way a template could: an unlabelled field and an image with no text.
    page.evaluate("""() => {
        const form = document.querySelector('main form');
        form.insertAdjacentHTML('beforeend',
            '<input id="unlabelled" class="govuk-input" type="text">' +
            '<img id="no-alt" src="/assets/images/govuk-crest.svg">');
    }""")
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "label [critical]" in message and "#unlabelled" in message
    assert "image-alt [critical]" in message and "#no-alt" in message


def test_assert_accessible_refuses_an_unstyled_page(page):
    page.goto("/sign-in")
    page.evaluate("() => document.querySelectorAll('link[rel=stylesheet]')"
                  ".forEach(link => link.remove())")
    with pytest.raises(AssertionError, match="GOV.UK stylesheet did not load"):
        assert_accessible(page)
