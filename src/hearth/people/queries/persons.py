"""The person page's reads: the record's own details, and the panels higher apps add.

A higher app shows its records on the person page by registering a panel (``PERSON_PANELS``,
from its AppConfig.ready()): ``panel(user, person) -> Panel | None``, a template and its
context, and its place on the page (``PLAN``: the current plan, after the child at a glance;
``EVENTS``: what happened lately; ``RECORDS``, the default: the records after the people).
The page renders each place's panels in registration order, so adding a kind of record
touches only its own app and people never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hearth.core.registry import Registry
from hearth.people.models import HouseholdMembership, Person, PersonAddress, Relationship

PLAN = "plan"
EVENTS = "events"
RECORDS = "records"
PLACES = (PLAN, EVENTS, RECORDS)


@dataclass(frozen=True)
class Panel:
    """One section of the person page: ``template`` rendered with ``context`` (plus the person
    and the request's own context), in its ``place``."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    place: str = RECORDS


PanelFunction = Callable[[Any, Person], "Panel | None"]

#: The person page's panels, in order: ``panel(user, person) -> Panel`` (None: nothing to show).
PERSON_PANELS = Registry("person page panels")


def person_panels(user, person: Person) -> list[Panel]:
    """Every registered panel the user is shown for ``person``, in registration order."""
    return [panel for panel in PERSON_PANELS.call_all(user, person) if panel is not None]


def person_detail(person: Person) -> dict:
    """The record's own details: other names, relationships, addresses and households."""
    return {
        "names": list(person.other_names.all()),
        "relationships": list(
            Relationship.objects.filter(relative=person).select_related("person")
        ) + list(Relationship.objects.filter(person=person).select_related("relative")),
        "addresses": list(PersonAddress.objects.filter(person=person).select_related("address")),
        "households": list(
            HouseholdMembership.objects.filter(person=person).select_related("household")
        ),
    }
