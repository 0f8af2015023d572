"""The live cases on the home pages (issue 14): Sam's own by the child's name, Tina's team's
and the service manager's every team's, newest first, 25 a page, with how many wait for
allocation — read by queries compiled once a process and counted from the cases' own index
less those whose child the reader does not reach. The same cases and counts as the ORM's
``reached`` reading: a restricted child Tina is named on counts, one she is not named on does
not, nor a record merged into another."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.casework.queries import (
    LIVE,
    SERVICE_CASES,
    TEAM_CASES,
    WORKER,
    open_cases_page,
    reached,
)
from hearth.core import visibility
from hearth.people import actions
from hearth.people.models import Person, RestrictedAccess
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _orm(user, which):
    qs = Involvement.objects.filter(LIVE)
    if which == WORKER:
        qs = qs.filter(worker=user)
    elif which == TEAM_CASES:
        qs = qs.filter(team_id=user.team_id)
    return reached(user, qs)


def _page(user, which, page=1):
    request = RequestFactory().get("/", {"page": page})
    with visibility.scopes_remembered():
        return open_cases_page(user, request, which)


def test_the_cases_and_counts_are_those_reached(social_worker, team_manager, front_door,
                                                 fletchers, north, south):
    today = timezone.localdate()
    made = []
    for n in range(30):  # two pages of North's cases, some waiting for a worker
        child = actions.do_create_person(acting_user=front_door, given_name=f"Child{n:02d}",
                                         family_name="North")
        Involvement.objects.create(person=child, team=north,
                                   worker=social_worker if n % 3 else None,
                                   opened_on=today - timedelta(days=n),
                                   status=(InvolvementStatus.OPEN if n % 3 else
                                           InvolvementStatus.AWAITING_ALLOCATION))
        made.append(child)
    named, hidden, merged = made[0], made[1], made[2]
    Person.objects.filter(pk__in=[named.pk, hidden.pk]).update(restricted=True)
    RestrictedAccess.objects.create(person=named, user=team_manager)
    Person.objects.filter(pk=merged.pk).update(merged_into=fletchers["jack"])
    closed = made[3]
    Involvement.objects.filter(person=closed).update(status=InvolvementStatus.CLOSED)
    service = make_user("sian", Role.SERVICE_MANAGER, team=north)

    for user, which in ((team_manager, TEAM_CASES), (service, SERVICE_CASES),
                        (social_worker, WORKER)):
        expected = _orm(user, which)
        page, waiting = _page(user, which)
        assert page.total == expected.count(), user.username
        if which == WORKER:
            assert waiting is None
            order = expected.order_by("person__family_name", "person__given_name", "pk")
        else:
            assert waiting == expected.filter(worker__isnull=True).count(), user.username
            order = expected.order_by("-opened_on", "-pk")
        ids = list(order.values_list("pk", flat=True))
        assert [i.pk for i in page.items] == ids[:25]
        if len(ids) > 25:  # a page past the last shows the last
            assert [i.pk for i in _page(user, which, 2)[0].items] == ids[25:50]
    tinas = {i.person_id for p in (1, 2) for i in _page(team_manager, TEAM_CASES, p)[0].items}
    assert named.pk in tinas and hidden.pk not in tinas and merged.pk not in tinas
    assert closed.pk not in tinas
    assert _page(team_manager, TEAM_CASES)[0].total > 25  # two pages were read
