from django.core.management.base import BaseCommand, CommandError

from hearth.access.actions.users import do_create_token
from hearth.access.models import User


class Command(BaseCommand):
    help = "API tokens: `hearth token create USERNAME` prints a new bearer token (kept hashed)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a bearer token for a user")
        create.add_argument("username")

    def handle(self, *args, action, username, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        self.stdout.write(do_create_token(user))
