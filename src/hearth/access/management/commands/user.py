import sys

from django.core.management.base import BaseCommand, CommandError

from hearth.access.actions.users import do_create_user
from hearth.access.codes import Role
from hearth.access.models import Agency, Team
from hearth.core.refusals import Refused


class Command(BaseCommand):
    help = ("Manage users: "
            "`hearth user add USERNAME --role ROLE [--team T] [--agency A] --password-stdin`.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a user who can sign in")
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=Role.values)
        add.add_argument("--team", help="team name")
        add.add_argument("--agency", help="partner agency name (MASH partners)")
        add.add_argument("--first-name", default="")
        add.add_argument("--last-name", default="")
        add.add_argument("--email", default="")
        add.add_argument("--password-stdin", action="store_true",
                         help="read the password from standard input (never from the command line)")

    def handle(self, *args, action, username, role, team, agency, password_stdin, **opts):
        if not password_stdin:
            raise CommandError("Give the password on standard input with --password-stdin.")
        password = sys.stdin.readline().rstrip("\n")
        team_obj = agency_obj = None
        if team:
            team_obj = Team.objects.filter(name=team).first()
            if team_obj is None:
                raise CommandError(f"No team called {team!r}. Teams: "
                                   + ", ".join(Team.objects.values_list("name", flat=True)))
        if agency:
            agency_obj = Agency.objects.filter(name=agency).first()
            if agency_obj is None:
                raise CommandError(f"No agency called {agency!r}. Agencies: "
                                   + ", ".join(Agency.objects.values_list("name", flat=True)))
        try:
            user = do_create_user(acting_user=None, username=username, role=role,
                                  password=password, team=team_obj, agency=agency_obj,
                                  first_name=opts["first_name"], last_name=opts["last_name"],
                                  email=opts["email"])
        except Refused as refusal:
            prefix = "Password not accepted: " if refusal.field == "password" else ""
            raise CommandError(prefix + refusal.message) from refusal
        self.stdout.write(f"Added {user.username} ({user.get_role_display()}).")
