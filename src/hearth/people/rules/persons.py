"""Pure checks on a person's identifiers and dates (no database, no clock)."""

from __future__ import annotations

import re
from datetime import date

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def nhs_number_is_valid(value: str) -> bool:
    """Modulus 11 check digit of the NHS number (10 digits; remainder 10 is invalid)."""
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no valid number has them."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    return None if check == 10 else check


def upn_is_valid(value: str) -> bool:
    """DfE Unique Pupil Number: check letter, LA code, school code, year, serial (13 chars).

    A temporary UPN ends in a letter; the check letter covers characters 2–13.
    """
    upn = (value or "").strip().upper()
    if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", upn):
        return False
    total = 0
    for position, char in enumerate(upn[1:], start=2):
        if char.isdigit():
            number = int(char)
        elif char in _UPN_LETTERS:
            number = _UPN_LETTERS.index(char)
        else:
            return False
        total += number * position
    return _UPN_LETTERS[total % 23] == upn[0]


def upn_check_letter(body: str) -> str:
    total = sum((int(c) if c.isdigit() else _UPN_LETTERS.index(c)) * p
                for p, c in enumerate(body, start=2))
    return _UPN_LETTERS[total % 23]


def age_on(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def is_child(born: date | None, expected: date | None, on: date) -> bool:
    """A child is under 18, or unborn (an expected date of birth and no date of birth)."""
    if born is None:
        return expected is not None
    age = age_on(born, on)
    return age is not None and age < 18
