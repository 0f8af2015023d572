"""Every read the code audits is named as a read (``access.actions.audit.is_read``), so that
a person's record history — its changes — leaves out the views of the record, its notes, its
chronology (issue 14 found the history listing "view_case_notes" as changes). Read names are
found where the code records them: ``record_read("…")`` and the ``what="…"`` of each app's
``record_view``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hearth.access.actions.audit import is_read

SRC = Path(__file__).resolve().parents[2] / "src" / "hearth"
LITERAL = re.compile(r'record_read\(\s*"([^"]+)"')
DEFAULT = re.compile(r'def record_view\([^)]*?what: str = "([^"]+)"', re.S)
PASSED = re.compile(r'record_view\([^)]*what="([^"]+)"')


def read_names() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        for pattern in (LITERAL, DEFAULT, PASSED):
            found.update(pattern.findall(text))
    return found


def test_every_read_the_code_records_is_named_as_a_read():
    names = read_names()
    assert {"view", "view_case_notes", "view_chronology", "document.download"} <= names
    assert sorted(n for n in names if not is_read(n)) == []


@pytest.mark.django_db
def test_the_record_history_lists_changes_not_views(as_user, social_worker, fletchers):
    """Sam opens Jack's record, his notes and his chronology, then corrects his first language:
    the record's history shows the correction, not the views."""
    from hearth.people import actions
    from hearth.people.queries.persons import record_history

    jack = fletchers["jack"]
    sam = as_user(social_worker)
    for path in (f"/people/{jack.pk}", f"/people/{jack.pk}/notes",
                 f"/people/{jack.pk}/chronology"):
        assert sam.get(path).status_code == 200
    actions.do_update_person(jack, acting_user=social_worker, expected_version=jack.version,
                             first_language="Polish")
    history = record_history(jack)
    assert history and all(not is_read(row.action) for row in history)
    assert "update" in {row.action for row in history}
