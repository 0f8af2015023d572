"""Pure checks on a person's identifiers and dates (no database, no clock)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hearth.core.sensible import sensible_date

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


#: An expected date of birth is months away, never years (issue 13 item 1).
EXPECTED_WITHIN_DAYS = 366


def date_problems(*, date_of_birth: date | None, expected_date_of_birth: date | None,
                  date_of_death: date | None, today: date) -> dict[str, str]:
    """A person's dates in a sensible range (issue 13 item 1): born from 1900 and not in the
    future, expected within a year, died neither in the future nor before being born."""
    problems: dict[str, str] = {}
    if date_of_birth is not None:
        problem = sensible_date(date_of_birth, today=today)
        if problem:
            problems["date_of_birth"] = f"Date of birth {problem}"
    if expected_date_of_birth is not None:
        problem = sensible_date(expected_date_of_birth,
                                today=today + timedelta(days=EXPECTED_WITHIN_DAYS))
        if problem:
            problems["expected_date_of_birth"] = f"Expected date of birth {problem}"
    if date_of_death is not None:
        problem = sensible_date(date_of_death, today=today, born=date_of_birth)
        if problem:
            problems["date_of_death"] = f"Date of death {problem}"
    return problems
