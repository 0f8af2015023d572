"""``hearth bench search``: how fast and how right person search is over many synthetic people.

The command never touches the configured Hearth database. It makes a scratch database (SQLite:
a file in a new temporary folder; PostgreSQL: ``hearth_bench_<N>_<pid>`` on the server of
``HEARTH_BENCH_POSTGRES_URL``), then runs itself again in a child process configured for that
database only. The child migrates it, bulk-loads N synthetic people, and times searches made
as a front-door worker would type them about a known person (a typo, another spelling, names
swapped, an alias, part of the date of birth, a postcode instead of it). It prints one JSON line:
``{"people", "queries", "p50_ms", "p95_ms", "recall_at_5"}``; progress goes to stderr.
"""

from __future__ import annotations

import json
import math
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from hearth.demo import names as seed_names

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
SCRATCH_FLAG = "HEARTH_BENCH_SCRATCH"


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The parent: a scratch database and a child process configured for it


def run(*, people: int, engine: str, queries: int, seed: int, keep: bool,
        verbose: bool = False) -> str:
    """Run the search benchmark in a scratch database; returns the JSON line."""
    args = ["search", "--people", str(people), "--queries", str(queries), "--seed", str(seed),
            "--engine", engine] + (["--verbose"] if verbose else [])
    return in_scratch(args, engine=engine, keep=keep, label=str(people))


def in_scratch(args: list[str], *, engine: str, keep: bool, label: str,
               reuse: bool = False) -> str:
    """Run ``hearth bench <args> --in-scratch`` in a child process configured for a scratch
    database of its own; returns the child's last line of output (its JSON). With ``reuse``
    (PostgreSQL only) the database is ``hearth_bench_<label>``: made if missing, kept after."""
    people = label
    folder = tempfile.mkdtemp(prefix="hearth-bench-")
    env = {k: v for k, v in os.environ.items() if k != "HEARTH_TEST_DATABASE_NAME"}
    env.update({SCRATCH_FLAG: "1", "HEARTH_DATA_DIR": folder, "HEARTH_PRODUCTION": "0",
                "HEARTH_SECRET_KEY": secrets.token_urlsafe(48), "HEARTH_LOG_LEVEL": "WARNING",
                "DJANGO_SETTINGS_MODULE": "hearth.settings"})
    server = os.environ.get("HEARTH_BENCH_POSTGRES_URL") or DEFAULT_SERVER
    name = f"hearth_bench_{people}" if reuse else f"hearth_bench_{people}_{os.getpid()}"
    created = False
    keep = keep or reuse
    if engine == "postgres":
        env["HEARTH_DATABASE_URL"] = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        where = f"PostgreSQL database {name}"
    else:
        env["HEARTH_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        where = f"SQLite file {folder}/bench.sqlite3"
    try:
        if engine == "postgres" and not (reuse and _exists(server, name)):
            _postgres(server, f'CREATE DATABASE "{name}"')
            created = True
        say(f"scratch database: {where}")
        command = [sys.executable, "-m", "hearth.cli", "bench", *args, "--in-scratch"]
        result = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True,  # noqa: S603
                                check=False)
        if result.returncode != 0:
            raise RuntimeError(f"the benchmark failed (exit {result.returncode})")
        return result.stdout.strip().splitlines()[-1]
    finally:
        if keep:
            say(f"kept {where}")
        elif created:
            _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not (keep and engine == "sqlite"):
            shutil.rmtree(folder, ignore_errors=True)


def _exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(server, autocommit=True, connect_timeout=10) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            [name]).fetchone() is not None


def _postgres(server: str, sql: str) -> None:
    import psycopg

    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)  # type: ignore[arg-type]
    except psycopg.Error as exc:
        raise RuntimeError(f"PostgreSQL at {urlsplit(server).hostname}: {exc}") from exc


# ---------------------------------------------------------------------------------------------
# The child: load, then search


@dataclass
class Target:
    id: object
    given: str
    family: str
    dob: date
    names: list[tuple[str, str, str]]
    postcodes: list[str]


def check_scratch() -> None:
    """Refuse to run against anything but a scratch database made by ``run``."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    scratch = "hearth_bench_" in name if db["ENGINE"].endswith("postgresql") else (
        "hearth-bench-" in name and name.startswith(tempfile.gettempdir()))
    if os.environ.get(SCRATCH_FLAG) != "1" or not scratch:
        raise RuntimeError("--in-scratch is for the benchmark's own scratch database only")


def load(people: int, seed: int, wanted: int) -> list[Target]:
    from django.utils import timezone

    from hearth.demo.bulk import BulkLoader
    from hearth.demo.families import FamilyMaker, postcodes_of

    rng = random.Random(seed + 1)
    picks = set(rng.sample(range(people), min(people, wanted * 3)))
    maker = FamilyMaker(seed, today=timezone.localdate())
    loader = BulkLoader()
    loader.prepare()
    targets: list[Target] = []
    started = time.perf_counter()
    step = max(10_000, people // 10)
    while loader.people < people:
        fam = maker.family()
        first = loader.people
        added = loader.add(fam, limit=people - loader.people)
        for n, p in enumerate(fam.people[:added]):
            if first + n in picks and p.dob and p.role != "duplicate" and not p.restricted:
                targets.append(Target(p.id, p.given, p.family, p.dob, p.names,
                                      postcodes_of(fam, p)))
        if loader.people // step != first // step or loader.people >= people:
            loader.flush()
            say(f"loaded {loader.people:,} people ({time.perf_counter() - started:.0f} s)")
    loader.finish(progress=say)
    say(f"indexes built ({time.perf_counter() - started:.0f} s)")
    rng.shuffle(targets)
    return targets[:wanted]


def _fmt(d, style: str) -> str:
    return d.isoformat() if style == "iso" else d.strftime("%d/%m/%Y")


def make_query(rng: random.Random, t: Target) -> tuple[str, str, str, str]:
    """(kind, name, dob, postcode): what a front-door worker would type about ``t``."""
    style = rng.choice(("iso", "uk"))
    full = _fmt(t.dob, style)
    postcode = t.postcodes[0] if t.postcodes else ""
    kind = rng.choices(
        ("family typo", "given sounds alike", "names swapped", "alias", "year only",
         "month and year", "postcode, no dob", "day and month swapped"),
        weights=(18, 14, 10, 10, 12, 10, 14, 12))[0]
    given, family = t.given, t.family
    if kind == "alias" and not t.names:
        kind = "year only"
    if kind == "family typo":
        return kind, f"{given} {seed_names.typo(rng, family)}", full, ""
    if kind == "given sounds alike":
        other = seed_names.sound_alike(rng, given) or seed_names.typo(rng, given)
        with_dob = rng.random() < 0.6 or not postcode
        return kind, f"{other} {family}", full if with_dob else "", (
            postcode if not with_dob or rng.random() < 0.3 else "")
    if kind == "names swapped":
        return kind, f"{family} {given}", full, ""
    if kind == "alias":
        _, g, f = rng.choice(t.names)
        return kind, f"{g or given} {f or family}", full, ""
    if kind in ("year only", "month and year"):
        if rng.random() < 0.5:
            given = seed_names.typo(rng, given) if rng.random() < 0.5 else given
        month = f"{t.dob.month:02d}/{t.dob.year}" if style == "uk" else (
            f"{t.dob.year}-{t.dob.month:02d}")
        dob = str(t.dob.year) if kind != "month and year" else month
        return kind, f"{given} {family}", dob, ""
    if kind == "postcode, no dob" and postcode:
        if rng.random() < 0.5:
            family = seed_names.typo(rng, family)
        return kind, f"{given} {family}", "", postcode.lower() if rng.random() < 0.3 else postcode
    if t.dob.day <= 12 and t.dob.day != t.dob.month:
        swapped = t.dob.replace(month=t.dob.day, day=t.dob.month)
        return "day and month swapped", f"{given} {family}", _fmt(swapped, style), ""
    return "exact name and dob", f"{given} {family}", full, ""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def search_run(targets: list[Target], seed: int, verbose: bool) -> dict:
    from hearth.access.codes import Role
    from hearth.access.models import User
    from hearth.people.queries.search import search_people

    user = User(username="bench.frontdoor", role=Role.FRONT_DOOR, first_name="Bench")
    user.set_unusable_password()
    user.save()
    rng = random.Random(seed + 2)
    planned = [(t, make_query(rng, t)) for t in targets]
    for _, (_, name, dob, postcode) in planned[:10]:  # warm the caches, as a server would be
        search_people(user, name=name, dob=dob, postcode=postcode)
    times: list[float] = []
    found = 0
    for t, (kind, name, dob, postcode) in planned:
        started = time.perf_counter()
        matches = search_people(user, name=name, dob=dob, postcode=postcode)
        times.append((time.perf_counter() - started) * 1000)
        if any(m.person.pk == t.id for m in matches[:5]):
            found += 1
        elif verbose:
            top = "; ".join(f"{m.person.display_name} {m.person.date_of_birth} {m.score}"
                            for m in matches[:5])
            say(f"missed [{kind}] {name!r} {dob!r} {postcode!r} -> {t.given} {t.family} "
                f"{t.dob}: {top}")
    if verbose:
        say(f"slowest: {', '.join(f'{x:.1f}' for x in sorted(times)[-5:])} ms")
    return {"p50_ms": round(_percentile(times, 0.5), 2),
            "p95_ms": round(_percentile(times, 0.95), 2),
            "recall_at_5": round(found / len(planned), 4) if planned else 0.0}


def run_in_scratch(*, people: int, queries: int, seed: int, verbose: bool) -> str:
    from django.core.management import call_command

    check_scratch()
    started = time.perf_counter()
    say("migrating the scratch database")
    call_command("migrate", verbosity=0, interactive=False)
    targets = load(people, seed, queries)
    say(f"{people:,} people ready in {time.perf_counter() - started:.0f} s; "
        f"running {len(targets)} searches")
    figures = search_run(targets, seed, verbose)
    return json.dumps({"people": people, "queries": len(targets), **figures})
