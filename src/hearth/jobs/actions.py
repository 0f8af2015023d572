"""Schedule jobs and run the due ones (the job kinds register with ``handler``); several
workers may run at once on PostgreSQL. Besides jobs, a worker runs what apps register with
``every`` (the audit log's sequencer, every second) in a thread of its own, so that a slow job
never delays it."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import close_old_connections, connection, connections, transaction
from django.utils import timezone

from hearth.jobs.models import Job, JobStatus

log = logging.getLogger("hearth.jobs")
HANDLERS: dict[str, Callable[[dict], Any]] = {}
#: name -> (seconds between runs, what to run), registered by ``every``.
PERIODIC: dict[str, tuple[float, Callable[[], Any]]] = {}
STALE_AFTER = timedelta(minutes=10)


def handler(kind: str) -> Callable[[Callable[[dict], Any]], Callable[[dict], Any]]:
    def register(func: Callable[[dict], Any]) -> Callable[[dict], Any]:
        HANDLERS[kind] = func
        return func

    return register


def schedule(kind: str, payload: dict | None = None, *, run_at: datetime | None = None) -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    return Job.objects.create(kind=kind, payload=payload or {}, run_at=run_at or timezone.now())


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(now: datetime | None = None, name: str | None = None) -> Job | None:
    """Take one due job. PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one writer at a time."""
    now = now or timezone.now()
    with transaction.atomic():
        qs = Job.objects.filter(status=JobStatus.DUE, run_at__lte=now).order_by("run_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        job = qs.first()
        if job is None:
            stale = Job.objects.filter(status=JobStatus.RUNNING, claimed_at__lt=now - STALE_AFTER)
            if connection.features.has_select_for_update_skip_locked:
                stale = stale.select_for_update(skip_locked=True)
            job = stale.first()
            if job is None:
                return None
        job.status = JobStatus.RUNNING
        job.claimed_by = name or worker_name()
        job.claimed_at = now
        job.attempts += 1
        job.save(update_fields=["status", "claimed_by", "claimed_at", "attempts"])
        return job


def run(job: Job) -> None:
    func = HANDLERS.get(job.kind)
    try:
        if func is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        with transaction.atomic():
            func(job.payload)
    except Exception as exc:  # a failing job must not stop the worker
        log.warning("job %s (%s) failed: %s", job.pk, job.kind, type(exc).__name__)
        job.last_error = "".join(traceback.format_exception_only(exc))[-2000:]
        if job.attempts >= job.max_attempts:
            job.status = JobStatus.FAILED
        else:
            job.status = JobStatus.DUE
            job.run_at = timezone.now() + timedelta(seconds=30 * 2 ** job.attempts)
        job.save(update_fields=["last_error", "status", "run_at"])
        return
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])


def run_due(limit: int = 100) -> int:
    """Run up to ``limit`` due jobs now; returns how many ran."""
    count = 0
    while count < limit:
        job = claim()
        if job is None:
            break
        run(job)
        count += 1
    return count


#: The job kinds that always have one instance due (each handler schedules its next run);
#: an app adds its own with ``recurring``.
RECURRING: list[str] = ["sessions.clear"]


def recurring(kind: str) -> None:
    """``kind`` always has one instance due (``ensure_recurring``, when a worker starts)."""
    if kind not in RECURRING:
        RECURRING.append(kind)


def ensure_recurring() -> None:
    """Each recurring job has one due instance (its handler schedules the next)."""
    for kind in RECURRING:
        pending = Job.objects.filter(kind=kind, status__in=[JobStatus.DUE, JobStatus.RUNNING])
        if not pending.exists():
            schedule(kind)


def every(name: str, seconds: float) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register ``func`` for every worker to run every ``seconds`` (each worker does: the
    function itself makes sure that two at once do no harm)."""
    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        PERIODIC[name] = (seconds, func)
        return func

    return register


def run_periodic(last: dict[str, float] | None = None) -> int:
    """Run each registered periodic task whose time has come (all of them when ``last`` is
    None); a failure is logged, never raised. Returns how many ran."""
    ran = 0
    for name, (seconds, func) in list(PERIODIC.items()):
        now = time.monotonic()
        if last is not None and now - last.get(name, float("-inf")) < seconds:
            continue
        if last is not None:
            last[name] = now
        try:
            func()
        except Exception:  # a failing task must not stop the worker; the next run retries
            log.exception("periodic task %s failed", name)
        ran += 1
    return ran


def periodic_thread(stop: threading.Event) -> threading.Thread:
    """Start the worker's thread that runs the periodic tasks until ``stop`` is set."""
    def loop() -> None:
        last: dict[str, float] = {}
        try:
            while not stop.is_set():
                run_periodic(last)
                close_old_connections()  # drop a connection the database has closed
                stop.wait(0.1)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=loop, name="hearth-periodic", daemon=True)
    thread.start()
    return thread
