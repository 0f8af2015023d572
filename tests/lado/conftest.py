"""LADO stories: Lara is the LADO, in the LADO service's team; Sian is that team's service
manager (the LADO's service manager, R-LADO-3); Owen is a service manager of another team.
A school's designated safeguarding lead, Ms Amira Shah, tells the LADO that Jack Fletcher says
his teacher, Mr Mark Benson, grabbed him hard by the arm.

The clock stands at Tuesday 17 November 2026, 11:00 in London (as in the protection tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.codes import Role
from hearth.access.models import Team
from hearth.core.refusals import Refused, Why
from hearth.lado.rules.children import ChildLine
from hearth.lado.rules.notifications import Notification
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


NOW = at(2026, 11, 17, 11, 0)
TODAY = NOW.date()

SCHOOL = Notification(
    notifier_name="Amira Shah", notifier_role="Headteacher",
    notifier_organisation="Northam Primary School", notifier_contact="023 8000 0000",
    dsl_name="Amira Shah", incident_on=date(2026, 11, 16),
    concern_shared_at=at(2026, 11, 16, 15, 30), notified_at=at(2026, 11, 17, 9, 0),
    subject_given_name="Mark", subject_family_name="Benson",
    subject_date_of_birth=date(1985, 3, 2), subject_employer="Northam Primary School",
    subject_role="Class teacher", sector="education", setting="workplace",
    allegation="Jack says Mr Benson grabbed his arm hard in the playground; a bruise was seen.")


def notification(**changes) -> Notification:
    return replace(SCHOOL, **changes)


@contextmanager
def refused(why: Why = Why.INPUT) -> Iterator[pytest.ExceptionInfo]:
    """The action refuses (``Refused``) for this reason."""
    with pytest.raises(Refused) as caught:
        yield caught
    assert caught.value.why == why, caught.value


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def lado_team(db) -> Team:
    return Team.objects.create(name="LADO service", service="lado")


@pytest.fixture
def lado_officer(lado_team):
    return make_user("lara", Role.LADO, team=lado_team, first="Lara", last="Officer")


@pytest.fixture
def lado_manager(lado_team):
    """The LADO's service manager: a service manager in the LADO's team."""
    return make_user("sian", Role.SERVICE_MANAGER, team=lado_team, first="Sian", last="Senior")


@pytest.fixture
def other_manager(north):
    return make_user("owen", Role.SERVICE_MANAGER, team=north, first="Owen", last="Other")


@pytest.fixture
def record(lado_officer):
    """Record a notification (by the LADO herself unless ``by`` is given)."""
    from hearth.lado.actions.notifications import do_record_notification

    def make(*, by=None, origin="consultation", children=None, **changes):
        return do_record_notification(
            acting_user=by or lado_officer, origin=origin,
            notification=notification(**changes),
            children=children if children is not None else [
                ChildLine("Jack", "Fletcher", date(2016, 9, 14))])

    return make


@pytest.fixture
def jacks_matter(front_door, fletchers, lado_officer):
    """The school's notification about Mr Benson, sent through the front door's system with
    Jack's record (the front door sees every child's record)."""
    from hearth.lado.actions.notifications import do_record_notification

    return do_record_notification(
        acting_user=front_door, origin="notification", notification=SCHOOL,
        children=[ChildLine(person_id=fletchers["jack"].pk)])
