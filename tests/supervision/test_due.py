"""What supervision adds to the list of what is due (issue 15, R-SUP-3): Tina's supervision of
Sam, due now when never held and then every 28 days (the default) after the last one; not on
Sam's own list (his supervisor arranges it)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.core.due import MINE, TEAM
from hearth.supervision.due import supervision
from hearth.supervision.models import SupervisionSession
from hearth.supervision.rules import DEFAULT_EVERY_DAYS

pytestmark = pytest.mark.django_db


def test_r_sup_3_tinas_supervision_of_sam(social_worker, team_manager, outsider):
    today = timezone.localdate()
    [never] = supervision(team_manager, scope=MINE)
    assert (never.person_name, never.what, never.due) == ("Sam Worker",
                                                          "Supervision (never held)", today)
    assert never.person_id == "" and never.link == f"/supervision/workers/{social_worker.pk}"
    held = today - timedelta(days=10)
    SupervisionSession.objects.create(worker=social_worker, supervisor=team_manager,
                                      scheduled_for=held, held_on=held, status="held",
                                      recorded_by=team_manager, recorded_at=timezone.now())
    [next_one] = supervision(team_manager, scope=MINE)
    assert next_one.due == held + timedelta(days=DEFAULT_EVERY_DAYS)
    assert supervision(team_manager, scope=TEAM) == []
    assert supervision(social_worker, scope=MINE) == []
    assert "Olly Outsider" not in [i.person_name for i in supervision(team_manager, scope=MINE)]
