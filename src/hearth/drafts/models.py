"""What a worker has typed and not yet saved (issue 15, "Nothing lost").

A ``Draft`` is one user's unsaved input to one long form about one record: its owner, the
form (``kind``: the page's route name, e.g. ``visits:new``) and what it is about (``about``:
the route's arguments, e.g. the child's id). It holds personal data, so it lives here, never
in a URL or a log, and only its owner may read it.

A ``KeptForm`` is a form posted after its session had ended: its fields, kept for at most an
hour under the digest of a random token that only the browser that posted it holds (in a
signed cookie), for the user whose session it was."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Draft(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    kind = models.CharField(max_length=80)
    about = models.CharField(max_length=120)
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "about"],
                                               name="one_draft_per_user_form")]
        indexes = [models.Index(fields=["saved_at"])]

    def __str__(self) -> str:
        return f"draft of {self.kind} ({self.about})"


class KeptForm(models.Model):
    token_digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    path = models.CharField(max_length=300)
    fields = models.JSONField(default=dict)
    kept_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"form kept for {self.path}"
