"""Care leavers' stories: Daisy was looked after from her 14th birthday and ceased to be on
her 18th — today (her date of birth computed from today); Tina, Sam's team manager, allocates
Paula, a personal adviser, who keeps in touch with her."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth import calendar
from hearth.access.codes import Role
from tests.conftest import make_user


def young_person(by, team, *, age: int = 18, given: str = "Daisy", in_care_from: int = 14,
                 left_at: int | None = 18):
    """A young person whose ``age``th birthday is today, looked after from their
    ``in_care_from``th birthday until their ``left_at``th (None: still looked after)."""
    from hearth.casework.models import Involvement
    from hearth.looked_after.models import CarePeriod
    from hearth.people import actions as people

    today = timezone.localdate()
    born = calendar.add_months(today, -12 * age)
    person = people.do_create_person(acting_user=by, given_name=given, family_name="Hale",
                                     date_of_birth=born, sex="F", ethnicity="WBRI")
    Involvement.objects.create(person=person, team=team, worker=by,
                               opened_on=today - timedelta(days=400))
    ended = calendar.birthday(born, left_at) if left_at is not None else None
    CarePeriod.objects.create(child=person, started_on=calendar.birthday(born, in_care_from),
                              ended_on=ended, reason_ceased="E5" if ended else "",
                              category_of_need="N1", entered_from="other", recorded_by=by,
                              recorded_at=timezone.now())
    return person


@pytest.fixture
def daisy(social_worker, north):
    return young_person(social_worker, north)


@pytest.fixture
def adviser(db):
    return make_user("paula", Role.PERSONAL_ADVISER, first="Paula", last="Adams")
