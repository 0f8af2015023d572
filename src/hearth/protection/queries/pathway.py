"""Who sees the records of the child protection pathway: whoever may see the child (a live
person visible to them, ``people.queries.visibility.person_scope`` with every reach added to
it) sees the child's strategy discussions, enquiries, conferences, plans, core groups and
complex needs; anything else answers 404 (``core.visibility.get_visible_or_404``). Registered with
``core.visibility`` from the AppConfig."""

from __future__ import annotations

from django.db.models import Q

from hearth.core import visibility
from hearth.people.models import Person
from hearth.protection import models as m


def through_child(path: str) -> visibility.Scope:
    """The scope of a record reached from its child by ``path`` (``person``,
    ``plan__person``)."""
    def scope(user) -> Q:
        return Q(**{f"{path}__in": Person.objects.visible_to(user).live().values("pk")})
    scope.__qualname__ = f"through_child({path!r})"
    return scope


#: Each record of the pathway, and the way from it to its child.
TO_THE_CHILD = {m.StrategyDiscussion: "person", m.StrategyAction: "discussion__person",
                m.Section47Enquiry: "person", m.S47Visit: "enquiry__person",
                m.Conference: "person", m.CPPlan: "person", m.CoreGroupMember: "plan__person",
                m.CoreGroupMeeting: "plan__person", m.ComplexNeeds: "person"}


def register_scopes() -> None:
    for model, path in TO_THE_CHILD.items():
        visibility.register(model, through_child(path))
