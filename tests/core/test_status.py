"""The child at a glance (issue 15): statuses come from registered providers, in rank order; a
status that says more supersedes one it makes redundant; colour is never the only signal; the
due list answers for one child; the header says a child's age in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from hearth.core.due import DueItem, due_for, for_one_child
from hearth.core.status import Allocation, Status, statuses_for
from hearth.people.templatetags.child_header import age_in_words


def test_statuses_come_in_rank_order_with_the_allocations_apart():
    def casework(person, user):
        return [Allocation("Sam Worker", "Family Help North"),
                Status("child_in_need", "Child in need", rank=30)]

    def people(person, user):
        return [Status("restricted", "Restricted record", rank=90)]

    def protection(person, user):
        return [Status("cp_plan", "Child protection plan", rank=10)]

    found = statuses_for(None, None, providers=[casework, people, protection])
    assert [s.key for s in found.statuses] == ["cp_plan", "child_in_need", "restricted"]
    assert found.allocations == [Allocation("Sam Worker", "Family Help North")]


def test_a_plan_supersedes_child_in_need():
    def both(person, user):
        return [Status("child_in_need", "Child in need"),
                Status("cp_plan", "Child protection plan", supersedes=("child_in_need",))]

    assert [s.key for s in statuses_for(None, None, providers=[both]).statuses] == ["cp_plan"]


def test_a_status_has_words_and_a_known_gov_uk_tag_colour():
    assert Status("cp_plan", "Child protection plan", tone="red").tag_class == \
        "govuk-tag govuk-tag--red"
    assert Status("x", "Plain").tag_class == "govuk-tag"
    with pytest.raises(ValueError):
        Status("x", "Odd", tone="fuchsia")


def item(person_id: str, due: date) -> DueItem:
    return DueItem(person_id=person_id, person_name=person_id, what="Do it", due=due,
                   kind="k", link="/")


def test_due_for_one_child_asks_sources_that_can_and_filters_the_others():
    asked = []

    def every_child(user, *, scope):
        return [item("jack", date(2026, 11, 20)), item("amy", date(2026, 11, 18))]

    @for_one_child
    def one_child(user, *, scope, person_id=None):
        asked.append(person_id)
        return [item("jack", date(2026, 11, 19))]

    found = due_for(None, sources=[every_child, one_child], person_id="jack")
    assert [(i.person_id, i.due) for i in found] == [("jack", date(2026, 11, 19)),
                                                    ("jack", date(2026, 11, 20))]
    assert asked == ["jack"]
    assert len(due_for(None, sources=[every_child, one_child])) == 3


@dataclass
class Child:
    date_of_birth: date | None
    date_of_death: date | None = None
    expected_date_of_birth: date | None = None

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


def test_a_childs_age_in_words():
    today = date(2026, 11, 17)
    assert age_in_words(Child(date(2016, 9, 14)), today) == "Age 10"
    assert age_in_words(Child(date(2016, 11, 18)), today) == "Age 9"
    assert age_in_words(Child(date(2026, 3, 17)), today) == "8 months old"
    assert age_in_words(Child(date(2026, 10, 17)), today) == "1 month old"
    assert age_in_words(Child(None, expected_date_of_birth=date(2027, 2, 1)), today) == "Unborn"
    assert age_in_words(Child(None), today) == "Age not known"
    assert age_in_words(Child(date(2020, 1, 1), date(2024, 6, 1)), today) == "Died aged 4"
