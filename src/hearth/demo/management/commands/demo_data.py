from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from hearth.demo import organisation as seed_org
from hearth.people.models import Person

FAMILIES = 300
SEED = 2026


class Command(BaseCommand):
    help = (f"Demo data, once: when there are no people yet, {FAMILIES} synthetic families "
            f"(seed {SEED}) and one sign-in per role. Always prints the demo sign-ins.")

    def handle(self, *args, **options):
        path = seed_org.sign_ins_path()
        if not Person.objects.exists():
            call_command("seed", families=FAMILIES, seed=SEED, demo_users=True,
                         stdout=self.stdout, stderr=self.stderr)
            from hearth.demo.frontdoor import seed_contacts

            extra = seed_contacts(SEED)
            from hearth.chronology.actions import rebuild
            from hearth.demo.casework import seed_casework

            self.stdout.write(f"Casework for {seed_casework(SEED)} of the demo social "
                              "worker's children: visits, notes, follow-up, a warning.")
            from hearth.demo.protection import seed_protection

            self.stdout.write(f"Child protection for {seed_protection()} more: strategy "
                              "discussions, enquiries, conferences and plans.")

            from hearth.demo.lado import seed_lado

            extra += seed_lado(SEED)  # LADO matters in every state, its service manager

            from hearth.demo.fgc import seed_fgc

            self.stdout.write(f"Family Group Conferences: {seed_fgc()}, one in every state.")
            from hearth.demo.cin import seed_cin

            self.stdout.write(f"Child in need plans: {seed_cin()}, one with a visit overdue.")
            from hearth.demo.differences import seed_differences

            self.stdout.write(f"Professional differences: {seed_differences()}, one overdue.")
            from hearth.demo.looked_after import seed_looked_after

            self.stdout.write(f"Children looked after: {seed_looked_after()}, one in every "
                              "legal status, several with placement moves.")
            self.stdout.write(f"Chronologies built: {rebuild()} events from the records.")
            if extra:
                with path.open("a") as sign_ins:
                    sign_ins.write(seed_org.format_sign_ins(extra).split("\n", 1)[1])
                self.stdout.write("And a front door with contacts in every state; the CRS "
                                  "manager who authorises them, and the LADO's service "
                                  "manager:")
                self.stdout.write(seed_org.format_sign_ins(extra), ending="")
            return
        if not path.exists():
            seed_org.write_sign_ins(seed_org.ensure_demo_users(timezone.localdate(), SEED))
        self.stdout.write(f"Demo data is already loaded. Demo sign-ins (from {path}):")
        self.stdout.write(path.read_text(), ending="")
