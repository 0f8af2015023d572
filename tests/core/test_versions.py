"""Versions and ETags (issue 12): one ETag shape, and a change names the version it was made
from (428 without it, 412 when someone changed the record since)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.core.versions import check_version, etag, require_if_match


def test_the_etag_names_the_kind_the_record_and_its_version(fletchers):
    jack = fletchers["jack"]
    assert etag(jack) == f'"person-{jack.pk}-v{jack.version}"'


def test_a_change_without_if_match_is_refused_as_no_version(fletchers):
    request = RequestFactory().patch("/")
    with pytest.raises(Refused) as caught:
        require_if_match(request, fletchers["jack"])
    assert caught.value.why is Why.NO_VERSION and caught.value.api_status == 428


def test_a_change_from_an_old_version_is_stale_and_the_current_one_passes(fletchers):
    jack = fletchers["jack"]
    old = RequestFactory().patch("/", HTTP_IF_MATCH=f'"person-{jack.pk}-v{jack.version - 1}"')
    with pytest.raises(StaleEdit) as caught:
        require_if_match(old, jack, "person")
    assert caught.value.current_version == jack.version
    current = RequestFactory().patch("/", HTTP_IF_MATCH=etag(jack))
    assert require_if_match(current, jack) == jack.version


def test_an_action_checks_the_version_it_locked(fletchers):
    jack = fletchers["jack"]
    check_version(jack, jack.version)
    check_version(jack, None)
    with pytest.raises(StaleEdit):
        check_version(jack, jack.version + 1)
