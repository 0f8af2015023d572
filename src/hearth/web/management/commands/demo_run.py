import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from hearth.web.queries import sign_ins_path


class Command(BaseCommand):
    help = "Start the web server and a worker beside it; Ctrl-C stops both cleanly."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host, port, **options):
        hearth = [sys.executable, "-m", "hearth.cli"]
        # A demonstration site: the sign-in page shows the demo sign-ins (issue 15).
        env = {**os.environ, "HEARTH_DEMO_SITE": "1"}
        # Passkeys on the demo's own port (`make demo PORT=8001`).
        env.setdefault("HEARTH_WEBAUTHN_ORIGINS", f"http://localhost:{port}")
        web = subprocess.Popen([*hearth, "serve", "--host", host, "--port", str(port)],  # noqa: S603
                               env=env)
        worker = subprocess.Popen([*hearth, "worker"], env=env)  # noqa: S603
        self.stdout.write(f"Hearth is running on http://{host}:{port}/ — press Ctrl-C to stop.")
        self.stdout.write(f"The demo sign-ins are on its sign-in page and in {sign_ins_path()}.")
        children = [web, worker]
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(c.poll() is None for c in children):
            time.sleep(0.2)
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
        self.stdout.write("Hearth stopped.")
        code = max((c.returncode or 0) for c in children) if not stopping else 0
        os._exit(code) if code else None
