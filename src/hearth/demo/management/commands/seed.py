import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from hearth.demo import organisation as seed_org
from hearth.demo.families import FamilyMaker
from hearth.demo.load import load_families
from hearth.people.models import Person


class Command(BaseCommand):
    help = ("Add synthetic families (invented people, never real ones) for demos and testing. "
            "The same --seed gives the same people and names.")

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, required=True, help="how many families")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument("--demo-users", action="store_true",
                            help="also make one sign-in per role; passwords are written to "
                                 "$HEARTH_DATA_DIR/demo-sign-ins.txt (readable by you only)")

    def handle(self, *args, families, seed, demo_users, **options):
        if families < 1:
            raise CommandError("--families must be at least 1.")
        today = timezone.localdate()
        maker = FamilyMaker(seed, today=today)
        made = [maker.family() for _ in range(families)]
        if Person.objects.filter(pk=made[0].people[0].id).exists():
            raise CommandError(f"The families of seed {seed} are already in the database; "
                               f"choose another --seed.")
        rng = random.Random(seed * 7919 + 1)
        with transaction.atomic():
            loaded = load_families(made)
            teams, agencies = seed_org.organisation()
            staff = seed_org.workers(rng, teams, seed)
            cases = seed_org.involvements(rng, loaded, teams, staff, today)
            sign_ins = seed_org.demo_users(rng, loaded, teams, agencies, today) \
                if demo_users else []
        self.stdout.write(
            f"Added {families} synthetic families: {len(loaded.people)} people "
            f"({len(loaded.children)} children, {loaded.duplicates} duplicate records, "
            f"{loaded.aliases} aliases and previous names), {cases} involvements.")
        if sign_ins:
            path = seed_org.write_sign_ins(sign_ins)
            self.stdout.write(f"Demo sign-ins (also in {path}):")
            self.stdout.write(seed_org.format_sign_ins(sign_ins), ending="")
