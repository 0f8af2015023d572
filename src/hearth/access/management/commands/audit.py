from django.core.management.base import BaseCommand, CommandError

from hearth.access.queries import verify


class Command(BaseCommand):
    help = "The audit trail: `hearth audit verify` checks the HMAC chain end to end."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="exit 0 if intact; otherwise name the first bad entry")

    def handle(self, *args, action, **options):
        result = verify()
        if not result.ok:
            raise CommandError(f"Audit chain broken after {result.checked} good entries: "
                               f"{result.problem}", returncode=1)
        self.stdout.write(f"Audit chain intact: {result.checked} entries verified.")
