"""Notifications: a message in Hearth, and an e-mail that says only that there is one."""

from __future__ import annotations

from django.db import transaction

from hearth.access.models import Notification


def notify(users, *, subject: str, body: str = "", link: str = "",
           people=()) -> list[Notification]:
    """Tell ``users``; ``people`` are the people the message names (their ids), so that the
    page showing it audits the read (issue 13 item 3)."""
    named = [str(pk) for pk in people]
    notes = [Notification.objects.create(user=u, subject=subject, body=body, link=link,
                                         people=named)
             for u in users]
    recipients = [u.email for u in users if u.email]
    if recipients:
        from hearth.jobs.actions import schedule

        # The e-mail says only that there is something to read in Hearth: no case details.
        transaction.on_commit(lambda: schedule("notify.email", {
            "subject": "Hearth: " + subject.split(" on ")[0][:80],
            "body": "You have a new notification in Hearth. Sign in to read it.",
            "to": recipients,
        }))
    return notes


def notify_managers(user, *, subject: str, body: str = "", link: str = "",
                    people=()) -> list[Notification]:
    return notify(list(user.managers()), subject=subject, body=body, link=link, people=people)
