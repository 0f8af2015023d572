"""``hearth bench search``: how fast and how right person search is over many synthetic people.

The command never touches the configured Hearth database. It makes a scratch database (SQLite:
a file in a new temporary folder; PostgreSQL: ``hearth_bench_<N>_<pid>`` on the server of
``HEARTH_BENCH_POSTGRES_URL``), then runs itself again in a child process configured for that
database only. The child migrates it, bulk-loads N synthetic people, and times searches made
as a front-door worker would type them about a known person (a typo, another spelling, names
swapped, an alias, part of the date of birth, a postcode instead of it), and three kinds an
independent probe found weak (issue 14): a double-barrelled surname typed alone with a
postcode, a double-barrelled name typed family name first, and a nickname typed for a child
whose family also has an unborn child recorded as "Baby". It prints one JSON line:
``{"people", "queries", "p50_ms", "p95_ms", "recall_at_5", "kinds"}`` where ``kinds`` gives
each kind's queries, recall at 5 and at 1, p50 and p95; progress goes to stderr.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import date

from hearth.demo import names as seed_names
from hearth.demo.scratch import in_scratch, migrate_scratch, percentile, say

# ---------------------------------------------------------------------------------------------
# The parent: a scratch database (``hearth.demo.scratch``) and a child process for it


def run(*, people: int, engine: str, queries: int, seed: int, keep: bool,
        verbose: bool = False) -> str:
    """Run the search benchmark in a scratch database; returns the JSON line."""
    args = ["search", "--people", str(people), "--queries", str(queries), "--seed", str(seed),
            "--engine", engine] + (["--verbose"] if verbose else [])
    return in_scratch(args, engine=engine, keep=keep, label=str(people))


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


#: Kinds of search made about people picked for them (``SPECIAL``), each about an eighth of
#: the searches; the rest are drawn from ``make_query``'s mix about anyone.
HYPHEN_ALONE = "double-barrelled surname alone, postcode"
HYPHEN_SWAPPED = "double-barrelled, family name first, year"
NICKNAME = "nickname, unborn sibling, postcode"
SPECIAL = (HYPHEN_ALONE, HYPHEN_SWAPPED, NICKNAME)

#: Everyday short forms a worker types for a full given name (Faker's en_GB names and the
#: demo's aliases); the search is not told about these, it has to know them.
SHORT_FORMS = {
    **seed_names.NICKNAMES, "Abigail": "Abby", "Alexandra": "Alex", "Andrew": "Andy",
    "Benjamin": "Ben", "Charlotte": "Lottie", "Deborah": "Debbie", "Edward": "Ed",
    "Eleanor": "Ellie", "Frederick": "Fred", "Gregory": "Greg", "Jacqueline": "Jackie",
    "Jonathan": "Jon", "Joshua": "Josh", "Kenneth": "Ken", "Matthew": "Matt",
    "Nicola": "Nicky", "Oliver": "Ollie", "Patricia": "Trish", "Patrick": "Paddy",
    "Peter": "Pete", "Richard": "Rich", "Samuel": "Sam", "Stephanie": "Steph",
    "Susan": "Sue", "Timothy": "Tim", "Pamela": "Pam", "Raymond": "Ray",
}


def _pools(fam, added: int) -> dict[str, list[Target]]:
    """People of this family who fit each special kind of search."""
    from hearth.demo.families import postcodes_of

    found: dict[str, list[Target]] = {kind: [] for kind in SPECIAL}
    unborn = {(p.family, postcodes_of(fam, p)[0]) for p in fam.people[:added]
              if p.dob is None and p.expected and p.homes}
    for p in fam.people[:added]:
        if not p.dob or p.role == "duplicate" or p.restricted or not p.homes:
            continue
        t = Target(p.id, p.given, p.family, p.dob, p.names, postcodes_of(fam, p))
        if "-" in p.family:
            found[HYPHEN_ALONE].append(t)
        if (p.family, t.postcodes[0]) in unborn and p.given in SHORT_FORMS:
            found[NICKNAME].append(t)
    return found


def load(people: int, seed: int, wanted: int) -> list[tuple[str, Target]]:
    """Load ``people`` and pick ``wanted`` (kind, person) pairs to search for: "" for a kind
    drawn later by ``make_query``."""
    from django.utils import timezone

    from hearth.demo.bulk import BulkLoader
    from hearth.demo.families import FamilyMaker, postcodes_of

    rng = random.Random(seed + 1)
    picks = set(rng.sample(range(people), min(people, wanted * 3)))
    maker = FamilyMaker(seed, today=timezone.localdate())
    loader = BulkLoader()
    loader.prepare()
    targets: list[Target] = []
    pools: dict[str, list[Target]] = {kind: [] for kind in SPECIAL}
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
        for kind, found in _pools(fam, added).items():
            pools[kind] += found
        if loader.people // step != first // step or loader.people >= people:
            loader.flush()
            say(f"loaded {loader.people:,} people ({time.perf_counter() - started:.0f} s)")
    loader.finish(progress=say)
    say(f"indexes built ({time.perf_counter() - started:.0f} s)")
    rng.shuffle(targets)
    share = wanted // 8
    hyphens = rng.sample(pools[HYPHEN_ALONE], min(len(pools[HYPHEN_ALONE]), 2 * share))
    chosen = [(HYPHEN_ALONE, t) for t in hyphens[:share]]
    chosen += [(HYPHEN_SWAPPED, t) for t in hyphens[share:]]
    chosen += [(NICKNAME, t) for t in
               rng.sample(pools[NICKNAME], min(len(pools[NICKNAME]), share))]
    taken = {t.id for _, t in chosen}
    chosen += [("", t) for t in targets if t.id not in taken][:wanted - len(chosen)]
    return chosen


def _fmt(d, style: str) -> str:
    return d.isoformat() if style == "iso" else d.strftime("%d/%m/%Y")


def special_query(rng: random.Random, kind: str, t: Target) -> tuple[str, str, str, str]:
    """(kind, name, dob, postcode) of one of the ``SPECIAL`` kinds about ``t``."""
    postcode = t.postcodes[0].lower() if rng.random() < 0.3 else t.postcodes[0]
    if kind == HYPHEN_ALONE:  # "Fowler-Bell", PO2 2DD
        return kind, t.family, "", postcode
    if kind == HYPHEN_SWAPPED:  # "Green-Holland Edward", 2012
        return kind, f"{t.family} {t.given}", str(t.dob.year), ""
    return kind, f"{SHORT_FORMS[t.given]} {t.family}", "", postcode  # "Abby Edwards"


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


def _figures(times: list[float], ranks: list[int | None], ties: int = 0) -> dict:
    """``ties``: searches that missed the top five only on a tie (their person scored the
    same as the fifth shown, as when six of a family share the surname and postcode typed)."""
    n = len(ranks)
    return {"queries": n,
            "recall_at_5": round(sum(1 for r in ranks if r is not None and r < 5) / n, 4),
            "recall_at_1": round(sum(1 for r in ranks if r == 0) / n, 4),
            "missed_on_a_tie": ties,
            "p50_ms": round(percentile(times, 0.5), 2),
            "p95_ms": round(percentile(times, 0.95), 2)}


def search_run(chosen: list[tuple[str, Target]], seed: int, verbose: bool) -> dict:
    from hearth.access.codes import Role
    from hearth.access.models import User
    from hearth.people.queries.search import search_people

    user = User(username="bench.frontdoor", role=Role.FRONT_DOOR, first_name="Bench")
    user.set_unusable_password()
    user.save()
    rng = random.Random(seed + 2)
    planned = [(t, special_query(rng, kind, t) if kind else make_query(rng, t))
               for kind, t in chosen]
    rng.shuffle(planned)
    for _, (_, name, dob, postcode) in planned[:10]:  # warm the caches, as a server would be
        search_people(user, name=name, dob=dob, postcode=postcode)
    by_kind: dict[str, tuple[list[float], list[int | None], list[int]]] = {}
    for t, (kind, name, dob, postcode) in planned:
        started = time.perf_counter()
        matches = search_people(user, name=name, dob=dob, postcode=postcode)
        took = (time.perf_counter() - started) * 1000
        rank = next((i for i, m in enumerate(matches) if m.person.pk == t.id), None)
        times, ranks, ties = by_kind.setdefault(kind, ([], [], []))
        times.append(took)
        ranks.append(rank)
        if rank is not None and rank >= 5 and matches[rank].score == matches[4].score:
            ties.append(rank)
        if verbose and (rank is None or rank >= (1 if kind in SPECIAL else 5)):
            top = "; ".join(f"{m.person.display_name} {m.person.date_of_birth} {m.score}"
                            for m in matches[:5])
            say(f"{'missed' if rank is None or rank >= 5 else f'rank {rank + 1}'} [{kind}] "
                f"{name!r} {dob!r} {postcode!r} -> {t.given} {t.family} {t.dob}: {top}")
    every_time = [x for times, _, _ in by_kind.values() for x in times]
    every_rank = [r for _, ranks, _ in by_kind.values() for r in ranks]
    if verbose and every_time:
        say(f"slowest: {', '.join(f'{x:.1f}' for x in sorted(every_time)[-5:])} ms")
    if not every_time:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "recall_at_5": 0.0, "kinds": {}}
    overall = _figures(every_time, every_rank)
    return {"p50_ms": overall["p50_ms"], "p95_ms": overall["p95_ms"],
            "recall_at_5": overall["recall_at_5"],
            "kinds": {kind: _figures(times, ranks, len(ties))
                      for kind, (times, ranks, ties) in sorted(by_kind.items())}}


def run_in_scratch(*, people: int, queries: int, seed: int, verbose: bool) -> str:
    started = time.perf_counter()
    migrate_scratch()
    chosen = load(people, seed, queries)
    say(f"{people:,} people ready in {time.perf_counter() - started:.0f} s; "
        f"running {len(chosen)} searches")
    figures = search_run(chosen, seed, verbose)
    return json.dumps({"people": people, "queries": len(chosen), **figures})
