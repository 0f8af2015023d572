import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from hearth.jobs import jobs  # noqa: F401  (registers the job kinds)
from hearth.jobs.actions import ensure_recurring, run_due, worker_name


class Command(BaseCommand):
    help = "Run due background jobs from the database until stopped (Ctrl-C or SIGTERM)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due, then exit")
        parser.add_argument("--interval", type=float, default=2.0,
                            help="seconds to sleep when nothing is due")

    def handle(self, *args, once=False, interval=2.0, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        ensure_recurring()
        self.stdout.write(f"hearth worker {worker_name()} started")
        while not stopping:
            ran = run_due()
            if once:
                self.stdout.write(f"ran {ran} job(s)")
                return
            close_old_connections()  # drop a connection the database has closed
            if ran == 0:
                for _ in range(int(interval * 10)):
                    if stopping:
                        break
                    time.sleep(0.1)
        self.stdout.write("hearth worker stopped")
