"""The pure rules of a parent's plain-language summary (R-REC-8): what stops it being saved,
and what the worker is warned about. No database, no clock."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.records.codes import DeliveryMethod
from hearth.records.rules import summaries as rules
from hearth.records.rules.summaries import ActionLine, ParentNeeds

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 17)
NOW = datetime(2026, 11, 17, 11, 0, tzinfo=LONDON)
KERRY = ParentNeeds(name="Kerry")
GOOD_LINE = ActionLine(who="Kerry", what="Take Jack to school every day",
                       by_when=date(2026, 11, 24))


def _problems(**overrides) -> dict[str, str]:
    values = {"purpose": "To see how Jack is getting on at home.",
              "what_was_done": "We talked about school and I saw Jack's bedroom.",
              "method": DeliveryMethod.PRINTED, "language": "English",
              "delivered_at": datetime(2026, 11, 16, 15, 30, tzinfo=LONDON),
              "lines": [GOOD_LINE, ActionLine(), ActionLine()], "today": TODAY, "now": NOW}
    values.update(overrides)
    return rules.summary_problems(**values)


def test_r_rec_8_a_complete_summary_has_no_problems():
    assert _problems() == {}


def test_r_rec_8_purpose_and_what_was_done_are_required():
    problems = _problems(purpose="  ", what_was_done="")
    assert problems == {"purpose": "Enter why you met", "what_was_done": "Enter what was done"}


def test_r_rec_8_at_least_one_action_is_required():
    assert _problems(lines=[ActionLine(), ActionLine(), ActionLine()]) == {
        "actions": "Add at least one action: who must do what by when"}
    assert "actions" in _problems(lines=[])


def test_r_rec_8_a_row_with_any_value_must_be_complete():
    problems = _problems(lines=[GOOD_LINE, ActionLine(what="Ring the school"), ActionLine()])
    assert problems == {"action_2_who": "Enter who must do action 2",
                        "action_2_by_when": "Enter the date action 2 must be done by"}


def test_r_rec_8_by_when_in_the_past_is_refused_today_is_fine():
    yesterday = ActionLine(who="Sam", what="Ring the GP", by_when=date(2026, 11, 16))
    today = ActionLine(who="Sam", what="Ring the GP", by_when=TODAY)
    assert _problems(lines=[yesterday]) == {
        "action_1_by_when": "The date for action 1 must be today or later"}
    assert _problems(lines=[today]) == {}


def test_r_rec_8_translated_needs_a_language_other_than_english():
    for language in ("", "English", " english "):
        assert _problems(method=DeliveryMethod.TRANSLATED, language=language) == {
            "language": "Enter the language the summary was translated into"}
    assert _problems(method=DeliveryMethod.TRANSLATED, language="Polish") == {}


def test_r_rec_8_how_and_when_it_was_given_are_required_and_not_in_the_future():
    assert _problems(method="carrier pigeon") == {
        "method": "Select how the summary was given"}
    assert _problems(delivered_at=None) == {"delivered_at": "Enter when the summary was given"}
    assert _problems(delivered_at=datetime(2026, 11, 17, 12, 0, tzinfo=LONDON)) == {
        "delivered_at": "When the summary was given must be in the past"}


def test_the_default_language_is_the_parents_first_language():
    assert rules.default_language(" Polish ") == "Polish"
    assert rules.default_language("") == "English"


@pytest.mark.parametrize("method", [m for m in DeliveryMethod.values
                                    if m != DeliveryMethod.VERBAL])
def test_r_rec_8_literacy_needs_but_not_verbal_is_a_warning(method):
    needs = ParentNeeds(name="Kerry", literacy_needs="Reads very little")
    warnings = rules.delivery_warnings(needs, method=method, interpreter="")
    assert warnings == ["Kerry has literacy needs (Reads very little) but the summary was not "
                        "given verbally: go through it with them."]


def test_r_rec_8_literacy_needs_told_verbally_or_through_an_interpreter_is_fine():
    needs = ParentNeeds(name="Kerry", literacy_needs="Reads very little")
    assert rules.delivery_warnings(needs, method=DeliveryMethod.VERBAL, interpreter="") == []
    assert rules.delivery_warnings(needs, method=DeliveryMethod.PRINTED,
                                   interpreter="Language Line") == []


def test_r_rec_8_an_interpreter_needed_but_not_translated_is_a_warning():
    needs = ParentNeeds(name="Ana", first_language="Portuguese", interpreter_needed=True)
    assert rules.delivery_warnings(needs, method=DeliveryMethod.PRINTED, interpreter="") == [
        "Ana needs an interpreter but the summary was not translated or interpreted."]
    assert rules.delivery_warnings(needs, method=DeliveryMethod.TRANSLATED,
                                   interpreter="") == []
    assert rules.delivery_warnings(needs, method=DeliveryMethod.VERBAL,
                                   interpreter="M. Silva (Language Line)") == []


def test_r_rec_8_another_first_language_but_not_translated_is_a_warning():
    needs = ParentNeeds(name="Ana", first_language="Portuguese")
    assert rules.delivery_warnings(needs, method=DeliveryMethod.POST, interpreter="") == [
        "Ana's first language is Portuguese but the summary was not translated or "
        "interpreted."]
    english = ParentNeeds(name="Kerry", first_language="English (British)")
    assert rules.delivery_warnings(english, method=DeliveryMethod.POST, interpreter="") == []
    assert rules.delivery_warnings(KERRY, method=DeliveryMethod.POST, interpreter="") == []


@pytest.mark.parametrize(("text", "label"), [
    ("We are starting a s47 enquiry.", "s47"),
    ("We are starting a S.47 enquiry.", "s47"),
    ("This is a Section 47 enquiry.", "Section 47"),
    ("Jack is CIN.", "CIN"),
    ("Jack will have a CP plan.", "CP"),
    ("We told the LADO.", "LADO"),
    ("The MASH looked at it.", "MASH"),
    ("There will be a strategy discussion.", "strategy discussion"),
    ("We held a strategy meeting.", "strategy discussion"),
    ("It meets the threshold.", "threshold"),
    ("You are invited to the initial child protection conference.",
     "initial child protection conference"),
    ("The ICPC is on Monday.", "initial child protection conference"),
])
def test_r_rec_8_jargon_without_explanation_is_a_warning(text, label):
    assert [term.label for term in rules.unexplained_jargon(text)] == [label]
    warnings = rules.wording_warnings([("What we did", text)])
    assert len(warnings) == 1 and f'uses "{label}" without explaining it' in warnings[0]


@pytest.mark.parametrize("text", [
    "Jack will have a CP (child protection) plan.",
    "We told the LADO – the officer who looks into worries about staff.",
    "The MASH, which is where agencies share information, looked at it.",
    "We will mash the potatoes and cip the hedge.",  # ordinary words, not the acronyms
    "We talked about Jack's school.",
])
def test_r_rec_8_explained_terms_and_ordinary_words_are_fine(text):
    assert rules.unexplained_jargon(text) == []


def test_r_rec_8_a_term_is_explained_where_it_is_first_used():
    explained_first = "The LADO (the officer for worries about staff) will call. The LADO is kind."
    bare_first = "The LADO will call. The LADO (the officer for worries about staff) is kind."
    assert rules.unexplained_jargon(explained_first) == []
    assert [t.label for t in rules.unexplained_jargon(bare_first)] == ["LADO"]


def test_r_rec_8_sentences_over_25_words_are_a_warning():
    short = " ".join(["word"] * 25) + "."
    long = " ".join(["Jack"] + ["word"] * 25) + ". Then a short one."
    assert rules.long_sentences(short) == []
    assert rules.long_sentences(long) == [(26, "Jack word word word word word")]
    assert rules.wording_warnings([("Why we met", long)]) == [
        'Why we met has a sentence of 26 words ("Jack word word word word word …"): keep '
        "sentences to 25 words or fewer."]


def test_r_rec_8_summary_warnings_cover_delivery_and_every_part():
    needs = ParentNeeds(name="Kerry", literacy_needs="Reads very little")
    warnings = rules.summary_warnings(
        needs, method=DeliveryMethod.PRINTED, interpreter="", purpose="A s47 visit.",
        what_was_done="We talked.",
        lines=[ActionLine(who="Sam", what="Book the ICPC", by_when=TODAY)])
    assert warnings[0].startswith("Kerry has literacy needs")
    assert any(w.startswith('Why we met uses "s47"') for w in warnings)
    assert any(w.startswith('Action 1 uses "initial child protection conference"')
               for w in warnings)
    assert len(warnings) == 3


def test_r_rec_8_a_written_summary_in_another_language_must_say_it_was_translated():
    problems = _problems(method=DeliveryMethod.PRINTED, language="Polish")
    assert problems == {"language": "A summary in Polish was translated: select Translated, "
                                    "name the interpreter, or change the language to English"}
    assert _problems(method=DeliveryMethod.PRINTED, language="Polish",
                     interpreter="Language Line") == {}
    assert _problems(method=DeliveryMethod.VERBAL, language="Polish") == {}  # said in Polish


def test_r_rec_8_an_empty_language_is_the_parents_when_translated_else_english():
    assert rules.language_given("", "Polish", method=DeliveryMethod.TRANSLATED,
                                interpreter="") == "Polish"
    assert rules.language_given("", "Polish", method=DeliveryMethod.VERBAL,
                                interpreter="A. Nowak") == "Polish"
    assert rules.language_given("", "Polish", method=DeliveryMethod.PRINTED,
                                interpreter="") == "English"
    assert rules.language_given(" Urdu ", "Polish", method=DeliveryMethod.TRANSLATED,
                                interpreter="") == "Urdu"


def test_r_rec_8_a_worker_who_speaks_the_parents_language_has_translated():
    needs = ParentNeeds(name="Ana", first_language="Portuguese", interpreter_needed=True)
    assert rules.was_translated(DeliveryMethod.VERBAL, "", "Portuguese")
    assert not rules.was_translated(DeliveryMethod.VERBAL, "", "English")
    assert rules.delivery_warnings(needs, method=DeliveryMethod.VERBAL, interpreter="",
                                   language="Portuguese") == []
