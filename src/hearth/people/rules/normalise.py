"""Normalised and phonetic keys for names and postcodes, and partial dates of birth.

Pure functions (no database, no clock), used by search, duplicate checks, seeding and the
search benchmark. The keys stored in ``PersonSearchName`` are made here, so a change to a key
needs the index rebuilt (``reindex_person`` for one person).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import jellyfish

_CACHE = 200_000


@lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Lower case, accents removed, only letters and single spaces ("O'Neill" -> "oneill")."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("ł", "l").replace("ø", "o").replace("ß", "ss").replace("æ", "ae")
    text = re.sub(r"['’`]", "", text).replace("-", " ")
    text = re.sub(r"[^a-z ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def name_key(text: str) -> str:
    """A name folded with its spaces removed ("Mc Donald" == "McDonald")."""
    return fold(text).replace(" ", "")


_BEFORE = [  # spellings that sound alike but that metaphone keeps apart
    (re.compile(r"^chr"), "kr"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"th"), "t"),
    (re.compile(r"^aa"), "a"),
    (re.compile(r"mps"), "ms"),
]


@lru_cache(maxsize=_CACHE)
def phonetic(text: str) -> str:
    """A sound key: "Mohammed"/"Muhammad", "Smith"/"Smyth", "Catherine"/"Kathryn" agree.

    Metaphone of the folded name, with a few English spelling pairs it misses brought together
    (Sean/Shaun, Thompson/Thomson, Aisha/Ayesha, Lewis/Louis, Christopher/Kristopher).
    """
    key = name_key(text)
    if not key:
        return ""
    for pattern, replacement in _BEFORE:
        key = pattern.sub(replacement, key)
    code = jellyfish.metaphone(key).replace("X", "S")
    code = code[:1] + code[1:].replace("W", "").replace("Y", "")
    return code[:20]


def tokens(text: str) -> list[str]:
    return fold(text).split()


def postcode_key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())[:8]


_FULL_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")


def postcode_kind(key: str) -> str:
    """'full' for a whole postcode, 'outward' for its first half (SO17), '' otherwise."""
    if _FULL_POSTCODE.match(key):
        return "full"
    if _OUTWARD.match(key):
        return "outward"
    return ""


def outward_code(key: str) -> str:
    """The first half of a whole postcode key ("SO171BJ" -> "SO17")."""
    return key[:-3] if _FULL_POSTCODE.match(key) else key


@dataclass(frozen=True)
class PartialDate:
    """A date of birth as typed: a year, a month and year, or a whole date."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def full(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def swapped(self) -> date | None:
        """The date with day and month swapped, when that is a different real date."""
        if self.month is None or self.day is None or self.day > 12 or self.day == self.month:
            return None
        return date(self.year, self.day, self.month)


DOB_HELP = "Date of birth: enter a real date, for example 14/09/2016 or 2016"
_SEP = r"[/\-. ]"


def parse_dob(text: str, *, max_year: int) -> PartialDate | None:
    """Parse 2016-09-14, 14/09/2016, 09/2016, 2016-09 or 2016; empty means unknown.

    Raises ``ValueError`` with a message fit to show the user.
    """
    text = (text or "").strip()
    if not text:
        return None
    parts: tuple[str, ...]
    if m := re.fullmatch(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})", text):
        parts = (m[1], m[2], m[3])
    elif m := re.fullmatch(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})", text):
        parts = (m[3], m[2], m[1])
    elif m := re.fullmatch(rf"(\d{{1,2}}){_SEP}(\d{{4}})", text):
        parts = (m[2], m[1])
    elif m := re.fullmatch(rf"(\d{{4}}){_SEP}(\d{{1,2}})", text):
        parts = (m[1], m[2])
    elif m := re.fullmatch(r"(\d{4})", text):
        parts = (m[1],)
    elif m := re.fullmatch(r"(\d{2})(\d{2})(\d{4})", text):
        parts = (m[3], m[2], m[1])
    else:
        raise ValueError(DOB_HELP)
    numbers = [int(p) for p in parts]
    year = numbers[0]
    if not 1900 <= year <= max_year:
        raise ValueError(f"{DOB_HELP} (the year must be between 1900 and {max_year})")
    month = numbers[1] if len(numbers) > 1 else None
    day = numbers[2] if len(numbers) > 2 else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(DOB_HELP)
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            raise ValueError(DOB_HELP) from None
    return PartialDate(year, month, day)
