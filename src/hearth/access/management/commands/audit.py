from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hearth.access.actions.audit import keep_head
from hearth.access.queries import verify


class Command(BaseCommand):
    help = ("The audit trail: `hearth audit verify` checks the HMAC chain end to end and "
            "against the head kept outside the database (settings.AUDIT_HEAD_FILE).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="exit 0 if intact; otherwise name the first bad entry")

    def handle(self, *args, action, **options):
        result = verify()
        if not result.ok:
            raise CommandError(f"Audit chain broken after {result.checked} good entries: "
                               f"{result.problem}", returncode=1)
        self.stdout.write(f"Audit chain intact: {result.checked} entries verified; "
                          f"{result.kept}.")
        # A whole chain's head is kept (only ever forwards): the first verify after an
        # upgrade starts the copy, and a copy behind the database catches up.
        if result.head is not None and keep_head(result.head):
            self.stdout.write(f"Kept the chain's head (entry {result.head.seq}) at "
                              f"{settings.AUDIT_HEAD_FILE}.")
