"""The pure rules of a copy of records (R-REC-9): when it is due, what is suggested for
redaction, how text is redacted and items withheld. No database, no clock."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.releases import rules
from hearth.releases.rules import REDACTED


@pytest.mark.parametrize(("asked", "due"), [
    (date(2026, 11, 16), date(2026, 12, 16)),
    (date(2026, 12, 31), date(2027, 1, 31)),
    (date(2027, 1, 31), date(2027, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),   # leap year
    (date(2028, 1, 29), date(2028, 2, 29)),
    (date(2027, 1, 29), date(2027, 2, 28)),
    (date(2027, 3, 31), date(2027, 4, 30)),
    (date(2027, 2, 28), date(2027, 3, 28)),
    (date(2027, 8, 31), date(2027, 9, 30)),
])
def test_r_rec_9_copy_is_due_one_calendar_month_after_the_request(asked, due):
    """R-REC-9 (UK GDPR Art. 12(3)): one calendar month; a missing day is the month's last."""
    assert rules.due_date(asked) == due


def test_request_needs_who_asked_and_a_date_not_in_the_future():
    today = date(2026, 11, 17)
    assert rules.request_problems("Kerry Fletcher", date(2026, 11, 16), today) == {}
    assert rules.request_problems("Kerry Fletcher", today, today) == {}
    assert rules.request_problems("  ", None, today) == {
        "requested_by": "Enter who asked for the copy",
        "requested_on": "Enter when they asked"}
    assert "requested_on" in rules.request_problems("Kerry", date(2026, 11, 18), today)


def test_redaction_is_whole_word_and_ignores_case():
    text = "Dawn Hollis called. DAWN said dawn is early; Dawnley Road is not her."
    assert rules.redact(text, ["dawn"]) == (
        f"{REDACTED} Hollis called. {REDACTED} said {REDACTED} is early; Dawnley Road is "
        "not her.")


def test_redaction_of_names_with_apostrophes():
    text = "Siobhan O'Brien rang. O’Brien's son was there. Brien is someone else."
    redacted = rules.redact(text, ["O'Brien"])
    assert redacted == (f"Siobhan {REDACTED} rang. {REDACTED}'s son was there. Brien is "
                        "someone else.")
    # A shorter term is not found inside an apostrophised name.
    assert rules.redact("Siobhan O'Brien rang.", ["Brien"]) == "Siobhan O'Brien rang."
    # A possessive is still redacted.
    assert rules.redact("Dawn's flat", ["Dawn"]) == f"{REDACTED}'s flat"


def test_redaction_of_hyphenated_names():
    text = "Lee Smith-Jones and Mr Smith met Anne-Marie."
    assert rules.redact(text, ["Smith-Jones"]) == f"Lee {REDACTED} and Mr Smith met Anne-Marie."
    # "Smith" alone is not found inside "Smith-Jones", nor "Marie" inside "Anne-Marie".
    assert rules.redact(text, ["Smith", "Marie"]) == (
        f"Lee Smith-Jones and Mr {REDACTED} met Anne-Marie.")
    assert rules.redact(text, ["anne-marie"]) == f"Lee Smith-Jones and Mr Smith met {REDACTED}."


def test_overlapping_terms_are_redacted_longest_first():
    text = "Dawn Hollis and Dawn and Hollis Street"
    once = rules.redact(text, ["Dawn", "Hollis", "Dawn Hollis"])
    assert once == f"{REDACTED} and {REDACTED} and {REDACTED} Street"
    assert rules.redact(text, ["Hollis Street", "Dawn Hollis"]) == (
        f"{REDACTED} and Dawn and {REDACTED}")


def test_a_term_matches_across_line_breaks_and_spaces():
    assert rules.redact("Dawn\n  Hollis came", ["Dawn Hollis"]) == f"{REDACTED} came"


def test_special_characters_in_terms_are_literal():
    assert rules.redact("Call 07700 900123 or (07700) 900123", ["07700 900123"]) == (
        f"Call {REDACTED} or (07700) 900123")
    assert rules.redact("a.b and axb", ["a.b"]) == f"{REDACTED} and axb"
    assert rules.redact("nothing here", []) == "nothing here"


def test_terms_are_cleaned_and_checked():
    assert rules.clean_terms([" Dawn  Hollis ", "dawn hollis", "", "Hollis"]) == [
        "Dawn Hollis", "Hollis"]
    assert rules.term_problem("D") is not None
    assert rules.term_problem("--") is not None
    assert rules.term_problem("x" * 101) is not None
    assert rules.term_problem("Jo") is None


def test_suggestions_are_other_peoples_names_found_in_the_copy():
    """R-REC-9: callers, relatives and household members are offered; the subject is not."""
    subject = ["Kerry Fletcher", "Kerry Ann Fletcher", "Kerry Smith"]
    others = ["Dawn Hollis", "Jack Fletcher", "PC Lee Grant", "Mrs Val O'Brien, neighbour",
              "Dean Moss", "A neighbour"]
    texts = ["Dawn Hollis called about Jack Fletcher.", "Dawn heard shouting.",
             "PC Lee Grant attended. Val O'Brien saw it.", "a neighbour rang"]
    suggested = rules.suggest_terms(subject, others, texts)
    assert suggested == ["A neighbour", "Dawn", "Dawn Hollis", "Grant", "Hollis", "Jack",
                         "Jack Fletcher", "Lee", "O'Brien", "PC Lee Grant",
                         "Val"]
    # Never the subject's own names or any word of them; never a title; nobody absent.
    for word in ("Kerry", "Fletcher", "Smith", "PC", "Dean Moss", "Mrs Val O'Brien"):
        assert word not in suggested


def test_withheld_items_and_redactions_in_the_copy():
    sections = [{"title": "Contacts", "items": [
        {"key": "contact:1", "title": "Contact from Dawn Hollis",
         "lines": [["Worries", "Dawn heard shouting"], ["Caller", "Dawn Hollis"]]},
        {"key": "contact:2", "title": "Contact from the police",
         "lines": [["Worries", "A police matter"]]},
    ]}]
    copy, counts = rules.apply(sections, ["Dawn", "Dawn Hollis"],
                               {"contact:2": "Crime and taxation exemption"})
    first, second = copy[0]["items"]
    assert first["title"] == f"Contact from {REDACTED}"
    assert first["lines"] == [["Worries", f"{REDACTED} heard shouting"],
                              ["Caller", REDACTED]]
    assert second == {"key": "contact:2", "title": rules.WITHHELD_TITLE, "withheld": True,
                      "lines": [["", rules.WITHHELD_LINE]]}
    assert "police" not in str(second) and "Crime" not in str(copy)
    assert counts == {"items": 2, "withheld": 1, "redactions": 3}
    assert sections[0]["items"][0]["title"] == "Contact from Dawn Hollis"  # input unchanged


def test_fingerprint_is_canonical():
    assert rules.fingerprint({"a": 1, "b": "é"}) == rules.fingerprint({"b": "é", "a": 1})
    assert len(rules.fingerprint([])) == 64
