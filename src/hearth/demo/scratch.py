"""Scratch databases for ``hearth bench``: each benchmark runs in a database of its own.

The parent (``in_scratch``) makes the scratch database — SQLite: a file in a new temporary
folder; PostgreSQL: ``hearth_bench_<label>_<pid>`` on the server of
``HEARTH_BENCH_POSTGRES_URL`` — and runs ``hearth bench <args> --in-scratch`` again in a child
process configured for that database only; the child (``check_scratch`` first) migrates and
loads it and prints its JSON line.

Migrating an empty database takes most of a minute, so the parent makes each scratch database
from a migrated template: one per engine and per set of migrations (``template_name``: a hash
of every migration file and of Django's version), made once under a lock the first time it is
wanted — PostgreSQL: the database ``hearth_bench_template_<hash>``, copied with ``CREATE
DATABASE … TEMPLATE``; SQLite: a file in ``<tmp>/hearth-bench-templates``, copied — and the
child's own migrate finds nothing to do. Templates of other migrations are dropped when a new
one is made. Migrations write no audit entries and no keyed data, so a copy is as good as a
fresh migrate under any secret key.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import math
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
SCRATCH_FLAG = "HEARTH_BENCH_SCRATCH"
TEMPLATE_PREFIX = "hearth_bench_template_"


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _key_file(name: str) -> Path:
    folder = Path(os.environ.get("HEARTH_DATA_DIR") or "var") / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.secret"


def _head_file(name: str) -> Path:
    return _key_file(name).with_suffix(".audit_head")


def _kept_keys(name: str, *, database_exists: bool) -> dict[str, str]:
    """A reused database's secret key (its audit log's heads are signed with it) and the file
    its newest audit head is kept in, from one run to the next: in ``bench/`` of the data
    folder (``HEARTH_DATA_DIR``), readable by its owner only. A database that exists without
    its key (another checkout made it, or the folder was cleared) cannot be reused."""
    key = _key_file(name)
    if not key.exists():
        if database_exists:
            raise RuntimeError(
                f"The database {name} exists but its secret key is not in {key.parent}, so "
                f"its audit log's signed heads cannot be checked: drop it (DROP DATABASE "
                f"\"{name}\") and run again to seed it afresh.")
        key.touch(mode=0o600)
        key.write_text(secrets.token_urlsafe(48), encoding="utf-8")
    return {"HEARTH_SECRET_KEY": key.read_text(encoding="utf-8").strip(),
            "HEARTH_AUDIT_HEAD_FILE": str(_head_file(name))}


def in_scratch(args: list[str], *, engine: str, keep: bool, label: str,
               reuse: bool = False, pristine: bool = False) -> str:
    """Run ``hearth bench <args> --in-scratch`` in a child process configured for a scratch
    database of its own; returns the child's last line of output (its JSON). With ``reuse``
    (PostgreSQL only) the database is ``hearth_bench_<label>``: made if missing, kept after.
    With ``pristine`` too, the kept database is only prepared (``<args> --prepare-only``:
    seeded the first time) and the benchmark runs on a copy of it made afresh for the run
    (``hearth_bench_<label>_run``, dropped after unless ``keep``): a benchmark that writes —
    the load's contacts, notes and visits — starts every run from the same records."""
    server = os.environ.get("HEARTH_BENCH_POSTGRES_URL") or DEFAULT_SERVER
    name = f"hearth_bench_{label}" if reuse else f"hearth_bench_{label}_{os.getpid()}"
    if not (pristine and reuse and engine == "postgres"):
        return _run_child(args, engine=engine, server=server, name=name, keep=keep,
                          reuse=reuse)
    _run_child([*args, "--prepare-only"], engine=engine, server=server, name=name, keep=True,
               reuse=True)
    copy = f"{name}_run"
    _postgres(server, f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
    _postgres(server, f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    say(f"the run's copy of {name}: {copy}")
    # The copy signs with its original's key and its log reaches the head the original's did.
    copied = [(_key_file(name), _key_file(copy)),
              (_head_file(name), _head_file(copy))]
    for original, its_copy in copied:
        if original.exists():
            shutil.copy2(original, its_copy)  # its mode too: the owner's alone
    try:
        return _run_child(args, engine=engine, server=server, name=copy, keep=keep,
                          reuse=True)
    finally:
        if not keep:
            _postgres(server, f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
            for _, its_copy in copied:
                its_copy.unlink(missing_ok=True)


def _run_child(args: list[str], *, engine: str, server: str, name: str, keep: bool,
               reuse: bool) -> str:
    folder = tempfile.mkdtemp(prefix="hearth-bench-")
    env = {k: v for k, v in os.environ.items() if k != "HEARTH_TEST_DATABASE_NAME"}
    env.update({SCRATCH_FLAG: "1", "HEARTH_DATA_DIR": folder, "HEARTH_PRODUCTION": "0",
                "HEARTH_SECRET_KEY": secrets.token_urlsafe(48), "HEARTH_LOG_LEVEL": "WARNING",
                "DJANGO_SETTINGS_MODULE": "hearth.settings"})
    if reuse:  # the same keys each run: the reused log's signed heads, its kept head
        env.update(_kept_keys(name, database_exists=engine == "postgres"
                              and _exists(server, name)))
    created = False
    keep = keep or reuse
    if engine == "postgres":
        env["HEARTH_DATABASE_URL"] = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        where = f"PostgreSQL database {name}"
    else:
        env["HEARTH_DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        where = f"SQLite file {folder}/bench.sqlite3"
    try:
        if engine == "sqlite" or not (reuse and _exists(server, name)):
            _from_template(engine, server, name, Path(folder) / "bench.sqlite3")
            created = engine == "postgres"
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


def check_scratch() -> None:
    """Refuse to run against anything but a scratch database made by ``run``."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    scratch = "hearth_bench_" in name if db["ENGINE"].endswith("postgresql") else (
        "hearth-bench-" in name and name.startswith(tempfile.gettempdir()))
    if os.environ.get(SCRATCH_FLAG) != "1" or not scratch:
        raise RuntimeError("--in-scratch is for the benchmark's own scratch database only")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def template_name() -> str:
    """``hearth_bench_template_<hash>``: the hash of every migration file of Hearth's apps and
    of Django's version, so that a changed or added migration makes a new template."""
    import django

    import hearth

    digest = hashlib.sha256(django.get_version().encode())
    root = Path(hearth.__file__).parent
    for path in sorted(root.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return TEMPLATE_PREFIX + digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """One process at a time makes a template (test processes run benchmarks side by side)."""
    folder = Path(tempfile.gettempdir()) / "hearth-bench-templates"
    folder.mkdir(exist_ok=True)
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _template_env() -> dict[str, str]:
    folder = Path(tempfile.gettempdir()) / "hearth-bench-templates"
    env = {k: v for k, v in os.environ.items() if k != "HEARTH_TEST_DATABASE_NAME"}
    env.update({"HEARTH_DATA_DIR": str(folder), "HEARTH_PRODUCTION": "0",
                "HEARTH_SECRET_KEY": secrets.token_urlsafe(48), "HEARTH_LOG_LEVEL": "WARNING",
                "DJANGO_SETTINGS_MODULE": "hearth.settings"})
    return env


def _migrate(url: str) -> None:
    command = [sys.executable, "-m", "hearth.cli", "migrate", "--noinput", "-v", "0"]
    result = subprocess.run(command, env={**_template_env(), "HEARTH_DATABASE_URL": url},  # noqa: S603
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(f"migrating the benchmark's template failed (exit {result.returncode})")


def ensure_template(engine: str, server: str = "") -> str:
    """The migrated template for ``engine`` (``"postgres"`` on ``server``, or ``"sqlite"``),
    made if missing; returns its database name or, for SQLite, its file. Templates of other
    migrations made more than two days ago are dropped (another checkout's run may still be
    copying a newer one)."""
    template = template_name()
    stale = time.time() - 2 * 86400
    with _locked(f"{engine}-{template}"):
        if engine == "postgres":
            if _exists(server, template):
                return template
            say(f"migrating a template for the scratch databases: {template}")
            for old, made in _postgres_rows(
                    server, "SELECT datname, shobj_description(oid, 'pg_database') "
                    "FROM pg_database WHERE datname LIKE %s", [TEMPLATE_PREFIX + "%"]):
                if not (made or "").isdigit() or int(made) < stale:
                    _postgres(server, f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
            _postgres(server, f'CREATE DATABASE "{template}"')
            try:
                _migrate(urlunsplit(urlsplit(server)._replace(path=f"/{template}")))
            except BaseException:
                _postgres(server, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                raise
            _postgres(server, f"COMMENT ON DATABASE \"{template}\" IS '{int(time.time())}'")
            return template
        folder = Path(tempfile.gettempdir()) / "hearth-bench-templates"
        made_file = folder / f"{template}.sqlite3"
        if made_file.exists():
            return str(made_file)
        say(f"migrating a template for the scratch databases: {made_file}")
        for old in folder.glob(f"{TEMPLATE_PREFIX}*.sqlite3"):
            if old.stat().st_mtime < stale:
                old.unlink(missing_ok=True)
        partial = folder / f"{template}.partial.sqlite3"
        try:
            _migrate(f"sqlite:///{partial}")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.rename(made_file)
        return str(made_file)


def _from_template(engine: str, server: str, name: str, sqlite_file: Path) -> None:
    """Make the scratch database (``name`` on PostgreSQL, ``sqlite_file`` on SQLite) as a copy
    of the migrated template."""
    template = ensure_template(engine, server)
    if engine == "postgres":
        _postgres(server, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    else:
        copy_sqlite(template, sqlite_file)


def copy_sqlite(source: str | Path, target: str | Path) -> None:
    """Copy a SQLite database with SQLite's online backup, so that what a write-ahead log
    still holds is copied too."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _postgres_rows(server: str, sql: str, params: list[str]) -> list[tuple]:
    import psycopg

    with psycopg.connect(server, autocommit=True, connect_timeout=10) as conn:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


def migrate_scratch() -> None:
    """The child's migrate: nothing to do on a copy of the template, everything on a database
    ``--reuse`` made empty."""
    from django.core.management import call_command

    check_scratch()
    say("migrating the scratch database")
    call_command("migrate", verbosity=0, interactive=False)
