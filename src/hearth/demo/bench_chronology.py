"""``hearth bench chronology --events N``: how fast the chronology page renders for one child
with N events from across the modules.

Runs in a scratch database of its own (see ``hearth.demo.scratch.in_scratch``): one
child with N events — visits (some with no access, some cancelled), significant finalised case
notes and hand entries (school, health, disclosures, legal status…) spread over ten years — derived
into the chronology by ``events.rebuild`` as the modules do. Then a signed-in social worker
asks for the chronology page through Django's full request stack (middleware, session, audit
row, template, SVG) ``--requests`` times. Prints one JSON line:
``{"events": N, "requests": R, "p50_ms": …, "p95_ms": …, "queries": Q}`` where Q is the
number of database queries one page takes (it does not grow with N).
"""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta

from hearth import calendar
from hearth.demo.scratch import migrate_scratch, percentile, say

SPAN_DAYS = 3650


def _load(events: int, seed: int):
    from django.utils import timezone

    from hearth.access.codes import Role
    from hearth.access.models import Team, User
    from hearth.casework.models import Involvement
    from hearth.chronology import actions as chronology
    from hearth.chronology.codes import LANE_OF, MANUAL, MANUAL_KINDS
    from hearth.chronology.models import Event, month_start
    from hearth.people.models import Person
    from hearth.records.models import CaseNote
    from hearth.visits.models import Visit

    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    team = Team.objects.create(name="Bench Family Help")
    worker = User(username="bench.worker", role=Role.SOCIAL_WORKER, team=team,
                  first_name="Bench", last_name="Worker")
    worker.set_unusable_password()
    worker.save()
    child = Person.objects.create(given_name="Robin", family_name="Bench", created_by=worker)
    Involvement.objects.create(person=child, team=team, worker=worker,
                               opened_on=timezone.localdate() - timedelta(days=SPAN_DAYS))
    now = timezone.now()

    def when() -> datetime:
        moment = now - timedelta(minutes=rng.randrange(SPAN_DAYS * 24 * 60))
        return moment.astimezone(calendar.LONDON)

    n_visits, n_notes = int(events * 0.4), int(events * 0.25)
    n_manual = events - n_visits - n_notes
    outcomes = ["completed"] * 6 + ["no_access", "cancelled_by_family", "cut_short"]
    Visit.objects.bulk_create([Visit(
        child=child, kind=rng.choice(["planned", "unannounced"]), starts_at=when(),
        place="The family home", child_seen=True, outcome=rng.choice(outcomes),
        recorded_by=worker, recorded_at=now) for _ in range(n_visits)], batch_size=2000)
    CaseNote.objects.bulk_create([CaseNote(
        person=child, occurred_at=when(), place="School",
        who_said_what=f"Robin's teacher said Robin was tired and hungry (note {i}).",
        significant_event=True, status="finalised", author=worker, recorded_at=now,
        finalised_at=now) for i in range(n_notes)], batch_size=2000)
    Event.objects.bulk_create([Event(
        person=child, occurred_at=(at := when()), month=month_start(at), time_known=False,
        kind=(kind := rng.choice(MANUAL_KINDS)), lane=LANE_OF[kind], summary=f"Hand entry {i}",
        source_agency=rng.choice(["School", "Health visitor", "Police", "Hospital"]),
        origin=MANUAL, recorded_by=worker, recorded_at=now) for i in range(n_manual)],
        batch_size=2000)
    chronology.rebuild([child.pk])
    from django.db import connection

    if connection.vendor == "postgresql":  # as autovacuum would after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Event.objects.filter(person=child).count()
    if total != events:
        raise RuntimeError(f"built {total} events, not {events}")
    return worker, child


def sign_in_with_second_factor(client, worker) -> None:
    """Signed in as a person would be: password and second factor passed (issue 13), as
    django-otp's login marks a session, with the worker's authenticator app (made for them
    the first time: a reused database keeps it)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(worker)
    device = (TOTPDevice.objects.filter(user=worker, confirmed=True).first()
              or TOTPDevice.objects.create(user=worker, name="Authenticator app",
                                           confirmed=True))
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def run_in_scratch(*, events: int, requests: int, seed: int) -> str:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    migrate_scratch()
    worker, child = _load(events, seed)
    say(f"{events:,} events ready in {time.perf_counter() - started:.0f} s; "
        f"timing {requests} requests for the chronology page")
    from django.conf import settings

    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    client = Client(HTTP_HOST=host)
    sign_in_with_second_factor(client, worker)
    url = reverse("chronology:person", args=[child.pk])
    for _ in range(3):  # warm the caches, as a running server would be
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"the chronology page answered {response.status_code}")
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
    return json.dumps({"events": events, "requests": requests,
                       "p50_ms": round(percentile(times, 0.5), 2),
                       "p95_ms": round(percentile(times, 0.95), 2),
                       "queries": len(executed)})
