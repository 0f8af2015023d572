"""Pure decisions about a copy of records (R-REC-9): when it is due, which names to offer for
redaction, and how text is redacted. No database, no clock."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

REDACTED = "[redacted]"
WITHHELD_TITLE = "Item withheld"
WITHHELD_LINE = "An item was withheld here."
RELEASED_REFUSAL = "This copy has been released and cannot be changed."
MIN_TERM_LENGTH = 2
MAX_TERM_LENGTH = 100
MAX_REASON_LENGTH = 300

#: Words before a name that are not part of it (never offered on their own).
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "pc", "dc", "ds", "di",
                    "sgt", "insp", "rev", "sir", "dame", "nurse"})
_APOSTROPHES = "'\u2019"
_HYPHENS = "-\u2010\u2011"


def _class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def due_date(requested_on: date) -> date:
    """UK GDPR Art. 12(3): the copy is due one calendar month after the request; where the
    next month has no such day, the last day of that month (31 January -> 28/29 February)."""
    year, month = (requested_on.year + 1, 1) if requested_on.month == 12 else (
        requested_on.year, requested_on.month + 1)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(requested_on.day, last))


def request_problems(requested_by: str, requested_on: date | None,
                     today: date) -> dict[str, str]:
    """What is wrong with a request for a copy, by field; empty when fine."""
    problems: dict[str, str] = {}
    if not str(requested_by or "").strip():
        problems["requested_by"] = "Enter who asked for the copy"
    if requested_on is None:
        problems["requested_on"] = "Enter when they asked"
    elif requested_on > today:
        problems["requested_on"] = "When they asked must be today or in the past"
    return problems


def withhold_problems(withheld: Mapping[str, str]) -> dict[str, str]:
    """Every withheld item needs a reason (kept internal)."""
    if any(not str(reason or "").strip() for reason in withheld.values()):
        return {"withhold_reason": "Enter why the item is withheld"}
    if any(len(str(reason)) > MAX_REASON_LENGTH for reason in withheld.values()):
        return {"withhold_reason": f"The reason must be {MAX_REASON_LENGTH} characters or "
                                   "fewer"}
    return {}


def clean_term(term: str) -> str:
    """A term as it is kept: trimmed, inner whitespace collapsed."""
    return " ".join(str(term).split())


def clean_terms(terms: Iterable[str]) -> list[str]:
    """Terms trimmed, empty ones dropped, duplicates (ignoring case) kept once, in order."""
    seen: set[str] = set()
    kept: list[str] = []
    for raw in terms:
        term = clean_term(raw)
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            kept.append(term)
    return kept


def term_problem(term: str) -> str | None:
    """Why a worker's own term cannot be used, or None."""
    term = clean_term(term)
    if len(term) < MIN_TERM_LENGTH:
        return f"Each term must be at least {MIN_TERM_LENGTH} characters: '{term}' is too short"
    if len(term) > MAX_TERM_LENGTH:
        return f"Each term must be {MAX_TERM_LENGTH} characters or fewer"
    if not re.search(r"\w", term):
        return f"'{term}' has no letters or numbers to redact"
    return None


def _term_pattern(term: str) -> str:
    parts = []
    for char in term:
        if char.isspace():
            parts.append(r"\s+")
        elif char in _APOSTROPHES:
            parts.append(_class(_APOSTROPHES))
        elif char in _HYPHENS:
            parts.append(_class(_HYPHENS))
        else:
            parts.append(re.escape(char))
    return re.sub(r"(\\s\+)+", r"\\s+", "".join(parts))


def redaction_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all the terms, longest first, matching whole words regardless of case.

    A term does not match inside a longer hyphenated or apostrophised name ("Smith" is not
    found in "Smith-Jones", "Brien" not in "O'Brien"), but does match before a possessive
    ("Dawn's")."""
    kept = sorted(clean_terms(terms), key=lambda t: (-len(t), t.casefold()))
    if not kept:
        return None
    alternatives = "|".join(_term_pattern(t) for t in kept)
    before = rf"(?<!\w)(?<!\w{_class(_APOSTROPHES + _HYPHENS)})"
    after = rf"(?!\w)(?!{_class(_HYPHENS)}\w)"
    return re.compile(f"{before}(?:{alternatives}){after}", re.IGNORECASE)


def redact(text: str, terms: Iterable[str]) -> str:
    """Replace every whole-word, case-insensitive occurrence of each term with [redacted]."""
    pattern = redaction_pattern(terms)
    return text if pattern is None or not text else pattern.sub(REDACTED, text)


def count_redactions(text: str, pattern: re.Pattern[str] | None) -> int:
    return 0 if pattern is None or not text else len(pattern.findall(text))


def _words(name: str) -> list[str]:
    return re.findall(rf"(?:\w|{_class(_APOSTROPHES + _HYPHENS)})+", name)


def _name_only(name: str) -> str:
    """A name without what follows a comma or bracket ("Mrs Hollis, neighbour" -> "Mrs
    Hollis")."""
    return clean_term(re.split(r"[,(;/]", name, maxsplit=1)[0]).strip(" .-")


def name_terms(name: str, subject_words: set[str]) -> list[str]:
    """The terms to offer for another person's name: the whole name, and each of its words
    that looks like a name (capitalised, not a title) and is not one of the subject's own."""
    whole = _name_only(name)
    if len(whole) < MIN_TERM_LENGTH:
        return []
    terms = [whole]
    words = _words(whole)
    if len(words) > 1:
        for word in words:
            folded = word.casefold().strip(_APOSTROPHES + _HYPHENS)
            if (len(word) >= MIN_TERM_LENGTH and word[0].isupper()
                    and folded not in TITLES and folded not in subject_words):
                terms.append(word)
    return terms


def suggest_terms(subject_names: Iterable[str], other_names: Iterable[str],
                  texts: Iterable[str]) -> list[str]:
    """Names of people other than the subject that appear in the copy, to offer as tick boxes.

    ``subject_names`` are the subject's own names (never offered, nor any word of them);
    ``other_names`` are callers, relatives, household members and sources known to the
    record; only those found (whole word, any case) in ``texts`` are offered."""
    subject_words = {w.casefold() for n in subject_names for w in _words(n)}
    subject_full = {clean_term(n).casefold() for n in subject_names}
    candidates: list[str] = []
    for name in other_names:
        for term in name_terms(name, subject_words):
            if term.casefold() not in subject_full:
                candidates.append(term)
    body = "\n".join(texts)
    found = [t for t in clean_terms(candidates)
             if (p := redaction_pattern([t])) is not None and p.search(body)]
    return sorted(found, key=lambda t: (t.casefold(), t))


# --- The copy: sections of items, redacted and withheld --------------------------------------

def apply(sections: list[dict[str, Any]], terms: Iterable[str],
          withheld: Mapping[str, str]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The copy as it would be released: each withheld item replaced by one line saying so
    (its reason is not printed), every term redacted from titles and values. Returns the
    sections and counts of items, withheld items and redactions."""
    pattern = redaction_pattern(terms)
    counts = {"items": 0, "withheld": 0, "redactions": 0}
    result = []
    for section in sections:
        items = []
        for item in section["items"]:
            counts["items"] += 1
            if item["key"] in withheld:
                counts["withheld"] += 1
                items.append({"key": item["key"], "title": WITHHELD_TITLE, "withheld": True,
                              "lines": [["", WITHHELD_LINE]]})
                continue
            title = item["title"]
            lines = [[label, value] for label, value in item["lines"]]
            counts["redactions"] += count_redactions(title, pattern) + sum(
                count_redactions(value, pattern) for _, value in lines)
            if pattern is not None:
                title = pattern.sub(REDACTED, title)
                lines = [[label, pattern.sub(REDACTED, value)] for label, value in lines]
            items.append({"key": item["key"], "title": title, "withheld": False,
                          "lines": lines})
        result.append({"title": section["title"], "items": items})
    return result, counts


def fingerprint(content: Any) -> str:
    """The sha256 of content's canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
