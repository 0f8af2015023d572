"""Which kinds of record exist about a person at all: one query a request, so that the person
page's panels and the child at a glance do not build a visibility-filtered query (the costly
part: Django compiling it, not the database answering it) for kinds of record the child has
none of — most children have no LADO matter, FGC, professional difference, missing episode,
care episode or CIN plan (issue 14).

An app registers a kind from its AppConfig.ready(): ``register("differences", lambda:
Difference.objects.filter(person=OuterRef("pk")))`` — the records about the person named by
``OuterRef("pk")``, whoever may see them. ``has(person, "differences")`` is then False only
when there is no such record at all; when it is True the app still reads what the user may see
through ``visible_to``. It never shows anything: it only spares a query that would find
nothing. Nothing here imports an app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, QuerySet

from hearth.core.compiled import compiled
from hearth.core.visibility import remembered

_KINDS: dict[str, Callable[[], QuerySet]] = {}
#: The model the records are about (named, so that nothing here imports an app).
SUBJECT = "people.Person"


def register(kind: str, records: Callable[[], QuerySet]) -> None:
    """``records()`` is a queryset of ``kind``'s records about the person ``OuterRef("pk")``."""
    _KINDS[kind] = records


@compiled
def _kinds_present(p, model: type[Model], kinds: tuple[str, ...]):
    return (model._default_manager.filter(pk=p.of("pk", model._meta.pk))
            .annotate(**{f"has_{n}": Exists(_KINDS[kind]()) for n, kind in enumerate(kinds)})
            .values_list(*(f"has_{n}" for n in range(len(kinds)))))


def present(person: Model) -> frozenset[str]:
    """The registered kinds with at least one record about ``person``: one query, read once a
    request (``core.visibility.remembered``); every call outside a request asks again."""
    def read() -> frozenset[str]:
        if not _KINDS or person.pk is None:
            return frozenset()
        kinds = tuple(sorted(_KINDS))
        row = _kinds_present.first(type(person), kinds, pk=person.pk)
        return frozenset(kind for kind, found in zip(kinds, row or (), strict=False) if found)

    return remembered(("presence", type(person)._meta.label_lower, str(person.pk)), read)


def has(person: Model, kind: str) -> bool:
    """Whether any record of ``kind`` exists about ``person`` (seen by the user or not). A kind
    nobody registered answers True: forgetting to register costs a query, never a record."""
    if kind not in _KINDS:
        return True
    return kind in present(person)


def any_of(person_id, kinds: Iterable[str]) -> bool:
    """Whether any record of any of ``kinds`` exists about the person with this id (what is
    due for one child: ``core.due.needs``). An id that is not an id answers True: the caller
    then refuses it as it always did."""
    kinds = list(kinds)
    if not kinds or any(kind not in _KINDS for kind in kinds):
        return True
    try:
        found = present(apps.get_model(SUBJECT)(pk=person_id))
    except (ValidationError, ValueError, TypeError):
        return True
    return any(kind in found for kind in kinds)
