"""Codes for child in need plans, in one place (DOMAIN.md §6: store codes, not free text)."""

from __future__ import annotations

from django.db import models


class EndReason(models.TextChoices):
    """Why a CIN plan ended (R-CIN-2)."""

    STEP_DOWN = "step_down", "Stepped down to early help"
    CP_PLAN = "cp_plan", "Child protection plan started"
    LOOKED_AFTER = "looked_after", "Became looked after"
    CASE_CLOSED = "case_closed", "Case closed"


class Progress(models.TextChoices):
    """How an action of the plan is going, at a CIN meeting (R-CIN-1)."""

    DONE = "done", "Done"
    UNDER_WAY = "under_way", "Under way"
    NOT_STARTED = "not_started", "Not started"
    STOPPED = "stopped", "Stopped or no longer needed"


#: Reasons a worker chooses; "CP plan" is written by the conference that starts one.
CHOSEN_END_REASONS = [c for c in EndReason.choices if c[0] != EndReason.CP_PLAN]
