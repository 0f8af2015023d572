"""What is due, seen from each chair of a council that `make demo` gave its casework (children
looked after, child protection plans and conferences, CIN plans, strategy actions, follow-ups,
professional differences): the lists must agree with one another whoever reads them.

- A team manager's list of their team's work is the service manager's list of the service's
  work, seen through the team: the items about the team's children — professional differences
  aside, which are the team's when a worker of the team leads their stage (and not the manager
  themselves, whose own list holds those).
- Nothing the service's list names as a worker's work is missing from that worker's own list
  (a social worker, the IRO, a partner, the manager).

These are the invariants a list kept as work is done (a work tray, issue 14) must keep too."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from django.core.management import call_command

from hearth.access.models import User
from hearth.casework.queries import team_children
from hearth.core import visibility
from hearth.core.due import MINE, TEAM, DueItem, due_for
from hearth.demo.bench_pages import WORK_FAMILIES, give_demo_work

pytestmark = pytest.mark.django_db

DIFFERENCES = "difference_"


@pytest.fixture
def council(capsys) -> dict[str, User]:
    """``make demo``'s council and its casework (synthetic people), over today's dates."""
    call_command("seed", families=WORK_FAMILIES, seed=2026, demo_users=True)
    assert give_demo_work()
    capsys.readouterr()
    return {u.username: u for u in User.objects.filter(username__startswith="demo.")}


def _listed(user, scope: str) -> list[DueItem]:
    with visibility.scopes_remembered():  # as a request reads it
        return due_for(user, scope=scope)


def _what(item: DueItem) -> tuple:
    """An item, whoever's list it is on (the worker a list names is its reader's business)."""
    return item.person_id, item.kind, item.what, str(item.due), item.link


def test_every_chair_reads_the_same_work(council):
    tina, sue = council["demo.teammanager"], council["demo.servicemanager"]
    team, service = _listed(tina, TEAM), _listed(sue, TEAM)
    kinds = {i.kind for i in service}
    assert len(kinds) >= 12, kinds  # the demo gives many sources work to compare
    assert any(k.startswith(DIFFERENCES) for k in kinds)

    # Tina's team's list is Sue's service's, seen through the team.
    children = {str(pk) for pk in team_children(tina).values_list("pk", flat=True)}
    workers = set(User.objects.filter(team_id=tina.team_id).exclude(pk=tina.pk)
                  .values_list("pk", flat=True))

    def the_teams(item: DueItem) -> bool:
        if item.kind.startswith(DIFFERENCES):
            return item.for_user_id in workers
        return item.person_id in children

    def counted(items) -> Counter:
        return Counter((*_what(i), i.for_user_id) for i in items)

    assert counted(team) == counted(i for i in service if the_teams(i))

    # Nothing Sue's list names as a worker's is missing from that worker's own list.
    by_worker: dict[int, list[DueItem]] = defaultdict(list)
    for item in service:
        if item.for_user_id is not None:
            by_worker[item.for_user_id].append(item)
    readers = User.objects.in_bulk(list(by_worker))
    assert {u.role for u in readers.values()} >= {"social_worker", "iro"}
    for pk, items in by_worker.items():
        own = {_what(i) for i in _listed(readers[pk], MINE)}
        missing = [i.kind for i in items if _what(i) not in own]
        assert missing == [], readers[pk].username
