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

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat

from hearth.access.actions import audit
from hearth.access.codes import Role
from hearth.access.models import AuditEntry, User
from hearth.core.compiled import compiled
from hearth.core.registry import Registry
from hearth.people.models import (
    HouseholdMembership,
    Person,
    PersonAddress,
    PersonName,
    Relationship,
)

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


@compiled
def _other_names(p):
    return PersonName.objects.filter(person_id=p.uuid("person"))


@compiled
def _relationships_to(p):
    return Relationship.objects.filter(relative_id=p.uuid("person")).select_related("person")


@compiled
def _relationships_from(p):
    return Relationship.objects.filter(person_id=p.uuid("person")).select_related("relative")


@compiled
def _addresses(p):
    return PersonAddress.objects.filter(person_id=p.uuid("person")).select_related("address")


@compiled
def _households(p):
    return (HouseholdMembership.objects.filter(person_id=p.uuid("person"))
            .select_related("household"))


def other_names(person: Person) -> list[PersonName]:
    """The person's aliases and previous names (one query, compiled once a process)."""
    return _other_names.all(person=person.pk)


def person_detail(person: Person) -> dict:
    """The record's own details: other names, relationships, addresses and households
    (queries compiled once a process: every record page reads them, issue 14)."""
    pk = person.pk
    return {
        "names": other_names(person),
        "relationships": _relationships_to.all(person=pk) + _relationships_from.all(person=pk),
        "addresses": _addresses.all(person=pk),
        "households": _households.all(person=pk),
    }


#: The reads that are not changes: "Record history" leaves them to "Who has looked at this
#: record".
@dataclass(frozen=True)
class HistoryRow:
    """One change to a record, in plain words: when, who (a person's name and role, never a
    username), what was done and which parts it touched."""

    at: Any
    who: str
    action: str
    parts: list[str]


def plain_part(name: str) -> str:
    """A changed part of the record as its page names it: ``date_of_birth`` is "date of
    birth", ``household`` "household" (never an internal field name)."""
    name = name.removesuffix("_id")
    try:
        return str(getattr(Person._meta.get_field(name), "verbose_name", name))
    except Exception:  # noqa: BLE001  (not a field of a person: its words will do)
        return name.replace("_", " ")


@compiled
def _history(p, limit: int):
    users = User.objects.filter(pk=OuterRef("user_id_snapshot"))
    return (AuditEntry.objects
            .filter(object_type="people.person", object_id=p.text("object"))
            .exclude(audit.reads())  # the views of the record (or its notes) are not changes
            .annotate(who_name=Subquery(users.annotate(
                n=Concat("first_name", Value(" "), "last_name")).values("n")[:1]),
                      who_role=Subquery(users.values("role")[:1]))
            .order_by("-at", "-id")
            .values("at", "username", "action", "fields", "who_name", "who_role")[:limit])


def record_history(person: Person, *, limit: int = 50) -> list[HistoryRow]:
    """The latest changes to ``person``'s record, newest first, with who made each: one query
    (the people's names and roles read in it), compiled once a process."""
    entries = _history.all(limit, object=str(person.pk))
    rows = []
    for e in entries:
        name = (e["who_name"] or "").strip() or e["username"]
        if not name:
            who = "Hearth"
        elif e["who_role"] in Role.values:
            who = f"{name} ({Role(e['who_role']).label.lower()})"
        else:
            who = name
        parts = [plain_part(k) for k in (e["fields"] or {})] \
            if e["action"] in {"update", "create"} else []
        rows.append(HistoryRow(at=e["at"], who=who, action=e["action"], parts=parts))
    return rows
