import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from hearth.jobs import jobs  # noqa: F401  (registers the job kinds)
from hearth.jobs.actions import (
    ensure_recurring,
    periodic_thread,
    run_due,
    run_periodic,
    worker_name,
)


class Command(BaseCommand):
    help = ("Run due background jobs from the database until stopped (Ctrl-C or SIGTERM), and "
            "the periodic tasks (the audit log's sequencer, every second) in a thread beside.")

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
        if once:
            run_periodic()
            self.stdout.write(f"ran {run_due()} job(s)")
            return
        self.stdout.write(f"hearth worker {worker_name()} started")
        finished = threading.Event()
        periodic = periodic_thread(finished)
        while not stopping:
            ran = run_due()
            close_old_connections()  # drop a connection the database has closed
            if ran == 0:
                for _ in range(int(interval * 10)):
                    if stopping:
                        break
                    time.sleep(0.1)
        finished.set()
        periodic.join(30)
        self.stdout.write("hearth worker stopped")
