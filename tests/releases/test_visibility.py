"""A copy of records is visible exactly when its person is (R-REC-9; issue 12: the scope is
registered with ``core.visibility`` from the releases AppConfig)."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import timezone

from hearth.core import visibility
from hearth.releases.actions import do_start_release
from hearth.releases.models import Release
from hearth.releases.queries.releases import get_visible_release

pytestmark = [pytest.mark.django_db]


def test_r_rec_9_a_copy_is_visible_with_its_person(fletchers, social_worker, outsider):
    release = do_start_release(fletchers["mum"], acting_user=social_worker,
                               requested_by="Kerry Fletcher", requested_on=timezone.localdate())
    assert list(Release.objects.visible_to(social_worker)) == [release]
    assert get_visible_release(social_worker, release.pk) == release
    assert not Release.objects.visible_to(outsider).exists()
    assert visibility.scope(Release, None) is None
    for user, pk in ((outsider, release.pk), (social_worker, "abc"), (social_worker, 0)):
        with pytest.raises(Http404):
            get_visible_release(user, pk)
