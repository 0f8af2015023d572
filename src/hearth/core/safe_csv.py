"""The one CSV writer: every CSV Hearth writes goes through it, and every cell is made safe to
open in a spreadsheet.

Spreadsheet programs run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (and
a leading tab or carriage return can hide one), so a person named ``=HYPERLINK(…)`` could send
a reader's data elsewhere when a chronology is opened in Excel. Following OWASP's advice on CSV
injection, such a cell is prefixed with a single quote, which spreadsheets show as text; the
csv module quotes what needs quoting. Numbers Python writes itself are left as numbers (a
negative number is not a formula). ``tests/core/test_safe_csv.py`` fails if anything else in
Hearth writes CSV.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

#: What a spreadsheet may read as the start of a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Stream(Protocol):
    def write(self, text: str, /) -> Any: ...


def neutralise(value: object) -> object:
    """The cell as it is safe to write: text that could start a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, Decimal)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """``csv.writer``'s ``writerow``/``writerows``, with every cell neutralised."""

    def __init__(self, stream: _Stream) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: _Stream) -> SafeWriter:
    """A CSV writer onto ``stream`` (a file, or Django's ``HttpResponse``) whose every cell is
    safe to open in a spreadsheet."""
    return SafeWriter(stream)
