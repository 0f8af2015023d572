"""``hearth bench load``: a council's workforce at once (issue 14).

In a scratch database of its own (with ``--reuse`` on PostgreSQL,
``hearth_bench_load_<families>_<seed>``, seeded once and kept), seeded with ``hearth seed
--families N --seed S --demo-users``: signs in the staff the simulated users act as (a session
with the second factor passed, a CSRF pair, a write API token each: social workers with their
caseloads, the front door, team and service managers), starts ``hearth serve --workers W`` and
``hearth worker`` (which sequences the audit log), and drives the mix of
``hearth.demo.load_users`` with locust, headless, for ``--seconds`` once all ``--users`` have
started (the ramp is not counted). Prints one JSON line:

    {"engine", "families", "people", "users", "seconds", "web_workers", "workers", "mix",
     "requests", "failures", "requests_per_s", "floor_p50_ms",
     "operations": {name: {"requests", "failures", "p50_ms", "p95_ms", "x_floor"}},
     "errors": [{"operation", "error", "occurrences"}], "audit_waiting", "audit_verify"}

With ``--mix ceiling`` the same users ask only their notifications page (``load_users``): the
ceiling of the machine for a signed-in page, whatever the pages of the council's mix do.
``x_floor`` is an operation's p50 as a multiple of ``/healthz``'s in the same run. After the run
the audit log is sequenced and verified, so a run also proves the log kept up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from hearth.demo.bench_chronology import sign_in_with_second_factor
from hearth.demo.bench_pages import _free_port, _prepare, _serve, _start_worker
from hearth.demo.scratch import check_scratch, say

#: Staff the simulated users act as, most of each kind.
MOST_ACTORS = 20
MOST_CHILDREN = 40


def _sign_in(user) -> str:
    """A session for ``user`` with the second factor passed; the Cookie header's value."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    sign_in_with_second_factor(client, user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _visitable(user, children: list) -> list:
    """The children ``user`` may record a lone, completed visit to now: not a family whose
    warning needs two workers or a manager's agreement (R-SAFE-2, R-SAFE-3), which the
    benchmark would otherwise see refused."""
    from django.utils import timezone

    from hearth.people.models import Person
    from hearth.visits.actions import NEW_VISIT_CHECKS, VISIT_CHECKS

    values = {"kind": "planned", "starts_at": timezone.now() - timedelta(hours=1),
              "place": "Home", "who_present": "", "child_seen": True, "child_seen_alone": True,
              "bedroom_seen": False, "home_conditions": "", "parent_child_interaction": "",
              "what_was_said": "", "outcome": "completed", "unknown_adult_seen": False,
              "unknown_adult_details": ""}
    found = []
    for child in Person.objects.filter(pk__in=children):
        if not (VISIT_CHECKS.first_refusal(values, child, user)
                or NEW_VISIT_CHECKS.first_refusal({**values, "joint_worker": None}, child,
                                                  user)):
            found.append(str(child.pk))
    return found


def actors() -> dict:
    """Who the simulated users are: see the module's docstring."""
    from django.utils.crypto import get_random_string

    from hearth.access.actions.users import do_create_token
    from hearth.access.codes import Role
    from hearth.access.models import User
    from hearth.casework.models import Involvement, InvolvementStatus
    from hearth.people.models import Person, PersonAddress

    def actor(user, children=()) -> dict:
        csrf = get_random_string(32)
        return {"cookie": f"{_sign_in(user)}; csrftoken={csrf}", "csrf": csrf,
                "token": do_create_token(user, acting_user=user, name="bench load",
                                         scope="write", days=1),
                "children": [str(c) for c in children]}

    found: dict = {"social_worker": [], "front_door": [], "manager": []}
    workers = User.objects.filter(role=Role.SOCIAL_WORKER, is_active=True).order_by("username")
    for user in workers:
        children = list(Involvement.objects.filter(worker=user).exclude(
            status=InvolvementStatus.CLOSED).order_by("pk")
            .values_list("person_id", flat=True)[:MOST_CHILDREN])
        if children:
            one = actor(user, children)
            one["visit_children"] = _visitable(user, children)
            found["social_worker"].append(one)
        if len(found["social_worker"]) >= MOST_ACTORS:
            break
    if not found["social_worker"]:
        raise RuntimeError("no social worker has an open case: seed more families")
    everyone = [c for a in found["social_worker"] for c in a["children"]]
    for user in User.objects.filter(role=Role.FRONT_DOOR, is_active=True)[:MOST_ACTORS]:
        found["front_door"].append(actor(user, everyone[:MOST_CHILDREN * 4]))
    for user in User.objects.filter(role__in=[Role.TEAM_MANAGER, Role.SERVICE_MANAGER],
                                    is_active=True).order_by("username")[:MOST_ACTORS]:
        found["manager"].append(actor(user))
    if not found["front_door"] or not found["manager"]:
        raise RuntimeError("no front-door user or manager: seed with --demo-users")
    searches = []
    for person in Person.objects.filter(pk__in=everyone):
        if person.date_of_birth is None:
            continue
        postcode = (PersonAddress.objects.filter(person=person).order_by("-start_date")
                    .values_list("address__postcode", flat=True).first() or "")
        searches.append({"name": f"{person.given_name} {person.family_name}",
                         "family_name": person.family_name, "postcode": postcode,
                         "dob": person.date_of_birth.strftime("%d/%m/%Y")})
    found["searches"] = searches
    return found


def drive(port: int, cast: dict, *, users: int, seconds: int, spawn_rate: float,
          mix: str = "council") -> dict:
    """Run locust against 127.0.0.1:port with ``mix`` (``load_users.MIXES``); the operations'
    figures and the errors."""
    folder = Path(tempfile.mkdtemp(prefix="hearth-load-"))
    (folder / "actors.json").write_text(json.dumps(cast), encoding="utf-8")
    env = {**os.environ, "HEARTH_LOAD_ACTORS": str(folder / "actors.json"),
           "HEARTH_LOAD_SUMMARY": str(folder / "summary.json"), "HEARTH_LOAD_MIX": mix}
    command = [sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name(
        "load_users.py")), "--headless", "--host", f"http://127.0.0.1:{port}",
        "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{seconds}s",
        "--reset-stats", "--only-summary",
        "--exit-code-on-error", "0", "--stop-timeout", "10", "--loglevel", "WARNING"]
    # the run: seconds, plus the ramp (not counted), plus locust's start and stop
    ramp = users / spawn_rate
    result = subprocess.run(command, env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=seconds + ramp + 300, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"locust failed (exit {result.returncode}): "
                           f"{result.stderr.strip()[-2000:]}")
    summary = folder / "summary.json"
    if not summary.exists():
        raise RuntimeError("locust wrote no summary: " + result.stderr.strip()[-2000:])
    return json.loads(summary.read_text(encoding="utf-8"))


def prepare_in_scratch(*, families: int, seed: int) -> str:
    """``--reuse``'s kept database, prepared and left for the runs' copies: seeded the first
    time, its audit log sequenced (so that a copy's log reaches the head kept for it)."""
    from django.core.management import call_command

    from hearth.people.models import Person

    check_scratch()
    _prepare(families, seed)
    call_command("audit", "sequence", verbosity=0)
    return json.dumps({"prepared": True, "people": Person.objects.count()})


def run_in_scratch(*, users: int, seconds: int, families: int, seed: int, web_workers: int,
                   workers: int, spawn_rate: float, mix: str = "council") -> str:
    from django.core.management import call_command
    from django.db import connection

    from hearth.access.models import AuditEntry
    from hearth.access.queries import verify
    from hearth.frontdoor.models import Contact
    from hearth.people.models import Person

    check_scratch()
    _prepare(families, seed)
    cast = actors()
    people = Person.objects.count()
    contacts = Contact.objects.count()  # a reused database's copy: the same every run
    connection.close()
    port = _free_port()
    say(f"{people:,} people; {len(cast['social_worker'])} social workers, "
        f"{len(cast['front_door'])} front-door staff and {len(cast['manager'])} managers "
        f"signed in; hearth serve --workers {web_workers} and {workers} hearth worker(s) on "
        f"127.0.0.1:{port}; {users} users for {seconds} s")
    # The workers first: they sequence what the log holds (a reused database's earlier runs),
    # without which /healthz answers 503 and the server never counts as up.
    background = [_start_worker() for _ in range(workers)]
    try:
        server = _serve(port, workers=web_workers)
    except RuntimeError:
        for process in background:
            process.terminate()
        raise
    try:
        figures = drive(port, cast, users=users, seconds=seconds, spawn_rate=spawn_rate,
                        mix=mix)
        time.sleep(2)  # the sequencer's next ticks
    finally:
        for process in [server, *background]:
            process.terminate()
        for process in [server, *background]:
            process.wait(timeout=60)
    waiting = AuditEntry.objects.filter(seq__isnull=True).count()
    call_command("audit", "sequence", verbosity=0)
    verified = verify()
    operations = figures["operations"]
    floor = operations.get("healthz", {}).get("p50_ms") or 0.0
    for figures_of in operations.values():
        figures_of["x_floor"] = round(figures_of["p50_ms"] / floor, 1) if floor else None
    total = figures["total"]
    return json.dumps({
        "engine": connection.vendor, "families": families, "people": people, "users": users,
        "seconds": seconds, "web_workers": web_workers, "workers": workers, "mix": mix,
        "contacts_at_start": contacts,
        "requests": total.get("requests", 0), "failures": total.get("failures", 0),
        "requests_per_s": total.get("requests_per_s", 0.0), "floor_p50_ms": floor,
        "operations": operations, "errors": figures["errors"],
        "audit_waiting_at_stop": waiting,
        "audit_verify": "ok" if verified.ok else verified.problem})
