"""The benchmarks' scratch databases are copies of one migrated template per set of migrations,
so that a run of the suite migrates an empty database once per engine, not once per benchmark
(CI time, issue 14)."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time

import pytest

from hearth.demo import scratch


def test_the_template_is_named_by_a_hash_of_the_migrations():
    name = scratch.template_name()
    assert re.fullmatch(r"hearth_bench_template_[0-9a-f]{16}", name)
    assert scratch.template_name() == name


def test_a_sqlite_template_is_migrated_once_then_copied_and_a_stale_one_dropped(tmp_path,
                                                                              monkeypatch):
    monkeypatch.setattr(scratch.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(scratch, "template_name", lambda: "hearth_bench_template_new")
    folder = tmp_path / "hearth-bench-templates"
    folder.mkdir()
    old = folder / "hearth_bench_template_old.sqlite3"
    recent = folder / "hearth_bench_template_recent.sqlite3"
    old.write_text("made by older migrations three days ago")
    os.utime(old, (time.time() - 3 * 86400,) * 2)
    recent.write_text("another checkout's, made an hour ago")
    os.utime(recent, (time.time() - 3600,) * 2)
    migrated: list[str] = []

    def migrate(url):
        migrated.append(url)
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as made:
            made.execute("CREATE TABLE django_migrations (name text)")
            made.execute("INSERT INTO django_migrations VALUES ('0001_initial')")
            made.commit()

    monkeypatch.setattr(scratch, "_migrate", migrate)
    first, second = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    scratch._from_template("sqlite", "", "unused", first)
    scratch._from_template("sqlite", "", "unused", second)
    assert len(migrated) == 1
    for copy in (first, second):
        with contextlib.closing(sqlite3.connect(copy)) as db:
            names = db.execute("SELECT name FROM django_migrations").fetchall()
        assert names == [("0001_initial",)]
    assert sorted(p.name for p in folder.glob("*.sqlite3")) == [
        "hearth_bench_template_new.sqlite3", "hearth_bench_template_recent.sqlite3"]


def test_a_failed_migration_leaves_no_template_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(scratch.tempfile, "gettempdir", lambda: str(tmp_path))

    def migrate(url):
        with open(url.removeprefix("sqlite:///"), "w") as half:
            half.write("half")
        raise RuntimeError("migrating the benchmark's template failed (exit 1)")

    monkeypatch.setattr(scratch, "_migrate", migrate)
    with pytest.raises(RuntimeError, match="template failed"):
        scratch._from_template("sqlite", "", "unused", tmp_path / "one.sqlite3")
    assert not list((tmp_path / "hearth-bench-templates").glob("*.sqlite3"))
