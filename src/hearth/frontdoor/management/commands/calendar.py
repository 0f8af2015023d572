"""``hearth calendar``: statutory deadlines and EDT hours from the command line.

    hearth calendar due KIND START     the deadline, ISO 8601 with its Europe/London offset
    hearth calendar is-edt DATETIME    yes or no (R-EDT-1)

START is an ISO date (2026-12-24) or date-time (2026-12-24T15:30, 2026-12-24T15:30:00+00:00);
a date-time without an offset is Europe/London local time. Mistakes get one line on stderr and
exit code 2.
"""

from __future__ import annotations

import sys
from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth import calendar

PROG = "hearth calendar"


class OneLineParser(CommandParser):
    """Argument errors in one line on stderr, exit code 2 (no usage block) from the command
    line; from call_command, Django's CommandError as usual."""

    def error(self, message):
        if self.called_from_command_line:
            sys.stderr.write(f"{PROG}: {message}\n")
            raise SystemExit(2)
        super().error(message)


def parse_start(text: str, what: str = "START", *, allow_date: bool = True) -> date:
    """An ISO date, or an aware date-time (naive ones are Europe/London local time).

    A local time that the clocks skip or repeat is read with ``fold=0``: the earlier offset.
    """
    try:
        day = date.fromisoformat(text)
    except ValueError:
        pass
    else:
        if allow_date:
            return day
        raise CommandError(f"{what} {text!r} is a date; give a date-time such as {text}T09:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        kind = "an ISO date or date-time" if allow_date else "an ISO date-time"
        raise CommandError(f"{what} {text!r} is not {kind}") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=calendar.LONDON)
    return dt


class Command(BaseCommand):
    help = ("Statutory deadlines (DOMAIN.md §5) and EDT hours, with England's bank holidays. "
            "`due KIND START` prints the deadline; `is-edt DATETIME` prints yes or no.")
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OneLineParser  # one-line errors for a missing or unknown action too
        return parser

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION",
                                        parser_class=OneLineParser)
        due = actions.add_parser("due", help="print the deadline of a timescale")
        due.add_argument("kind", metavar="KIND",
                         help="one of: " + ", ".join(calendar.TIMESCALES))
        due.add_argument("start", metavar="START",
                         help="ISO date or date-time (without an offset: Europe/London)")
        edt = actions.add_parser("is-edt", help="print yes if DATETIME is in EDT hours")
        edt.add_argument("when", metavar="DATETIME",
                         help="ISO date-time (without an offset: Europe/London)")

    def handle(self, *args, action, **options):
        try:
            if action == "due":
                self.stdout.write(self.due(options["kind"], options["start"]))
            else:
                self.stdout.write(self.is_edt(options["when"]))
        except CommandError as exc:
            self.stderr.write(f"{PROG}: {exc}")
            raise SystemExit(2) from None

    def due(self, kind: str, start_text: str) -> str:
        if kind not in calendar.TIMESCALES:
            raise CommandError(f"unknown KIND {kind!r}; choose one of: "
                           + ", ".join(calendar.TIMESCALES))
        start = parse_start(start_text)
        return calendar.TIMESCALES[kind](start).isoformat()

    def is_edt(self, when_text: str) -> str:
        when = parse_start(when_text, "DATETIME", allow_date=False)
        assert isinstance(when, datetime)
        return "yes" if calendar.is_edt(when) else "no"
