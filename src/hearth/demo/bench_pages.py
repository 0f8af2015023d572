"""``hearth bench pages``: how fast the pages that grow with the council answer, one signed-in
user at a time, against ``/healthz`` as the floor in the same run (issue 14).

Runs in a scratch database of its own (``hearth.demo.scratch.in_scratch``; with
``--reuse``, ``hearth_bench_pages_<families>_<seed>`` on PostgreSQL, kept for the next run):
migrates it, seeds ``--families`` synthetic families with the demo users (``hearth seed
--demo-users``) unless they are there already, signs the demo users in (a session each, and a
read-only API token for the social worker), starts ``hearth serve --workers 1`` on a free
loopback port and asks for each page of ``PAGES`` in turn, ``--requests`` rounds. Prints one
JSON line: the floor's p50, and for each page its path, user, p50/p95, size in bytes and
p50 as a multiple of the floor's.

``PAGES`` is the list the load benchmark reuses: ``(name, username or None, path, api)``; a
path may name ``{child}``, a child on the demo social worker's caseload.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

from hearth.demo.scratch import check_scratch, migrate_scratch, percentile, say

SOCIAL_WORKER = "demo.socialworker"
TEAM_MANAGER = "demo.teammanager"
SERVICE_MANAGER = "demo.servicemanager"


@dataclass(frozen=True)
class Page:
    name: str
    user: str | None  # None: not signed in
    path: str
    api: bool = False  # a bearer token rather than a session


PAGES = (
    Page("healthz", None, "/healthz"),
    # The cheapest signed-in page (session, second factor, read audit, the page's frame): what
    # every page below costs before it reads anything of its own.
    Page("signed_in", SOCIAL_WORKER, "/notifications"),
    Page("allocation_queue", TEAM_MANAGER, "/teams/allocation"),
    Page("two_worker_report_tm", TEAM_MANAGER, "/two-worker-report"),
    Page("two_worker_report_sm", SERVICE_MANAGER, "/two-worker-report"),
    Page("cp_dashboard_tm", TEAM_MANAGER, "/child-protection"),
    Page("cp_dashboard_sm", SERVICE_MANAGER, "/child-protection"),
    Page("caseload", SOCIAL_WORKER, "/caseload"),
    Page("home_sw", SOCIAL_WORKER, "/"),
    Page("home_tm", TEAM_MANAGER, "/"),
    Page("home_sm", SERVICE_MANAGER, "/"),
    # The team's whole list of what is due, a page at a time (the homes show each worker's
    # most pressing few).
    Page("team_work_tm", TEAM_MANAGER, "/work/team"),
    Page("person_page", SOCIAL_WORKER, "/people/{child}"),
    # The child at a glance's next due item, fetched by htmx after the person page (issue 15).
    Page("person_next_due", SOCIAL_WORKER, "/people/{child}/next-due"),
    Page("person_api", SOCIAL_WORKER, "/api/v1/people/{child}", api=True),
)


def _prepare(families: int, seed: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from hearth.access.models import User

    migrate_scratch()
    if User.objects.filter(username=TEAM_MANAGER).exists():
        say("reusing the families already seeded")
    else:
        started = time.perf_counter()
        call_command("seed", families=families, seed=seed, demo_users=True, verbosity=0)
        say(f"{families:,} families seeded in {time.perf_counter() - started:.0f} s")
    if families >= WORK_FAMILIES and give_demo_work():
        say("the demo users given work due (make demo's casework over these families)")
    if connection.vendor == "postgresql":  # as autovacuum would after a bulk load: the
        with connection.cursor() as cursor:  # statistics, and the visibility map that lets
            cursor.execute("VACUUM ANALYZE")  # a count read an index alone


#: From how many families the demo users are given work (``make demo``'s own 300: its
#: casework seeders look for children of given ages and circumstances among them).
WORK_FAMILIES = 300


def give_demo_work() -> bool:
    """The demo users' work, as ``make demo`` gives it (visits, notes and a follow-up; child
    protection enquiries, conferences and plans; child in need plans; professional
    differences; FGCs; children looked after), once: without it every list of what is due is
    empty and the home pages are measured doing nothing (issue 14). False if they have it."""
    from hearth.protection.models import CPPlan

    if CPPlan.objects.exists():
        return False
    from hearth.demo.casework import seed_casework
    from hearth.demo.cin import seed_cin
    from hearth.demo.differences import seed_differences
    from hearth.demo.fgc import seed_fgc
    from hearth.demo.looked_after import seed_looked_after
    from hearth.demo.protection import seed_protection

    seed_casework(2026)
    seed_protection()
    seed_cin()
    seed_differences()
    seed_fgc()
    seed_looked_after()
    return True


def _credentials() -> tuple[dict[str, dict[str, str]], str]:
    """Request headers for each demo user (a session cookie; a bearer token for the API) and
    the child on the social worker's caseload."""
    from django.conf import settings
    from django.test import Client

    from hearth.access.actions.users import do_create_token
    from hearth.access.models import User
    from hearth.casework.models import Involvement, InvolvementStatus
    from hearth.demo.bench_chronology import sign_in_with_second_factor

    headers: dict[str, dict[str, str]] = {}
    for username in {p.user for p in PAGES if p.user}:
        client = Client()
        sign_in_with_second_factor(client, User.objects.get(username=username))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers[username] = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}
        headers[f"{username} api"] = {"Authorization": "Bearer " + do_create_token(
            User.objects.get(username=username), name="bench pages", scope="read", days=1)}
    child = (Involvement.objects.filter(worker__username=SOCIAL_WORKER)
             .exclude(status=InvolvementStatus.CLOSED).order_by("pk")
             .values_list("person_id", flat=True).first())
    if child is None:
        raise RuntimeError("the demo social worker has no open case")
    return headers, str(child)


def _start_worker() -> subprocess.Popen:
    """``hearth worker``: the audit log's sequencer among its jobs. Without it an entry waits
    past ``HEARTH_AUDIT_MAX_DELAY`` and ``/healthz`` answers 503, as it should."""
    return subprocess.Popen([sys.executable, "-m", "hearth.cli", "worker"],  # noqa: S603
                            stdout=subprocess.DEVNULL, env=os.environ.copy())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str, headers: dict[str, str]) -> tuple[int, int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, len(body), (time.perf_counter() - started) * 1000


def _serve(port: int, workers: int = 1) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "hearth.cli", "serve", "--host", "127.0.0.1", "--port",
         str(port), "--workers", str(workers)], stdout=subprocess.DEVNULL,
        env=os.environ.copy())
    deadline = time.monotonic() + 180  # collectstatic first; slow on a busy machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("hearth serve stopped before answering")
        try:
            if _get(port, "/healthz", {})[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("hearth serve did not answer /healthz within 180 s")


def time_pages(port: int, headers: dict, child: str, requests: int) -> dict:
    """Each page ``requests`` times, round after round (so drift touches every page alike)."""
    targets = [(p, p.path.format(child=child),
                headers.get(f"{p.user} api" if p.api else p.user, {})) for p in PAGES]
    times: dict[str, list[float]] = {p.name: [] for p in PAGES}
    sizes: dict[str, int] = {}
    for round_ in range(requests + 2):  # two rounds to warm up, not counted
        for page, path, head in targets:
            status, size, ms = _get(port, path, head)
            if status != 200:
                raise RuntimeError(f"{path} answered {status} for {page.user}")
            sizes[page.name] = size
            if round_ >= 2:
                times[page.name].append(ms)
    floor = percentile(times["healthz"], 0.5)
    return {p.name: {"path": p.path, "user": p.user or "", "bytes": sizes[p.name],
                     "p50_ms": round(percentile(times[p.name], 0.5), 2),
                     "p95_ms": round(percentile(times[p.name], 0.95), 2),
                     "x_floor": round(percentile(times[p.name], 0.5) / floor, 1)}
            for p in PAGES}


def run_in_scratch(*, families: int, requests: int, seed: int) -> str:
    from django.db import connection

    from hearth.casework.models import Involvement, InvolvementStatus
    from hearth.people.models import Person

    check_scratch()
    _prepare(families, seed)
    headers, child = _credentials()
    people = Person.objects.count()
    waiting = Involvement.objects.filter(status=InvolvementStatus.AWAITING_ALLOCATION).count()
    involvements = Involvement.objects.count()
    connection.close()
    port = _free_port()
    say(f"{people:,} people; starting hearth serve --workers 1 on 127.0.0.1:{port} and a "
        f"hearth worker; {requests} rounds of {len(PAGES)} pages")
    worker = _start_worker()  # first: it sequences what a reused database's runs left
    try:
        server = _serve(port)
        try:
            pages = time_pages(port, headers, child, requests)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    return json.dumps({"engine": connection.vendor, "families": families, "people": people,
                       "involvements": involvements, "awaiting_allocation": waiting,
                       "requests": requests, "floor_p50_ms": pages["healthz"]["p50_ms"],
                       "pages": pages})
