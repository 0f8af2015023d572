"""The list of what is due (issue 15), as pure functions: which heading a day goes under, how
it is described, the order, the groups, and ``due_for`` over sources given to it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hearth.core import due
from hearth.core.due import DueItem

TODAY = date(2026, 11, 17)  # a day passed to the rules, never read from a clock


def item(name: str, on, kind="icpc", family=None) -> DueItem:
    return DueItem(person_id=name.lower(), person_name=name, what="Do it", due=on, kind=kind,
                   link="/x", family_id=family)


def test_headings_overdue_today_this_week_later():
    assert due.when(TODAY - timedelta(days=1), TODAY) == due.OVERDUE
    assert due.when(TODAY, TODAY) == due.TODAY
    assert due.when(TODAY + timedelta(days=7), TODAY) == due.THIS_WEEK
    assert due.when(TODAY + timedelta(days=8), TODAY) == due.LATER


def test_described_in_plain_words():
    assert due.describe(TODAY - timedelta(days=3), TODAY) == "overdue by 3 days"
    assert due.describe(TODAY - timedelta(days=1), TODAY) == "overdue by 1 day"
    assert due.describe(TODAY, TODAY) == "due today"
    assert due.describe(TODAY + timedelta(days=1), TODAY) == "due tomorrow"
    assert due.describe(TODAY + timedelta(days=5), TODAY) == "due in 5 days"


def test_an_aware_time_is_due_on_its_london_day_and_a_naive_one_is_refused():
    year = TODAY.year + 1  # next June: always British Summer Time
    late_evening = datetime(year, 6, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 June in BST
    assert item("Jack", late_evening).due_on == date(year, 6, 2)
    with pytest.raises(ValueError, match="aware"):
        _ = item("Jack", datetime(year, 6, 1, 12, 0)).due_on  # noqa: DTZ001


def test_most_overdue_first_then_grouped_by_when_and_by_family():
    items = [item("Amy", TODAY + timedelta(days=20), family="f1"),
             item("Jack", TODAY - timedelta(days=4), family="f1"),
             item("Zoe", TODAY, family="f2"),
             item("Ben", TODAY + timedelta(days=2), family="f2")]
    assert [i.person_name for i in due.order(items)] == ["Jack", "Zoe", "Ben", "Amy"]
    groups = due.by_when(items, TODAY)
    assert [(g.key, [i.person_name for i in g.items]) for g in groups] == [
        ("overdue", ["Jack"]), ("today", ["Zoe"]), ("this_week", ["Ben"]), ("later", ["Amy"])]
    families = due.by_key(items, key=lambda i: i.family_id, label=lambda i: i.family_id)
    assert [(g.key, [i.person_name for i in g.items]) for g in families] == [
        ("f1", ["Jack", "Amy"]), ("f2", ["Zoe", "Ben"])]
    assert items[1].days_overdue(TODAY) == 4 and items[0].days_overdue(TODAY) == 0


def test_due_for_asks_every_source_with_the_scope():
    asked = []

    def one(user, *, scope):
        asked.append(scope)
        return [item("Amy", TODAY)]

    def two(user, *, scope):
        return [item("Jack", TODAY - timedelta(days=1))]

    found = due.due_for(object(), scope=due.TEAM, sources=[one, two])
    assert [i.person_name for i in found] == ["Jack", "Amy"] and asked == ["team"]
    with pytest.raises(ValueError):
        due.due_for(object(), scope="everyone", sources=[one])


def test_the_apps_register_their_sources():
    from hearth.assessments.due import assessments
    from hearth.engagement.due import follow_up_tasks
    from hearth.frontdoor.due import contact_decisions, mash_requests
    from hearth.protection.due import (
        conferences,
        core_groups,
        outcomes_to_authorise,
        strategy_actions,
    )
    from hearth.safety.due import warnings
    from hearth.supervision.due import supervision

    for source in (conferences, core_groups, outcomes_to_authorise, assessments,
                   follow_up_tasks, warnings, supervision, contact_decisions,
                   strategy_actions, mash_requests):
        assert source in list(due.SOURCES)
