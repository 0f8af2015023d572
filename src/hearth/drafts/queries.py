"""Reads of drafts: a user's own only (anyone else's is as if it did not exist)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from hearth.drafts import rules
from hearth.drafts.models import Draft, KeptForm


def visible_to(user):
    """Drafts are their owner's alone, whatever the role."""
    return Draft.objects.filter(
        user=user, saved_at__gte=timezone.now() - timedelta(days=settings.HEARTH_DRAFT_DAYS))


def draft_for(user, kind: str, about: str) -> Draft | None:
    return visible_to(user).filter(kind=kind, about=about).first()


def is_kept(token: str) -> bool:
    """Whether a form is still kept under ``token``."""
    return KeptForm.objects.filter(token_digest=rules.digest(token)).exists()
