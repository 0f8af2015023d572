"""What people's records add to the chronology (R-PPL-3): moves of address and changes of
household. People sits below the chronology, so the chronology registers these sources
itself (from its AppConfig); every other app registers its own from its ``chronology.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, on_day
from hearth.people.models import HouseholdMembership, PersonAddress

#: Addresses and households have no page of their own: their events link to the person.
PERSON_PAGE = Link("web:person", "person_id", by_person=True)


def address_events(link) -> list[Spec]:
    if link.start_date is None:
        return []
    address = link.address
    where = ", ".join(p for p in (address.line1, address.town, address.postcode) if p)
    return [Spec(link.person_id, Kind.ADDRESS_MOVE, on_day(link.start_date),
                 f"Living at {where}.", time_known=False)]


def all_addresses():
    return PersonAddress.objects.select_related("address")


def membership_events(membership) -> list[Spec]:
    """A person joining or leaving a household is a change for everyone living there then."""
    others = list(HouseholdMembership.objects.filter(household_id=membership.household_id)
                  .exclude(pk=membership.pk).values("person_id", "start_date", "end_date"))
    name = membership.person.display_name

    def living_there(day: date) -> list[Any]:
        return [o["person_id"] for o in others
                if (o["start_date"] is None or o["start_date"] <= day)
                and (o["end_date"] is None or o["end_date"] >= day)]

    specs = []
    for kind, day, verb in ((Kind.JOINED_HOUSEHOLD, membership.start_date, "joined"),
                            (Kind.LEFT_HOUSEHOLD, membership.end_date, "left")):
        if day is None:
            continue
        for person_id in {membership.person_id, *living_there(day)}:
            specs.append(Spec(person_id, kind, on_day(day),
                              f"{name} {verb} the household.", time_known=False))
    return specs


def all_memberships():
    return HouseholdMembership.objects.select_related("person")
