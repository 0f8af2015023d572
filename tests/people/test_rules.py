"""Pure identifier rules (R-PPL-1)."""

from datetime import date

from hearth.people.rules.persons import (
    is_child,
    nhs_check_digit,
    nhs_number_is_valid,
    upn_check_letter,
    upn_is_valid,
)


def test_nhs_number_check_digit_R_PPL_1():
    assert nhs_number_is_valid("943 476 5919")
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")  # wrong check digit
    assert not nhs_number_is_valid("94347659")  # too short
    assert not nhs_number_is_valid("abcdefghij")
    assert nhs_check_digit("943476591") == 9


def test_upn_check_letter_R_PPL_1():
    body = "820200101001"
    upn = upn_check_letter(body) + body
    assert upn_is_valid(upn)
    assert not upn_is_valid(("A" if upn[0] != "A" else "B") + body)
    temporary = "82020010100A"
    assert upn_is_valid(upn_check_letter(temporary) + temporary)
    assert not upn_is_valid("X12")


def test_unborn_and_adults():
    today = date(2026, 11, 22)
    assert is_child(None, date(2027, 2, 1), today)
    assert is_child(date(2010, 1, 1), None, today)
    assert not is_child(date(2000, 1, 1), None, today)
