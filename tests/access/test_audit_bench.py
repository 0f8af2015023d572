"""`hearth bench audit` prints the audit log's figures from a scratch database of its own
(issue 14): writers append, the sequencer links every entry, verify passes in a fresh process,
random entries are proved."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.access.models import AuditEntry


@pytest.mark.bench
@pytest.mark.django_db
def test_bench_audit_prints_one_json_line_issue_14():
    out = StringIO()
    call_command("bench", "audit", "--entries", "300", "--writers", "3", "--batch", "128",
                 stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert figures["entries"] == figures["appended_by_writers"] == 300
    assert figures["writers"] == 3 and figures["bulk_loaded"] == 0
    assert figures["heads"] == 3  # 128 + 128 + 44
    assert figures["append_per_s"] > 0 and figures["sequence_per_s"] > 0
    assert 0 < figures["append_p50_ms"] <= figures["append_p95_ms"]
    assert figures["verify_s"] > 0 and figures["verify_peak_rss_mb"] > 0
    assert 0 < figures["prove_queries"] <= 10
    assert not AuditEntry.objects.exists()  # the configured database was not touched


def test_the_scratch_mode_refuses_a_database_it_did_not_make():
    with pytest.raises(CommandError, match="scratch database only"):
        call_command("bench", "audit", "--entries", "10", "--in-scratch")


def test_bad_arguments_are_named():
    with pytest.raises(CommandError, match="--timed between 1 and --entries"):
        call_command("bench", "audit", "--entries", "10", "--timed", "11")
    with pytest.raises(CommandError, match="On SQLite the writers append every entry"):
        call_command("bench", "audit", "--entries", "10", "--timed", "5", "--engine", "sqlite")
