""""Record history" on a person's page says who changed what in plain words: people's names and
roles, never usernames, and the parts of the record as the page names them (issue 15)."""

from __future__ import annotations

import pytest

from hearth.people import actions


@pytest.mark.django_db
def test_tina_reads_who_changed_the_record_in_plain_words(as_user, social_worker, team_manager,
                                                          fletchers):
    jack = fletchers["jack"]
    actions.do_update_person(jack, acting_user=social_worker, expected_version=jack.version,
                             first_language="Polish", interpreter_needed=True)
    page = as_user(team_manager).get(f"/people/{jack.pk}").content.decode()
    history = page[page.index("Record history"):]
    assert "Sam Worker (social worker): Changed details" in history
    assert "first language" in history and "interpreter needed" in history
    assert "first_language" not in history and "interpreter_needed" not in history
    assert "sam:" not in history and "– sam" not in history
