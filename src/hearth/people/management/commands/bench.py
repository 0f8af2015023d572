import argparse

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hearth import bench

SEARCH_HELP = """Time person search over N synthetic people in a scratch database of its own
(SQLite: a temporary file; PostgreSQL: a database hearth_bench_<N>_<pid> on the server of
HEARTH_BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres, dropped at
the end unless --keep). The configured Hearth database is never touched.

The searches are what a front-door worker types about a known person: a name (with a typo,
another spelling, names swapped, or an alias) plus at least one of a date of birth (whole, a
month and year, or a year; sometimes with day and month swapped) or a postcode. A bare common
name cannot single anyone out among a million synthetic people, so every search carries one of
these. Prints one JSON line on stdout:
{"people": N, "queries": Q, "p50_ms": ..., "p95_ms": ..., "recall_at_5": ...}
where recall_at_5 is the share of searches that found their person in the top five."""


class Command(BaseCommand):
    help = "Benchmarks. `hearth bench search --people N` times person search (see --help)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        search = sub.add_parser("search", help="time person search", description=SEARCH_HELP,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
        search.add_argument("--people", type=int, required=True, help="how many people")
        search.add_argument("--engine", choices=("sqlite", "postgres"), default=None,
                            help="database engine (default: the configured one's)")
        search.add_argument("--queries", type=int, default=300, help="searches (default 300)")
        search.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        search.add_argument("--keep", action="store_true", help="keep the scratch database")
        search.add_argument("--verbose", action="store_true",
                            help="list the searches that missed their person (stderr)")
        search.add_argument("--in-scratch", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, what, people, engine, queries, seed, keep, verbose, in_scratch,
               **options):
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

