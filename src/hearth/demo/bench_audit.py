"""``hearth bench audit --entries N``: the audit log at a council's scale (issue 14).

Runs in a scratch database of its own (see ``hearth.demo.scratch.in_scratch``):

1. append: ``--writers`` processes (8), each with its own connection, write ``--timed`` entries
   between them (default all N, at most 1,000,000) through ``audit.record_read`` — one
   transaction each, as a page read does — with no sequencer running;
2. the rest of the N entries are loaded in bulk with the same content MACs (PostgreSQL COPY),
   so that ten million entries take minutes, not hours;
3. sequence: ``audit.sequence`` links all N (batches of ``--batch``), as the worker would
   catch up after an outage;
4. verify: ``hearth audit verify`` in a fresh process, its wall time and peak memory (max RSS);
5. prove: ``audit.prove`` of random entries.

Prints one JSON line: ``{"entries", "writers", "appended_by_writers", "append_per_s",
"append_p50_ms", "append_p95_ms", "bulk_loaded", "sequence_per_s", "heads", "verify_s",
"verify_peak_rss_mb", "prove_p50_ms", "prove_queries", "table_mb"}``; progress on stderr.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from types import SimpleNamespace

from hearth.demo.scratch import migrate_scratch, percentile, say

CHUNK = 20_000


def _writer(rank: int, count: int, go, results) -> None:
    """One writer process: ``count`` audited reads, each in its own transaction."""
    from django.db import connection

    from hearth.access.actions import audit

    user = SimpleNamespace(pk=1000 + rank, username=f"bench.worker{rank}")
    rng = random.Random(rank)  # noqa: S311 - synthetic data, not secrets
    latencies = []
    go.wait()
    for _ in range(count):
        started = time.perf_counter()
        audit.record_read("view", user=user, object_type="people.person",
                          object_id=f"{rng.getrandbits(128):032x}", fields={"page": "person"})
        latencies.append(time.perf_counter() - started)
    connection.close()
    results.put(latencies)


def _append(total: int, writers: int) -> dict:
    from django.db import connections

    connections.close_all()  # each writer opens its own
    context = multiprocessing.get_context("fork")
    go, results = context.Event(), context.Queue()
    shares = [total // writers + (1 if i < total % writers else 0) for i in range(writers)]
    processes = [context.Process(target=_writer, args=(i, share, go, results))
                 for i, share in enumerate(shares)]
    for process in processes:
        process.start()
    started = time.perf_counter()
    go.set()
    latencies = [x for _ in processes for x in results.get()]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"a writer failed (exit {process.exitcode})")
    latencies.sort()
    return {"appended_by_writers": total, "append_per_s": round(total / elapsed),
            "append_p50_ms": round(percentile(latencies, 0.5) * 1000, 2),
            "append_p95_ms": round(percentile(latencies, 0.95) * 1000, 2)}


def _bulk(total: int) -> None:
    """Entries as ``record`` writes them (ids from the table's sequence, content MACs), copied
    in: the content is what a page read's entry holds."""
    from django.db import connection
    from django.utils import timezone

    from hearth.access.rules import canonical, content_mac

    columns = ("id", "at", "user_id_snapshot", "username", "ip", "user_agent", "action",
               "object_type", "object_id", "fields", "reason")
    rng = random.Random(14)  # noqa: S311 - synthetic data, not secrets
    at = timezone.now()
    done = 0
    while done < total:
        n = min(CHUNK, total - done)
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence('access_auditentry', 'id')) "
                           "FROM generate_series(1, %s)", [n])
            ids = [row[0] for row in cursor.fetchall()]
        rows: list[tuple] = []
        for entry_id in ids:
            at += timedelta(microseconds=7)
            worker = rng.randrange(1000)
            row = (entry_id, at, worker, f"bench.worker{worker}", "", "", "view",
                   "people.person", f"{rng.getrandbits(128):032x}", {"page": "person"}, "")
            rows.append((*row[:9], json.dumps(row[9]), row[10], content_mac(canonical(row))))
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY access_auditentry ({', '.join(columns)}, content_mac, mac) "
                          f"FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, ""))
        done += n
        if done % 1_000_000 < CHUNK:
            say(f"bulk-loaded {done:,} entries")


def _verify_in_a_fresh_process() -> tuple[float, float]:
    """``hearth audit verify`` in a process of its own: wall time and that process's peak
    resident memory (``wait4``'s rusage is the one child's)."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "hearth.cli", "audit", "verify"],  # noqa: S603
                                   stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"verify failed: {err.read().strip()}")
        say(out.read().strip().splitlines()[0])
    return elapsed, usage.ru_maxrss / 1024


def run_in_scratch(*, entries: int, writers: int, timed: int, batch: int) -> str:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from hearth.access import queries
    from hearth.access.actions import audit
    from hearth.access.models import AuditEntry, AuditTreeHead

    migrate_scratch()
    if connection.vendor != "postgresql" and timed < entries:
        raise RuntimeError("on SQLite every entry is appended by the writers: --timed N")
    say(f"{writers} writers appending {timed:,} entries")
    figures: dict = {"entries": entries, "writers": writers, **_append(timed, writers)}
    say(f"appended: {figures['append_per_s']:,} entries/s")
    figures["bulk_loaded"] = entries - timed
    if entries > timed:
        _bulk(entries - timed)
    say(f"sequencing {entries:,} entries")
    started = time.perf_counter()
    linked = audit.sequence(batch=batch)
    figures["sequence_per_s"] = round(entries / (time.perf_counter() - started))
    if linked != entries:
        raise RuntimeError(f"the sequencer linked {linked} of {entries}")
    figures["heads"] = AuditTreeHead.objects.count()
    say(f"sequenced: {figures['sequence_per_s']:,} entries/s; verifying")
    verify_s, peak_mb = _verify_in_a_fresh_process()
    figures.update(verify_s=round(verify_s, 1), verify_peak_rss_mb=round(peak_mb, 1))
    rng = random.Random(6962)  # noqa: S311
    timings, counts = [], []
    for _ in range(20):
        seq = rng.randrange(1, entries + 1)
        entry_id = AuditEntry.objects.filter(seq=seq).values_list("pk", flat=True).get()
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            proof = queries.prove(entry_id)
            timings.append(time.perf_counter() - started)
        counts.append(len(captured.captured_queries))
        if queries.check_proof(proof):
            raise RuntimeError("a proof failed")
    timings.sort()
    figures.update(prove_p50_ms=round(percentile(timings, 0.5) * 1000, 1),
                   prove_queries=max(counts))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('access_auditentry')")
            figures["table_mb"] = round(cursor.fetchone()[0] / 2**20)
    return json.dumps(figures)


def child_args(*, entries: int, writers: int, timed: int, batch: int) -> list[str]:
    return ["audit", "--entries", str(entries), "--writers", str(writers), "--timed",
            str(timed), "--batch", str(batch)]


def default_timed(entries: int) -> int:
    return min(entries, 1_000_000)
