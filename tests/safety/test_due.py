"""What worker safety adds to the list of what is due (issue 15, R-SAFE-1): Tina signs off
the warning Sam recorded about Kerry, and reviews it when its review date comes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.core.due import MINE
from hearth.safety.due import warnings
from hearth.safety.models import WorkerWarning

pytestmark = pytest.mark.django_db


def test_r_safe_1_warnings_to_sign_off_and_review(fletchers, social_worker, team_manager,
                                                 outsider):
    today = timezone.localdate()
    warning = WorkerWarning.objects.create(
        person=fletchers["mum"], kind="threats", what_happened="Threatened Sam at the door",
        source="Sam's visit", occurred_on=today, disclosed_to_person=True,
        review_on=today + timedelta(days=180), recorded_by=social_worker,
        recorded_at=timezone.now())
    [sign_off] = warnings(team_manager, scope=MINE)
    assert (sign_off.person_name, sign_off.what, sign_off.authorise) == (
        "Kerry Fletcher", "Sign off the worker-safety warning", True)
    assert sign_off.link == f"/warnings/{warning.pk}"
    assert warnings(social_worker, scope=MINE) == []  # a manager signs off
    assert warnings(outsider, scope=MINE) == []
    warning.status, warning.review_on = "active", today - timedelta(days=2)
    warning.save()
    [review] = warnings(team_manager, scope=MINE)
    assert (review.what, review.due, review.authorise) == (
        "Review the worker-safety warning", warning.review_on, False)
    assert review.link == f"/warnings/{warning.pk}/review"
