"""Pure decisions about a parent's plain-language summary (R-REC-8, seed 004 §5.3): no
database, no clock (``today`` and ``now`` are passed in).

*Problems* stop the summary being saved; *warnings* do not, but the worker is shown them:
a parent with literacy needs who was not told verbally, a parent who needs an interpreter (or
whose first language is not English) whose summary was not translated, and wording a parent may
not understand (jargon left unexplained, sentences over 25 words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hearth.records.codes import PLAIN_SENTENCE_WORDS, DeliveryMethod

ENGLISH = "English"
_ENGLISH_NAMES = {"", "english", "en", "eng", "en-gb", "british english"}


@dataclass(frozen=True)
class ActionLine:
    """One "who must do what by when" line as entered; blank parts are ``""`` / ``None``."""

    who: str = ""
    what: str = ""
    by_when: date | None = None

    @property
    def is_blank(self) -> bool:
        return not self.who.strip() and not self.what.strip() and self.by_when is None


@dataclass(frozen=True)
class ParentNeeds:
    """What the parent's record says about how they take in information."""

    name: str
    first_language: str = ""
    interpreter_needed: bool = False
    literacy_needs: str = ""


def needs_of(parent) -> ParentNeeds:
    """What ``parent``'s record says about how they take in information."""
    return ParentNeeds(name=parent.given_name or parent.display_name,
                       first_language=parent.first_language,
                       interpreter_needed=parent.interpreter_needed,
                       literacy_needs=parent.literacy_needs)


@dataclass(frozen=True)
class Jargon:
    label: str
    pattern: re.Pattern[str]
    plainer: str


def _term(regex: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{regex})\b", re.IGNORECASE if ignore_case else 0)


#: Words professionals use that parents are rarely told the meaning of (DOMAIN.md §2).
JARGON: tuple[Jargon, ...] = (
    Jargon("s47", _term(r"s\.?\s?47"), "an enquiry to check whether the child is safe"),
    Jargon("Section 47", _term(r"section\s+47"), "an enquiry to check whether the child is safe"),
    Jargon("s17", _term(r"s\.?\s?17|section\s+17"), "help for a child who needs extra support"),
    Jargon("CIN", _term(r"CIN", ignore_case=False), "a child who needs extra help"),
    Jargon("CP", _term(r"CP", ignore_case=False), "child protection"),
    Jargon("LADO", _term(r"LADO", ignore_case=False),
           "the officer who looks into worries about people who work with children"),
    Jargon("MASH", _term(r"MASH", ignore_case=False),
           "the team where agencies share what they know about a family"),
    Jargon("strategy discussion", _term(r"strategy\s+(?:discussion|meeting)s?"),
           "a meeting between social care, the police and health about what to do next"),
    Jargon("threshold", _term(r"thresholds?"), "say what would make us more worried"),
    Jargon("initial child protection conference",
           _term(r"initial\s+child\s+protection\s+conference|ICPC|RCPC"),
           "a meeting with you and the people who work with your family about keeping the "
           "child safe"),
    Jargon("core group", _term(r"core\s+groups?"),
           "the small group of people who meet to check the plan is working"),
    Jargon("PLO", _term(r"PLO", ignore_case=False), "the steps before we might go to court"),
)

#: After a term, one of these means it is explained in place: "LADO (the officer who ...)".
_EXPLAINED = re.compile(r"\s*(?:\(|[-–—:]\s|,?\s+(?:which|that is|meaning|means|is when|is a)\b)",
                        re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def is_english(language: str) -> bool:
    name = " ".join(language.strip().lower().split())
    return name in _ENGLISH_NAMES or name.startswith("english")


def default_language(first_language: str) -> str:
    """The summary's language unless the worker says otherwise: the parent's first language."""
    return first_language.strip() or ENGLISH


def was_translated(method: str, interpreter: str, language: str = "") -> bool:
    """Translated, interpreted, or told verbally in a language other than English (a worker
    who speaks the parent's language)."""
    return (method == DeliveryMethod.TRANSLATED or bool(interpreter.strip())
            or (method == DeliveryMethod.VERBAL and not is_english(language)))


def language_given(language: str, first_language: str, *, method: str,
                   interpreter: str) -> str:
    """The language to record when the worker leaves it empty: the parent's first language
    when the summary was translated or interpreted, otherwise English."""
    if language.strip():
        return language.strip()
    if method == DeliveryMethod.TRANSLATED or interpreter.strip():
        return default_language(first_language)
    return ENGLISH


def was_spoken(method: str, interpreter: str) -> bool:
    """Told verbally: given verbally, or interpreted by someone in the room or on the phone."""
    return method == DeliveryMethod.VERBAL or bool(interpreter.strip())


def action_problems(lines: Sequence[ActionLine], today: date) -> dict[str, str]:
    """By form field (``action_<n>_who|what|by_when``, n from 1): a row with any value must be
    complete, dated today or later; at least one row is required (``actions``)."""
    problems: dict[str, str] = {}
    if all(line.is_blank for line in lines):
        return {"actions": "Add at least one action: who must do what by when"}
    for n, line in enumerate(lines, start=1):
        if line.is_blank:
            continue
        if not line.who.strip():
            problems[f"action_{n}_who"] = f"Enter who must do action {n}"
        if not line.what.strip():
            problems[f"action_{n}_what"] = f"Enter what must be done in action {n}"
        if line.by_when is None:
            problems[f"action_{n}_by_when"] = f"Enter the date action {n} must be done by"
        elif line.by_when < today:
            problems[f"action_{n}_by_when"] = (f"The date for action {n} must be today or "
                                               "later")
    return problems


def summary_problems(*, purpose: str, what_was_done: str, method: str, language: str,
                     delivered_at: datetime | None, lines: Sequence[ActionLine], today: date,
                     now: datetime, interpreter: str = "") -> dict[str, str]:
    """What stops the summary being saved, by form field; empty when it may be saved.

    A written summary (printed, posted, e-mailed) in another language than English was
    translated: the worker says so, or corrects the language, so the record is not misleading.
    """
    problems: dict[str, str] = {}
    if not purpose.strip():
        problems["purpose"] = "Enter why you met"
    if not what_was_done.strip():
        problems["what_was_done"] = "Enter what was done"
    if method not in DeliveryMethod.values:
        problems["method"] = "Select how the summary was given"
    elif method == DeliveryMethod.TRANSLATED and is_english(language):
        problems["language"] = "Enter the language the summary was translated into"
    elif not (is_english(language) or was_translated(method, interpreter, language)):
        problems["language"] = (f"A summary in {language.strip()} was translated: select "
                                "Translated, name the interpreter, or change the language to "
                                "English")
    if delivered_at is None:
        problems["delivered_at"] = "Enter when the summary was given"
    elif delivered_at > now:
        problems["delivered_at"] = "When the summary was given must be in the past"
    problems.update(action_problems(lines, today))
    return problems


def delivery_warnings(needs: ParentNeeds, *, method: str, interpreter: str,
                      language: str = ENGLISH) -> list[str]:
    """Seed 004 §5.3: verbal where literacy is low, translated where needed. Not blocking."""
    warnings: list[str] = []
    if needs.literacy_needs.strip() and not was_spoken(method, interpreter):
        warnings.append(f"{needs.name} has literacy needs ({needs.literacy_needs.strip()}) but "
                        "the summary was not given verbally: go through it with them.")
    if not was_translated(method, interpreter, language):
        if needs.interpreter_needed:
            warnings.append(f"{needs.name} needs an interpreter but the summary was not "
                            "translated or interpreted.")
        elif not is_english(needs.first_language):
            warnings.append(f"{needs.name}'s first language is {needs.first_language.strip()} "
                            "but the summary was not translated or interpreted.")
    return warnings


def unexplained_jargon(text: str) -> list[Jargon]:
    """Terms in ``text`` not explained where they are first used, in the order of JARGON."""
    found = []
    for term in JARGON:
        first = term.pattern.search(text)
        if first and not _EXPLAINED.match(text, first.end()):
            found.append(term)
    return found


def long_sentences(text: str, limit: int = PLAIN_SENTENCE_WORDS) -> list[tuple[int, str]]:
    """Sentences of more than ``limit`` words: (word count, the sentence's first words)."""
    long = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        if len(words) > limit:
            long.append((len(words), " ".join(words[:6])))
    return long


def wording_warnings(parts: Iterable[tuple[str, str]]) -> list[str]:
    """Plain-language check of (label, text) parts: jargon without explanation and sentences
    over 25 words. Not blocking."""
    warnings: list[str] = []
    for label, text in parts:
        for term in unexplained_jargon(text):
            warnings.append(f'{label} uses "{term.label}" without explaining it: say '
                            f'"{term.plainer}", or explain it in brackets.')
        for count, start in long_sentences(text):
            warnings.append(f'{label} has a sentence of {count} words ("{start} …"): keep '
                            f"sentences to {PLAIN_SENTENCE_WORDS} words or fewer.")
    return warnings


def summary_warnings(needs: ParentNeeds, *, method: str, interpreter: str, purpose: str,
                     what_was_done: str, lines: Sequence[ActionLine],
                     language: str = ENGLISH) -> list[str]:
    """Everything the worker should check before the parent relies on the summary."""
    parts = [("Why we met", purpose), ("What we did", what_was_done)]
    parts += [(f"Action {n}", f"{line.who}. {line.what}") for n, line in
              enumerate(lines, start=1) if not line.is_blank]
    return (delivery_warnings(needs, method=method, interpreter=interpreter, language=language)
            + wording_warnings(parts))
