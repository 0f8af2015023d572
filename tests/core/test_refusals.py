"""One way to refuse (issue 12): every action refuses with ``Refused``, and one table says what
a page and the API answer for each kind of refusal."""

from __future__ import annotations

import pytest

from hearth.core.refusals import API_STATUS, PAGE_STATUS, Refused, StaleEdit, Why, refuse_if


def test_a_refusal_names_the_field_at_fault_and_its_message():
    refusal = Refused("Enter the reason for closure", "reason")
    assert refusal.problems == {"reason": "Enter the reason for closure"}
    assert refusal.field == "reason" and refusal.message == "Enter the reason for closure"
    assert str(refusal) == "Enter the reason for closure"
    assert refusal.why is Why.INPUT and refusal.api_status == 422 and refusal.page_status == 400


def test_a_refusal_can_name_several_fields_and_the_detail_names_every_one():
    refusal = Refused({"": "This plan has ended", "end_date": "Enter a date after the start"})
    assert refusal.field == ""
    assert refusal.detail == "This plan has ended; end_date: Enter a date after the start"


def test_the_records_state_is_a_409_and_a_forbidden_change_a_403():
    assert Refused("Already decided", why=Why.STATE).api_status == 409
    assert Refused("Only the author may amend it", why=Why.FORBIDDEN).api_status == 403
    assert Refused("Only the author may amend it", why=Why.FORBIDDEN).page_status == 403


def test_a_stale_edit_is_a_kind_of_refusal_with_the_version_now_saved():
    stale = StaleEdit(7, "involvement")
    assert isinstance(stale, Refused) and stale.current_version == 7
    assert stale.api_status == 412 and stale.page_status == 409
    assert "involvement was changed by someone else (now version 7)" in stale.message


def test_the_status_table_covers_every_kind_of_refusal():
    assert set(API_STATUS) == set(Why) == set(PAGE_STATUS)
    assert API_STATUS == {Why.INPUT: 422, Why.STATE: 409, Why.FORBIDDEN: 403, Why.STALE: 412,
                          Why.NO_VERSION: 428}


def test_renaming_gives_the_apis_field_names_and_keeps_the_kind():
    refused = Refused("No such contact", "contact", why=Why.STATE)
    refusal = refused.renamed({"contact": "contact_id"})
    assert refusal.problems == {"contact_id": "No such contact"} and refusal.why is Why.STATE
    stale = StaleEdit(3).renamed({})
    assert isinstance(stale, StaleEdit) and stale.current_version == 3


def test_refuse_if_raises_only_when_the_rules_found_a_problem():
    refuse_if({})
    with pytest.raises(Refused) as caught:
        refuse_if({"category": "Choose the category of abuse"}, why=Why.INPUT)
    assert caught.value.field == "category"


def test_a_refusal_without_a_problem_is_a_programming_error():
    with pytest.raises(ValueError):
        Refused({})
