"""Codes for tasks, in one place (DOMAIN.md §6: store codes, not free text)."""

from __future__ import annotations

from django.db import models


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Source(models.TextChoices):
    """Who made the task: a person (set by someone), or Hearth itself, and why."""

    PERSON = "", "Set by a person"
    CHILD_NOT_SEEN = "child_not_seen", "A visit did not see the child"
