"""A case note written once about three children (issue 15): Sam writes what happened at
Kerry's once, what each child said for each; every child gets a draft of their own, and
finalising Jack's finalises his sisters' too. Every page passes axe-core, including the one
with his mistakes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.records.codes import NoteStatus
from hearth.records.models import CaseNote
from tests.browser.helpers import assert_accessible, error_summary, sign_in
from tests.conftest import add_child

pytestmark = pytest.mark.browser


def test_sam_writes_a_case_note_once_about_three_children(page, social_worker, north,
                                                           fletchers):
    jack = fletchers["jack"]
    add_child(fletchers["mum"], "Mia", timezone.localdate() - timedelta(days=200),
              by=social_worker, team=north)
    yesterday = timezone.localdate() - timedelta(days=1)

    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}/notes")
    page.get_by_role("link", name="Write a case note about several children").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Write a case note about several children")
    assert_accessible(page)

    page.get_by_label("When it happened").fill(f"{yesterday:%d/%m/%Y} 15:30")
    page.get_by_label("Where").fill("The family home")
    page.get_by_label("Who said what, about Jack").fill("Jack said he likes school.")
    page.get_by_label("The note is about Amy").check()
    page.get_by_label("The note is about Mia").check()
    page.get_by_label("Who said what, about Mia").fill("Kerry said Mia is feeding well.")
    page.get_by_role("button", name="Save as drafts").click()
    expect(error_summary(page)).to_contain_text("Enter who said what, about Amy")
    assert_accessible(page)
    assert not CaseNote.objects.exists()

    page.get_by_label("Who said what, about Amy").fill("Amy said she was hungry.")
    page.get_by_label("A significant event for Amy (shown in their chronology)").check()
    page.get_by_role("button", name="Save as drafts").click()
    expect(page.get_by_text("Case notes saved as drafts about Jack Fletcher, Amy Fletcher "
                            "and Mia Fletcher.")).to_be_visible()
    assert_accessible(page)
    assert CaseNote.objects.count() == 3

    note = CaseNote.objects.get(person=jack)
    page.goto(f"/notes/{note.pk}")
    expect(page.locator(f"#note-{note.pk}-together")).to_contain_text(
        "Written with the notes about Amy Fletcher and Mia Fletcher")
    assert_accessible(page)
    page.get_by_label("Finalise the notes about Amy Fletcher and Mia Fletcher too").check()
    page.get_by_role("button", name="Finalise the record").click()
    expect(page.get_by_text("Case note finalised.")).to_be_visible()
    assert_accessible(page)
    assert set(CaseNote.objects.values_list("status", flat=True)) == {NoteStatus.FINALISED}
