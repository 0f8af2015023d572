"""``hearth bench looked-after --children N``: how fast the children-in-care dashboard renders
for a service of N children in care, each with ten years of episodes.

Runs in a scratch database of its own (see ``hearth.demo.scratch.in_scratch``): one
service manager's team of N children, each looked after for ten years with a move of placement
or legal status about every five months (bulk-created: periods, placements, episodes), so the
service holds about 24 episodes a child. Then the team manager asks for the dashboard through
Django's full request stack ``--requests`` times. Prints one JSON line:
``{"children": N, "episodes": E, "requests": R, "p50_ms": …, "p95_ms": …, "queries": Q}``
where Q is the number of database queries one page takes (it does not grow with N)."""

from __future__ import annotations

import json
import random
import time
from datetime import timedelta

from hearth.demo.bench_chronology import sign_in_with_second_factor
from hearth.demo.scratch import migrate_scratch, percentile, say

YEARS_DAYS = 3650
STEP_DAYS = 150
STATUSES = ["C1", "C2", "E1", "V2", "D1", "J3"]
PLACES = [("U4", "PR1"), ("U6", "PR4"), ("K2", "PR1"), ("U1", "PR1"), ("A5", "PR1")]


def _load(children: int, seed: int):
    from django.utils import timezone

    from hearth.access.codes import Role
    from hearth.access.models import Team, User
    from hearth.casework.models import Involvement
    from hearth.looked_after.models import CarePeriod, Episode, Placement
    from hearth.people.models import Person

    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    team = Team.objects.create(name="Bench Children in Care")
    manager = User(username="bench.manager", role=Role.TEAM_MANAGER, team=team,
                   first_name="Bench", last_name="Manager")
    manager.set_unusable_password()
    manager.save()
    today, now = timezone.localdate(), timezone.now()
    start = today - timedelta(days=YEARS_DAYS)
    people = Person.objects.bulk_create(
        [Person(given_name=f"Child{n}", family_name="Bench", created_by=manager,
                date_of_birth=start - timedelta(days=rng.randrange(0, 2000)))
         for n in range(children)], batch_size=2000)
    Involvement.objects.bulk_create([Involvement(person=p, team=team, worker=manager,
                                                 opened_on=start) for p in people],
                                    batch_size=2000)
    periods = CarePeriod.objects.bulk_create(
        [CarePeriod(child=p, started_on=start, category_of_need="N1", entered_from="other",
                    recorded_by=manager, recorded_at=now) for p in people], batch_size=2000)
    # Each child's run: a change every STEP_DAYS or so, a move of placement every other one.
    runs: list[tuple] = []
    placements = []
    for period in periods:
        days = sorted({0, *(rng.randrange(1, YEARS_DAYS - 1)
                            for _ in range(YEARS_DAYS // STEP_DAYS))})
        moves = [d for n, d in enumerate(days) if n % 2 == 0]
        runs.append((period, days, frozenset(moves)))
        for n, d in enumerate(moves):
            kind, provider = rng.choice(PLACES)
            ends = moves[n + 1] if n + 1 < len(moves) else None
            placements.append(Placement(
                period=period, child_id=period.child_id, started_on=start + timedelta(days=d),
                ended_on=start + timedelta(days=ends) if ends is not None else None,
                placement_type=kind, provider=provider, urn="SC000001", postcode="PO1 1AA",
                reason_changed="CARPL" if ends is not None else ""))
    placements = Placement.objects.bulk_create(placements, batch_size=2000)
    by_period: dict[int, list] = {}
    for p in placements:
        by_period.setdefault(p.period_id, []).append(p)
    episodes = []
    for period, days, moves in runs:
        places = by_period[period.pk]
        at = -1
        for n, d in enumerate(days):
            if d in moves:
                at += 1
            ends = days[n + 1] if n + 1 < len(days) else None
            episodes.append(Episode(
                period=period, child_id=period.child_id, placement=places[at],
                started_on=start + timedelta(days=d),
                ended_on=start + timedelta(days=ends) if ends is not None else None,
                reason_new="S" if n == 0 else ("P" if d in moves else "L"),
                legal_status=rng.choice(STATUSES), reason_ceased="X1" if ends else "",
                recorded_by=manager, recorded_at=now))
    Episode.objects.bulk_create(episodes, batch_size=5000)
    from django.db import connection

    if connection.vendor == "postgresql":  # as autovacuum would after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return manager, len(episodes)


def run_in_scratch(*, children: int, requests: int, seed: int) -> str:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    migrate_scratch()
    manager, episodes = _load(children, seed)
    say(f"{children:,} children with {episodes:,} episodes ready in "
        f"{time.perf_counter() - started:.0f} s; timing {requests} dashboard requests")
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    client = Client(HTTP_HOST=host)
    sign_in_with_second_factor(client, manager)
    url = reverse("looked_after:dashboard")
    for _ in range(3):  # warm the caches, as a running server would be
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"the dashboard answered {response.status_code}")
    if f"{children} child" not in response.content.decode():
        raise RuntimeError("the dashboard does not count every child")
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
    return json.dumps({"children": children, "episodes": episodes, "requests": requests,
                       "p50_ms": round(percentile(times, 0.5), 2),
                       "p95_ms": round(percentile(times, 0.95), 2),
                       "queries": len(executed)})
