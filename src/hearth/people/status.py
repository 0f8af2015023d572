"""What the person's own record says at a glance (``hearth.core.status``, issue 15): a
restricted record, an unborn child, a child who has died. No query: the record is loaded.
Registered from PeopleConfig.ready()."""

from __future__ import annotations

from django.utils.formats import date_format

from hearth.core.status import Status
from hearth.people.models import Person


def record_statuses(person: Person, user) -> list[Status]:
    found = []
    if person.date_of_death:
        found.append(Status("died", "Died", date_format(person.date_of_death, "j F Y"),
                            tone="grey", rank=1))
    if person.is_unborn and person.expected_date_of_birth:
        found.append(Status("unborn", "Unborn",
                            "expected " + date_format(person.expected_date_of_birth, "j F Y"),
                            tone="light-blue", rank=5))
    if person.restricted:
        found.append(Status("restricted", "Restricted record",
                            "only the people allowed may see it", tone="purple", rank=90))
    return found
