"""Reads that pages and the API share: case notes and parents' summaries. A note is visible
exactly when its person is; a summary when its parent is, and its child (if any) too;
otherwise 404 (``core.visibility``, registered from ``RecordsConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hearth.core import visibility
from hearth.core.visibility import visible_pks
from hearth.people.codes import RelationshipKind
from hearth.people.models import Person, Relationship
from hearth.people.queries.visibility import get_visible_person as get_visible_person
from hearth.records.models import CaseNote, NoteAmendment, ParentSummary

#: A relationship that makes someone a parent or carer a summary can be written for.
PARENT_KINDS = (RelationshipKind.MOTHER, RelationshipKind.FATHER, RelationshipKind.STEP_PARENT,
                RelationshipKind.CARER)


def note_scope(user) -> Q:
    """Who may see a case note: whoever may see its person."""
    return Q(person__in=visible_pks(Person, user))


def summary_scope(user) -> Q:
    """Who may see a parent's summary: whoever may see the parent and its child (if any)."""
    people = visible_pks(Person, user)  # compiled once a request (issue 14)
    # The child tested through its own id: inside the OR, ``child IN (…)`` made PostgreSQL
    # compute every person the user may see (``core.visibility.visible_through``).
    return Q(person__in=people) & (Q(child__isnull=True)
                                   | visibility.visible_through("child_id", Person, user))


def visible_notes(user) -> QuerySet[CaseNote]:
    return visibility.apply(CaseNote.objects.all(), user)


def _with_parts(qs: QuerySet[CaseNote]) -> QuerySet[CaseNote]:
    amendments = NoteAmendment.objects.select_related("amended_by").order_by("amended_at", "pk")
    return qs.select_related("person", "author").prefetch_related(
        Prefetch("amendments", queryset=amendments))


def notes_of(user, person: Person) -> QuerySet[CaseNote]:
    """The person's notes, newest first (by when it happened, then when recorded)."""
    return _with_parts(visible_notes(user).filter(person=person)).order_by(
        "-occurred_at", "-recorded_at", "-pk")


def get_visible_note(user, note_id) -> CaseNote:
    """The note, or 404 when it does not exist or its person is not visible to ``user``."""
    return visibility.get_visible_or_404(_with_parts(CaseNote.objects.all()), user, note_id,
                                         "record")


# --- Parents' summaries -----------------------------------------------------------------------

def visible_summaries(user) -> QuerySet[ParentSummary]:
    return visibility.apply(ParentSummary.objects.all(), user)


def _summary_parts(qs: QuerySet[ParentSummary]) -> QuerySet[ParentSummary]:
    return qs.select_related("person", "child", "given_by", "visit").prefetch_related("actions")


def summaries_of(user, person: Person) -> QuerySet[ParentSummary]:
    """Summaries given to ``person`` or about them (as the child), newest first."""
    return _summary_parts(visible_summaries(user).filter(Q(person=person) | Q(child=person))
                          ).order_by("-delivered_at", "-pk")


def get_visible_summary(user, summary_id) -> ParentSummary:
    return visibility.get_visible_or_404(_summary_parts(ParentSummary.objects.all()), user,
                                         summary_id, "summary")


def parenting(**kwargs: Any) -> Q:
    """A live relationship that makes its person a parent or carer of its relative."""
    return (Q(kind__in=PARENT_KINDS) | Q(parental_responsibility=True)) & Q(end_date__isnull=True,
                                                                            **kwargs)


def children_of(user, parent: Person) -> QuerySet[Person]:
    """The children ``parent`` is a parent or carer of, that ``user`` may see."""
    ids = Relationship.objects.filter(parenting(person=parent)).values("relative_id")
    return Person.objects.visible_to(user).filter(pk__in=ids).exclude(pk=parent.pk)


def parents_of(user, child: Person) -> QuerySet[Person]:
    """The parents and carers of ``child`` that ``user`` may see."""
    ids = Relationship.objects.filter(parenting(relative=child)).values("person_id")
    return Person.objects.visible_to(user).filter(pk__in=ids).exclude(pk=child.pk)


# --- Notes about several children of a family (issue 15) --------------------------------------

def written_with(user, note: CaseNote) -> list[CaseNote]:
    """The other notes written at once with ``note`` (about several children of a family),
    those ``user`` may see, by the child's name."""
    if note.group is None:
        return []
    return list(visible_notes(user).filter(group=note.group).exclude(pk=note.pk)
                .select_related("person", "author")
                .order_by("person__given_name", "person__family_name", "pk"))


def written_with_each(user, notes) -> dict[int, list[CaseNote]]:
    """``written_with`` for each of ``notes`` at once (one query): note id → the others."""
    groups = {n.group for n in notes if n.group is not None}
    if not groups:
        return {}
    together: dict = {}
    for other in (visible_notes(user).filter(group__in=groups).select_related("person")
                  .order_by("person__given_name", "person__family_name", "pk")):
        together.setdefault(other.group, []).append(other)
    return {n.pk: [o for o in together.get(n.group, []) if o.pk != n.pk] for n in notes
            if n.group is not None}
