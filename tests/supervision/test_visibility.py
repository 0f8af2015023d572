"""Who may see a supervision is registered from the app (issue 12, R-SUP-1): the worker, the
supervisor and their managers; an action agreed in it is seen with it; anything else is 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404

from hearth.core import visibility
from hearth.supervision import queries
from hearth.supervision.models import SupervisionAction, SupervisionSession
from tests.supervision.conftest import held

pytestmark = pytest.mark.django_db


def test_r_sup_1_a_session_is_seen_by_the_worker_and_the_supervisor(
        fletchers, social_worker, team_manager, outsider):
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]])
    assert queries.get_visible_session(social_worker, session.pk) == session
    assert queries.get_visible_session(team_manager, session.pk) == session
    with pytest.raises(Http404):
        queries.get_visible_session(outsider, session.pk)
    assert list(SupervisionAction.objects.visible_to(outsider)) == []


def test_both_kinds_of_record_have_a_registered_scope(team_manager, police_partner):
    assert visibility.scope(SupervisionSession, team_manager) is not None
    assert visibility.scope(SupervisionAction, team_manager) is not None
    assert visibility.scope(SupervisionSession, police_partner) is None
