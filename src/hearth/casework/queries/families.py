"""A person's family and involvements: whose family is whose (the visits and notes pages), the
involvements on the person page."""

from __future__ import annotations

from django.db.models import Q

from hearth.casework import rules
from hearth.casework.models import Involvement
from hearth.casework.queries.reach import LIVE
from hearth.core.compiled import compiled
from hearth.people.models import Person, Relationship
from hearth.people.queries.visibility import (
    visible_among,
)


def live_involvement(person: Person) -> Involvement | None:
    """The person's live (not closed) involvement, the newest: the case a visit, a note or a
    strategy discussion recorded now joins."""
    return (Involvement.objects.filter(LIVE, person=person).select_related("team", "worker")
            .order_by("-opened_on", "-pk").first())


@compiled
def _family_links(p):
    me = p.uuid("person")
    parents = sorted(rules.PARENT_KINDS)
    return (Relationship.objects.filter(
        Q(kind__in=parents, relative_id=me) | Q(kind__in=parents, person_id=me)
        | Q(kind="sibling", person_id=me) | Q(kind="sibling", relative_id=me))
        .values_list("person_id", "relative_id", "kind"))


@compiled
def _children_of(p):
    return (Relationship.objects.filter(kind__in=sorted(rules.PARENT_KINDS),
                                        person_id__any=p.uuids("parents"))
            .values_list("relative_id", flat=True))


def family_ids(person: Person) -> set:
    """The ids of this person's family's children (whoever may see them): the person's own
    children, their siblings (by a shared parent or a sibling relationship) and the person if
    a child. Two queries, compiled once a process."""
    parents: set = set()
    own_children: set = set()
    ids: set = set()
    for who, relative, kind in _family_links.all(person=person.pk):
        if kind in rules.PARENT_KINDS:
            if relative == person.pk:
                parents.add(who)
            if who == person.pk:
                own_children.add(relative)
        else:  # a sibling, either way round
            ids.add(relative if who == person.pk else who)
    if not own_children:
        parents.discard(person.pk)
    ids |= own_children
    if parents:
        ids |= set(_children_of.all(parents=list(parents)))
    if parents or not own_children:
        ids.add(person.pk)
    return ids


def family_size(user, person: Person) -> int:
    """How many of ``family_children`` there are (a page that only asks whether the person
    has a family to record for at once): three queries, compiled once a process."""
    return len(visible_among(user, family_ids(person)))


def family_children(user, person: Person) -> list[Person]:
    """The children of this person's family the user may see (``family_ids``), each with
    their involvements, eldest first."""
    return list(Person.objects.filter(pk__in=visible_among(user, family_ids(person)))
                .prefetch_related("involvements__team", "involvements__worker",
                                  "involvements__secondary_workers__worker")
                .order_by("date_of_birth", "given_name"))


INVOLVEMENTS_ATTR = "_hearth_involvements"


@compiled
def _involvements_of(p):
    return (Involvement.objects.filter(person_id=p.uuid("person"))
            .select_related("team", "worker").order_by("-opened_on", "-pk"))


def person_involvements(person) -> list[Involvement]:
    """The person's involvements with their teams and workers, newest first: read once per
    loaded record, so the person page's panel and the header on it share one query."""
    cached = person.__dict__.get(INVOLVEMENTS_ATTR)
    if cached is None:
        cached = _involvements_of.all(person=person.pk)
        person.__dict__[INVOLVEMENTS_ATTR] = cached
    return cached


def involvements_panel(user, person):
    """The person page's involvements, newest first (registered from CaseworkConfig.ready on
    ``people.queries.persons.PERSON_PANELS``)."""
    from hearth.people.queries.persons import Panel

    return Panel("casework/_person_involvements.html", {
        "involvements": person_involvements(person),
        "can_assess": user.has_hearth_permission("assessments.edit"),
    })
