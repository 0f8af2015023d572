"""Messages for a user inside Hearth (``hearth.access.actions.notifications``)."""

from __future__ import annotations

from django.db import models

from hearth.access.models.users import User


class Notification(models.Model):
    """A message for a user (for example a manager told of a break-glass access)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=200, blank=True)
    people = models.JSONField(default=list, blank=True,
                              help_text="ids of the people the message names: showing it is a "
                              "read of them, audited (issue 13 item 3)")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
