"""Visibility as a mechanism (issue 12): each app registers who may see its records; a model
nobody registered is seen by nobody, and whatever a user may not see answers 404."""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.http import Http404

from hearth.access.models import Team
from hearth.core import visibility
from hearth.people.models import Person
from hearth.people.queries.visibility import can_see


def test_every_app_that_owns_records_registered_who_may_see_them():
    assert visibility.scope("people.person", None) is None  # nobody signed in sees nothing
    for label in ("people.person", "frontdoor.contact"):
        assert label in visibility._scopes, label


def test_a_model_nobody_registered_is_seen_by_nobody(social_worker, north):
    assert visibility.scope(Team, social_worker) is None
    assert not visibility.apply(Team.objects.all(), social_worker).exists()


def test_sam_sees_jack_through_his_involvement_and_olly_gets_404(fletchers, social_worker,
                                                                 outsider):
    jack = fletchers["jack"]
    found = visibility.get_visible_or_404(Person, social_worker, jack.pk)
    assert found == jack
    with pytest.raises(Http404, match="No such person"):
        visibility.get_visible_or_404(Person, outsider, jack.pk)


def test_an_id_that_is_not_an_id_is_404_not_an_error(social_worker):
    with pytest.raises(Http404):
        visibility.get_visible_or_404(Person, social_worker, "not-a-uuid")


def test_reaches_registered_from_above_are_ored(fletchers, outsider):
    """Olly sees Jack once some app adds a reach that gives him Jack, and not after."""
    jack = fletchers["jack"]

    def olly_reaches_jack(user):
        return Q(pk=jack.pk) if user.pk == outsider.pk else None

    assert not can_see(outsider, jack)
    visibility.add_reach(Person, olly_reaches_jack)
    visibility.add_reach(Person, olly_reaches_jack)  # twice is harmless
    try:
        assert can_see(outsider, jack)
        assert visibility._reaches["people.person"].count(olly_reaches_jack) == 1
    finally:
        visibility._reaches["people.person"].remove(olly_reaches_jack)
    assert not can_see(outsider, jack)


def test_an_inactive_user_sees_nothing(fletchers, social_worker):
    social_worker.is_active = False
    assert visibility.scope(Person, social_worker) is None
