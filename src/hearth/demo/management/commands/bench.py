import argparse

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hearth.demo import bench_search as bench
from hearth.demo import scratch

SEARCH_HELP = """Time person search over N synthetic people in a scratch database of its own
(SQLite: a temporary file; PostgreSQL: a database hearth_bench_<N>_<pid> on the server of
HEARTH_BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres, dropped at
the end unless --keep). The configured Hearth database is never touched.

The searches are what a front-door worker types about a known person: a name (with a typo,
another spelling, names swapped, or an alias) plus at least one of a date of birth (whole, a
month and year, or a year; sometimes with day and month swapped) or a postcode. A bare common
name cannot single anyone out among a million synthetic people, so every search carries one of
these. An eighth of the searches each are of three kinds an independent probe found weak:
a double-barrelled surname typed alone with a postcode ("Fowler-Bell", PO2 2DD), a
double-barrelled name typed family name first with a year of birth ("Green-Holland Edward",
2012), and a nickname for a child whose family also has an unborn "Baby" at the same postcode
("Abby Edwards"). Prints one JSON line on stdout:
{"people": N, "queries": Q, "p50_ms": ..., "p95_ms": ..., "recall_at_5": ...,
 "kinds": {"<kind>": {"queries", "recall_at_5", "recall_at_1", "p50_ms", "p95_ms"}, ...}}
where recall_at_5 is the share of searches that found their person in the top five (at_1:
first)."""


CHRONOLOGY_HELP = """Time the chronology page for one child with N events from across the
modules (visits, significant case notes, hand entries), in a scratch database of its own like
`bench search`. Prints one JSON line on stdout:
{"events": N, "requests": R, "p50_ms": ..., "p95_ms": ..., "queries": Q}
where Q is the number of database queries one page takes (it does not grow with N)."""


PAGES_HELP = """Time the pages that grow with the council (the allocation queue, the two-worker
report, the child protection dashboard, the caseload, the home pages, a person's page and API
record) one signed-in demo user at a time, with /healthz as the floor, through `hearth serve`
(one worker) on a free loopback port. The database is a scratch one seeded with `hearth seed
--families N --seed S --demo-users`; with --reuse (PostgreSQL) it is
hearth_bench_pages_<N>_<S>, seeded once and kept for the next run. Prints one JSON line:
{"engine", "families", "people", "involvements", "awaiting_allocation", "requests",
 "floor_p50_ms", "pages": {name: {"path", "user", "bytes", "p50_ms", "p95_ms", "x_floor"}}}
where x_floor is the page's p50 as a multiple of /healthz's."""


AUDIT_HELP = """The audit log at a council's scale (issue 14), in a scratch database of its own
like `bench search`: --writers processes (each with its own connection) append --timed entries
through audit.record_read, one transaction each, with no lock between them; the rest of the N
entries are bulk-loaded (PostgreSQL only); the sequencer links all N; `hearth audit verify` runs
in a fresh process; random entries are proved. Prints one JSON line:
{"entries", "writers", "appended_by_writers", "append_per_s", "append_p50_ms", "append_p95_ms",
"bulk_loaded", "sequence_per_s", "heads", "verify_s", "verify_peak_rss_mb", "prove_p50_ms",
"prove_queries", "table_mb"}."""


LOAD_HELP = """A council's workforce at once (issue 14): seeds (or, with --reuse on PostgreSQL,
reuses hearth_bench_load_<N>_<S>) a scratch database with `hearth seed --families N --seed S
--demo-users`, signs in the staff the simulated users act as, starts `hearth serve --workers W`
and K `hearth worker` processes, and drives --users simulated front-door staff, social workers
and managers with locust for --seconds after the ramp: searches, person, chronology, visits and
notes pages, the API record, the pages that grow with the council, and writes (contacts, case
notes, visits), with /healthz as the floor. Prints one JSON line: requests, failures,
requests_per_s, floor_p50_ms, and per operation requests, failures, p50_ms, p95_ms and x_floor
(its p50 as a multiple of /healthz's); the errors; and whether the audit log verified after.
With --mix ceiling the same users, signed in as the same staff and waiting as long, ask only
their notifications page (signed in, second factor, session, audit, the page's frame, almost
nothing read): the most requests a second this machine serves whatever the pages do."""


LOOKED_AFTER_HELP = """Time the children-in-care dashboard for a team of N children in care,
each with ten years of episodes (bulk-created), in a scratch database of its own like
`bench search`. Prints one JSON line on stdout:
{"children": N, "episodes": E, "requests": R, "p50_ms": ..., "p95_ms": ..., "queries": Q}
where Q is the number of database queries one page takes (it does not grow with N)."""


class Command(BaseCommand):
    help = ("Benchmarks. `hearth bench search --people N` times person search; "
            "`hearth bench chronology --events N` times the chronology page; "
            "`hearth bench pages` times the pages that grow with the council; "
            "`hearth bench looked-after --children N` times the children-in-care dashboard; "
            "`hearth bench audit --entries N` times the audit log; "
            "`hearth bench load --users N --seconds S` drives a workforce at once (see --help).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        search = sub.add_parser("search", help="time person search", description=SEARCH_HELP,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
        search.add_argument("--people", type=int, required=True, help="how many people")
        search.add_argument("--engine", choices=("sqlite", "postgres"), default=None,
                            help="database engine (default: the configured one's)")
        search.add_argument("--queries", type=int, default=400, help="searches (default 400)")
        search.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        search.add_argument("--keep", action="store_true", help="keep the scratch database")
        search.add_argument("--verbose", action="store_true",
                            help="list the searches that missed their person (stderr)")
        search.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)

        chron = sub.add_parser("chronology", help="time the chronology page",
                               description=CHRONOLOGY_HELP,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        chron.add_argument("--events", type=int, required=True, help="events for one child")
        chron.add_argument("--engine", choices=("sqlite", "postgres"), default=None,
                           help="database engine (default: the configured one's)")
        chron.add_argument("--requests", type=int, default=50,
                           help="page requests timed (default 50)")
        chron.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        chron.add_argument("--keep", action="store_true", help="keep the scratch database")
        chron.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)

        pages = sub.add_parser("pages", help="time the pages that grow with the council",
                               description=PAGES_HELP,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        pages.add_argument("--families", type=int, default=20000,
                           help="synthetic families seeded (default 20000)")
        pages.add_argument("--engine", choices=("sqlite", "postgres"), default=None,
                           help="database engine (default: the configured one's)")
        pages.add_argument("--requests", type=int, default=20,
                           help="requests timed for each page (default 20)")
        pages.add_argument("--seed", type=int, default=9, help="random seed (default 9)")
        pages.add_argument("--keep", action="store_true", help="keep the scratch database")
        pages.add_argument("--reuse", action="store_true",
                           help="PostgreSQL: seed hearth_bench_pages_<N>_<S> once, keep it, "
                                "and reuse it on later runs")
        pages.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)

        cared = sub.add_parser("looked-after", help="time the children-in-care dashboard",
                               description=LOOKED_AFTER_HELP,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        cared.add_argument("--children", type=int, default=1000,
                           help="children in care (default 1000)")
        cared.add_argument("--engine", choices=("sqlite", "postgres"), default=None,
                           help="database engine (default: the configured one's)")
        cared.add_argument("--requests", type=int, default=30,
                           help="page requests timed (default 30)")
        cared.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        cared.add_argument("--keep", action="store_true", help="keep the scratch database")
        cared.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)

        log = sub.add_parser("audit", help="time the audit log: append, sequence, verify, prove",
                             description=AUDIT_HELP,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
        log.add_argument("--entries", type=int, required=True, help="entries in the log")
        log.add_argument("--writers", type=int, default=8, help="writer processes (default 8)")
        log.add_argument("--timed", type=int, default=None,
                         help="entries the writers append (default N, at most 1,000,000)")
        log.add_argument("--batch", type=int, default=5000,
                         help="the sequencer's batch (default 5000)")
        log.add_argument("--engine", choices=("sqlite", "postgres"), default=None,
                         help="database engine (default: the configured one's)")
        log.add_argument("--keep", action="store_true", help="keep the scratch database")
        log.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)

        load = sub.add_parser("load", help="drive a council's workforce at once with locust",
                              description=LOAD_HELP,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
        load.add_argument("--users", type=int, default=50, help="simulated users (default 50)")
        load.add_argument("--seconds", type=int, default=60,
                          help="how long to run once every user has started (default 60)")
        load.add_argument("--families", type=int, default=3000,
                          help="synthetic families seeded (default 3000)")
        load.add_argument("--seed", type=int, default=9, help="random seed (default 9)")
        load.add_argument("--web-workers", type=int, default=3,
                          help="hearth serve --workers (default 3)")
        load.add_argument("--workers", type=int, default=1,
                          help="hearth worker processes (default 1)")
        load.add_argument("--spawn-rate", type=float, default=20.0,
                          help="users started per second (default 20)")
        load.add_argument("--mix", choices=("council", "ceiling"), default="council",
                          help="council: the workforce's mix (default); ceiling: the same "
                               "users asking only a signed-in page that reads almost nothing, "
                               "the most this machine can serve")
        load.add_argument("--engine", choices=("sqlite", "postgres"), default=None,
                          help="database engine (default: the configured one's)")
        load.add_argument("--keep", action="store_true", help="keep the scratch database")
        load.add_argument("--reuse", action="store_true",
                          help="PostgreSQL: seed hearth_bench_load_<N>_<S> once, keep it, "
                               "and reuse it on later runs")
        load.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)
        load.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, what, **options):
        if what == "load":
            return self.load(**options)
        if what == "audit":
            return self.audit(**options)
        if what == "chronology":
            return self.chronology(**options)
        if what == "pages":
            return self.pages(**options)
        if what == "looked-after":
            return self.looked_after(**options)
        return self.search(**options)

    def chronology(self, *, events, engine, requests, seed, keep, in_scratch, **options):
        from hearth.demo import bench_chronology as chronology_bench

        if events < 1 or requests < 1:
            raise CommandError("--events and --requests must be at least 1.")
        engine = engine or ("postgres" if connection.vendor == "postgresql" else "sqlite")
        try:
            if in_scratch:
                line = chronology_bench.run_in_scratch(events=events, requests=requests,
                                                       seed=seed)
            else:
                line = scratch.in_scratch(
                    ["chronology", "--events", str(events), "--requests", str(requests),
                     "--seed", str(seed), "--engine", engine],
                    engine=engine, keep=keep, label=f"chron_{events}")
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(line)

    def looked_after(self, *, children, engine, requests, seed, keep, in_scratch, **options):
        from hearth.demo import bench_looked_after

        if children < 1 or requests < 1:
            raise CommandError("--children and --requests must be at least 1.")
        engine = engine or ("postgres" if connection.vendor == "postgresql" else "sqlite")
        try:
            if in_scratch:
                line = bench_looked_after.run_in_scratch(children=children, requests=requests,
                                                         seed=seed)
            else:
                line = scratch.in_scratch(
                    ["looked-after", "--children", str(children), "--requests",
                     str(requests), "--seed", str(seed), "--engine", engine],
                    engine=engine, keep=keep, label=f"cla_{children}")
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(line)

    def pages(self, *, families, engine, requests, seed, keep, reuse, in_scratch, **options):
        from hearth.demo import bench_pages

        if families < 1 or requests < 1:
            raise CommandError("--families and --requests must be at least 1.")
        engine = engine or ("postgres" if connection.vendor == "postgresql" else "sqlite")
        if reuse and engine != "postgres":
            raise CommandError("--reuse is for PostgreSQL only.")
        try:
            if in_scratch:
                line = bench_pages.run_in_scratch(families=families, requests=requests,
                                                  seed=seed)
            else:
                line = scratch.in_scratch(
                    ["pages", "--families", str(families), "--requests", str(requests),
                     "--seed", str(seed), "--engine", engine],
                    engine=engine, keep=keep, reuse=reuse, label=f"pages_{families}_{seed}")
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(line)

    def search(self, *, people, engine, queries, seed, keep, verbose, in_scratch, **options):
        if people < 10 or queries < 1:
            raise CommandError("--people must be at least 10 and --queries at least 1.")
        engine = engine or ("postgres" if connection.vendor == "postgresql" else "sqlite")
        try:
            if in_scratch:
                line = bench.run_in_scratch(people=people, queries=queries, seed=seed,
                                            verbose=verbose)
            else:
                line = bench.run(people=people, engine=engine, queries=queries, seed=seed,
                                 keep=keep, verbose=verbose)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(line)

    def load(self, *, users, seconds, families, seed, web_workers, workers, spawn_rate, mix,
             engine, keep, reuse, in_scratch, prepare_only=False, **options):
        from hearth.demo import bench_load

        if min(users, seconds, families, web_workers, workers) < 1 or spawn_rate <= 0:
            raise CommandError("--users, --seconds, --families, --web-workers and --workers "
                               "must be at least 1, and --spawn-rate above 0.")
        engine = engine or ("postgres" if connection.vendor == "postgresql" else "sqlite")
        if reuse and engine != "postgres":
            raise CommandError("--reuse is for PostgreSQL only.")
        args = {"users": users, "seconds": seconds, "families": families, "seed": seed,
                "web_workers": web_workers, "workers": workers, "spawn_rate": spawn_rate,
                "mix": mix}
        try:
            if in_scratch and prepare_only:
                line = bench_load.prepare_in_scratch(families=families, seed=seed)
            elif in_scratch:
                line = bench_load.run_in_scratch(**args)
            else:  # a reused database is only prepared; each run has a fresh copy of it
                line = scratch.in_scratch(
                    ["load", *[f"--{k.replace('_', '-')}={v}" for k, v in args.items()],
                     "--engine", engine],
                    engine=engine, keep=keep, reuse=reuse, pristine=True,
                    label=f"load_{families}_{seed}")
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(line)

    def audit(self, *, entries, writers, timed, batch, engine, keep, in_scratch, **options):
        from hearth.demo import bench_audit

        timed = bench_audit.default_timed(entries) if timed is None else timed
        if entries < 1 or writers < 1 or batch < 1 or not 0 < timed <= entries:
            raise CommandError("--entries, --writers and --batch must be at least 1, and "
                               "--timed between 1 and --entries.")
        engine = engine or ("postgres" if connection.vendor == "postgresql" else "sqlite")
        if engine == "sqlite" and timed < entries:
            raise CommandError("On SQLite the writers append every entry: leave out --timed.")
        try:
            if in_scratch:
                line = bench_audit.run_in_scratch(entries=entries, writers=writers,
                                                  timed=timed, batch=batch)
            else:
                line = scratch.in_scratch(
                    [*bench_audit.child_args(entries=entries, writers=writers, timed=timed,
                                             batch=batch), "--engine", engine],
                    engine=engine, keep=keep, label=f"audit_{entries}")
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(line)
