"""``hearth chronology rebuild [--person ID]``: re-derive the chronology from the records."""

from __future__ import annotations

import uuid

from django.core.management.base import BaseCommand, CommandError

from hearth.chronology import actions as events


class Command(BaseCommand):
    help = ("Chronology maintenance. `hearth chronology rebuild` re-derives every module's "
            "events from the records themselves (after a restore or a bulk load); hand "
            "entries and casework events are kept.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        rebuild = sub.add_parser("rebuild", help="re-derive events from the records")
        rebuild.add_argument("--person", action="append", default=[],
                             help="only this person's events (an id; may repeat)")

    def handle(self, *args, what, person, **options):
        try:
            ids = [uuid.UUID(p) for p in person] or None
        except ValueError as exc:
            raise CommandError("--person must be a person's id, like "
                               "0b0f6b9e-8d8e-4f5e-9a51-1f2d3c4b5a69") from exc
        written = events.rebuild(ids)
        self.stdout.write(f"Chronology rebuilt: {written} events from the records.")
