"""The codes a missing episode stores (SSDA903 Missing file, RETURNS.md §2.4: MISSING)."""

from __future__ import annotations

from django.db import models


class MissingKind(models.TextChoices):
    """MISSING: whether the child's whereabouts were known."""

    MISSING = "M", "Missing (whereabouts unknown)"
    AWAY = "A", "Away from placement without authorisation (whereabouts known)"


SHORT = {MissingKind.MISSING: "missing", MissingKind.AWAY: "away without authorisation"}
