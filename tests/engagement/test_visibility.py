"""Who may see engagement records is registered from the app (issue 12): an event or a
follow-up task is visible exactly when its person is (R-RES-1, R-RES-3); anything else is
404, as if it did not exist."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.http import Http404

from hearth.core import visibility
from hearth.engagement import actions
from hearth.engagement.models import EngagementEvent, FollowUpTask
from hearth.engagement.queries.events import get_visible_event
from tests.engagement.conftest import LONDON

pytestmark = pytest.mark.django_db


def test_r_res_1_an_event_is_seen_by_whoever_sees_its_person(fletchers, social_worker,
                                                             outsider):
    done = actions.do_record_event(fletchers["jack"], acting_user=social_worker,
                                   kind="no_answer", believed_in=True,
                                   occurred_at=datetime(2026, 11, 16, 10, 0, tzinfo=LONDON))
    assert get_visible_event(social_worker, done.event.pk) == done.event
    assert list(EngagementEvent.objects.visible_to(outsider)) == []
    with pytest.raises(Http404):
        get_visible_event(outsider, done.event.pk)
    with pytest.raises(Http404):
        get_visible_event(social_worker, "not-an-id")


def test_both_kinds_of_record_have_a_registered_scope(social_worker):
    assert visibility.scope(EngagementEvent, social_worker) is not None
    assert visibility.scope(FollowUpTask, social_worker) is not None
    assert visibility.scope(FollowUpTask, None) is None
