"""``hearth oncall``: the on-call senior manager rota that overdue lone-visit check-ins escalate
to (R-SAFE-4), and that is alerted first out of hours, when the line manager is off duty
(R-EDT-2)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth import calendar
from hearth.access.models import User
from hearth.core.refusals import Refused
from hearth.safety.actions.oncall import do_add_on_call
from hearth.safety.models import OnCall


def _when(text: str, name: str) -> datetime:
    """An ISO 8601 date-time; without a time zone it is Europe/London time."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{name} must be an ISO date and time, for example "
                           f"2026-11-17T17:00 (got {text!r}).") from exc
    return value if value.tzinfo else value.replace(tzinfo=calendar.LONDON)


class Command(BaseCommand):
    help = ("The on-call rota: `hearth oncall add USERNAME --from ISO --to ISO`, "
            "`hearth oncall list [--all]`.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="put a manager on call for a period")
        add.add_argument("username")
        add.add_argument("--from", dest="starts", required=True,
                         help="start, e.g. 2026-11-17T17:00 (Europe/London unless a zone is "
                              "given)")
        add.add_argument("--to", dest="ends", required=True, help="end, e.g. 2026-11-18T09:00")
        show = sub.add_parser("list", help="who is on call now and next")
        show.add_argument("--all", action="store_true", help="include past periods")

    def handle(self, *args, action, **options):
        if action == "add":
            self._add(options["username"], options["starts"], options["ends"])
        else:
            self._list(options["all"])

    def _add(self, username: str, starts: str, ends: str) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        try:
            row = do_add_on_call(acting_user=None, user=user,
                                          starts_at=_when(starts, "--from"),
                                          ends_at=_when(ends, "--to"))
        except Refused as exc:
            raise CommandError(f"{exc}.") from exc
        self.stdout.write(f"{user.username} is on call from {_show(row.starts_at)} to "
                          f"{_show(row.ends_at)}.")

    def _list(self, everything: bool) -> None:
        now = timezone.now()
        rows = OnCall.objects.select_related("user").order_by("starts_at", "pk")
        if not everything:
            rows = rows.filter(ends_at__gt=now)
        if not rows:
            self.stdout.write("Nobody is on the on-call rota"
                              + ("." if everything else " from now on.")
                              + " Overdue check-ins escalate to every service manager"
                              + " (out of hours they are alerted first).")
            return
        for row in rows:
            marker = "  (on call now)" if row.starts_at <= now < row.ends_at else ""
            self.stdout.write(f"{row.user.username:<20} {_show(row.starts_at)} to "
                              f"{_show(row.ends_at)}{marker}")


def _show(at: datetime) -> str:
    return at.astimezone(calendar.LONDON).strftime("%Y-%m-%d %H:%M %Z")
