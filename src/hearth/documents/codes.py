"""Codes for documents, in one place (DOMAIN.md §6: store codes, not free text)."""

from __future__ import annotations

from django.db import models


class DocumentKind(models.TextChoices):
    REPORT = "report", "Report"
    LETTER = "letter", "Letter"
    PHOTOGRAPH = "photograph", "Photograph"
    COURT_PAPER = "court_paper", "Court paper"
    EMAIL = "email", "Email"
    OTHER = "other", "Other"


class SeenBy(models.TextChoices):
    """Who may see a document, always within who may see the record it is attached to."""

    RECORD = "record", "Everyone who may see the record"
    TEAM = "team", "Only the allocated team and managers"
    NAMED = "named", "Only the people I name"
