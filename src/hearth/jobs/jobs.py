"""The job kinds Hearth runs in the background."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from hearth.jobs.actions import handler, schedule


@handler("sessions.clear")
def clear_sessions(payload: dict) -> None:
    """Remove expired sessions, then come back in an hour."""
    from hearth.jobs.models import Job, JobStatus

    call_command("clearsessions")
    if not Job.objects.filter(kind="sessions.clear", status=JobStatus.DUE).exists():
        schedule("sessions.clear", run_at=timezone.now() + timedelta(hours=1))


@handler("notify.email")
def send_email(payload: dict) -> None:
    """Send one e-mail (retried with back-off when the mail server fails)."""
    from django.core.mail import send_mail

    send_mail(payload["subject"], payload["body"], None, payload["to"], fail_silently=False)
