"""Reads of documents, and what documents attach to.

What a document may be attached to is a registry: each app whose records take documents
registers a ``Target`` from its AppConfig (``register_target``), as the chronology's sources
are registered, so that documents never imports an app above it (a later LADO app adds its
matters the same way). A document is visible to a user only when the record it is attached to
is visible to them (that record's own registered scope, ``core.visibility``), and then only
within who the document was narrowed to: everyone who may see the record, the allocated team
and managers, or named people (the person who added it always sees it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from hearth.access import queries as staff
from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.core import visibility
from hearth.core.visibility import visible_pks
from hearth.documents.codes import SeenBy
from hearth.documents.models import Document
from hearth.people.models import Person
from hearth.people.queries.visibility import get_visible_person

PERSON = "person"


@dataclass(frozen=True)
class Target:
    """A kind of record documents attach to: its code (stored on each document), what to call
    it, its model, who a record is about, and the name of its page's URL (with its id)."""

    code: str
    label: str
    model: type[models.Model]
    person_of: Callable[[Any], Person | None]
    url_name: str


TARGETS: dict[str, Target] = {}


def register_target(target: Target) -> None:
    """Let documents be attached to ``target.model``'s records (idempotent)."""
    TARGETS[target.code] = target


def target_for(record: models.Model) -> Target | None:
    return next((t for t in TARGETS.values() if isinstance(record, t.model)), None)


def _reach(user) -> Q | None:
    """The documents attached to records ``user`` may see."""
    combined: Q | None = None
    for target in TARGETS.values():
        if target.code == PERSON:
            q = Q(attached_kind=PERSON,
                  person__in=visible_pks(Person, user))
        else:
            scoped = visibility.scope(target.model, user)
            if scoped is None:
                continue
            q = Q(attached_kind=target.code,
                  attached_id__in=target.model._default_manager.filter(scoped).values("pk"))
        combined = q if combined is None else combined | q
    return combined


def _narrowed(user) -> Q:
    """Within the record's readers, who the document was narrowed to."""
    named = Exists(Document.named_users.through.objects.filter(
        document_id=OuterRef("pk"), user_id=user.pk))
    if user.role == Role.SERVICE_MANAGER:
        team: Q = Q(seen_by=SeenBy.TEAM)
    elif user.team_id is None:
        team = Q(pk__in=[])
    else:
        team = Q(seen_by=SeenBy.TEAM) & Q(Exists(Involvement.objects.filter(
            person_id=OuterRef("person_id"), team_id=user.team_id)
            .exclude(status=InvolvementStatus.CLOSED)))
    return (Q(seen_by=SeenBy.RECORD) | Q(added_by=user.pk) | team
            | (Q(seen_by=SeenBy.NAMED) & Q(named)))


def document_scope(user) -> Q | None:
    """Who may see a document (registered with ``core.visibility``)."""
    reach = _reach(user)
    return None if reach is None else reach & _narrowed(user)


def visible_documents(user) -> QuerySet[Document]:
    return visibility.apply(Document.objects.all(), user).select_related("added_by")


def get_visible_document(user, document_id) -> Document:
    """The document, or 404 when it does not exist or ``user`` may not see it."""
    return visibility.get_visible_or_404(
        Document.objects.select_related("added_by", "person"), user, document_id, "document")


def documents_about(user, person: Person) -> QuerySet[Document]:
    """Every document about ``person`` the user may see, newest first."""
    return visible_documents(user).filter(person=person).order_by("-dated", "-pk")


def documents_on(user, target: Target, record: models.Model) -> QuerySet[Document]:
    """The documents attached to ``record`` the user may see, newest first."""
    if target.code == PERSON:
        found = visible_documents(user).filter(attached_kind=PERSON, person_id=record.pk)
    else:
        found = visible_documents(user).filter(attached_kind=target.code, attached_id=record.pk)
    return found.order_by("-dated", "-pk")


def get_visible_record(user, code: str, record_id: Any) -> tuple[Target, models.Model]:
    """The record documents are to be attached to, or 404 (an unknown kind, a record that
    does not exist or that ``user`` may not see)."""
    target = TARGETS.get(code)
    if target is None:
        raise Http404("No such record.")
    if target.code == PERSON:
        return target, get_visible_person(user, record_id)
    return target, visibility.get_visible_or_404(target.model, user, record_id, target.label)


def attached_to(document: Any) -> tuple[str, str]:
    """(what the document is attached to, the link to it) without reading the record."""
    target = TARGETS.get(document.attached_kind)
    if target is None:
        return document.attached_kind, ""
    key = document.person_id if target.code == PERSON else document.attached_id
    return target.label, reverse(target.url_name, args=[key])


def record_page(target: Target, record: models.Model) -> str:
    return reverse(target.url_name, args=[record.pk])


def colleagues(_user=None) -> QuerySet:
    """Who a document may be narrowed to: active staff who read documents."""
    return staff.staff_with("documents.view").order_by("last_name", "first_name")


#: The person a request names, or 404 (one rule for the pages and the API).
get_visible_person = get_visible_person
