import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from hearth.core.production import production_problems


class Command(BaseCommand):
    help = "Run the production web server (gunicorn), static files served by WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, host, port, workers, **options):
        if settings.PRODUCTION:
            problems = production_problems(settings)
            if problems:
                raise CommandError("Refusing to start: " + "; ".join(problems))
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            "gunicorn", "hearth.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers),
            "--access-logfile", "-",
            # Paths only: never query strings, which could carry search terms.
            "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
            "--graceful-timeout", "20",
        ]
        self.stdout.write(f"Hearth on http://{host}:{port} ({workers} workers)")
        sys.stdout.flush()
        os.execvp(sys.executable, [sys.executable, "-m", *argv])  # noqa: S606  (fixed argv)
