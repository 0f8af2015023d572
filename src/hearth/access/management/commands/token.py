from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.access.actions.users import do_create_token, do_revoke_token
from hearth.access.codes import TokenScope
from hearth.access.models import ApiToken, User
from hearth.core.refusals import Refused


class Command(BaseCommand):
    help = ("API tokens: `hearth token create USERNAME [--scope read|write] [--days N] "
            "[--name TEXT]` prints a new bearer token (kept hashed); `hearth token list "
            "USERNAME`; `hearth token revoke PREFIX`.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a bearer token for a user")
        create.add_argument("username")
        create.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ,
                            help="read (the default) or write")
        create.add_argument("--days", type=int, default=None,
                            help="how many days until it expires (default 90)")
        create.add_argument("--name", default="", help="what the token is for")
        listing = sub.add_parser("list", help="a user's tokens (never the tokens themselves)")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix (hth_…)")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        if action == "revoke":
            return self._revoke(options["prefix"])
        username = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None or (action == "create" and not user.is_active):
            raise CommandError(f"No active user called {username!r}.")
        if action == "list":
            now = timezone.now()
            for row in ApiToken.objects.filter(user=user):
                self.stdout.write(f"{row.prefix}…  {row.scope:5}  {row.status(now):7}  "
                                  f"expires {row.expires_at:%Y-%m-%d}  {row.name}")
            return None
        try:
            token = do_create_token(user, name=options["name"], scope=options["scope"],
                                    days=options["days"])
        except Refused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(token)
        return None

    def _revoke(self, prefix: str) -> None:
        rows = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if len(rows) != 1:
            raise CommandError(f"No single live token starts {prefix!r}." if not rows else
                               f"{len(rows)} live tokens start {prefix!r}; revoke by page.")
        do_revoke_token(rows[0], acting_user=None)
        self.stdout.write(f"Revoked {prefix}…")
