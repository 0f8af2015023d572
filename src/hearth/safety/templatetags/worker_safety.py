"""Worker-safety warnings shown first on every page about a person, an address they live at,
or a family they are part of (R-SAFE-1).

``{% worker_safety_banner %}`` is in ``web/base.html`` above every page's content. It finds
the people a page is about in the page's context, without a query: a ``Person``; any record
with a foreign key to a person (``note.person``, ``visit.child``, ``involvement.person``,
``event.person``, ``summary.person``, ``release.person`` …) and the records already loaded
with it (``assessment.involvement.person``); the people linked to a ``contact``; and the same
inside lists, query sets of such records and rows (dicts) of a page. Then it asks for the
warnings on them, their families and their addresses in a constant handful of queries
(``hearth.safety.queries.warnings.found_for``). Search results (``Match`` rows) are not
models: they are flagged row by row instead (``{% worker_safety_flags %}``).
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.db import models
from django.db.models import QuerySet
from jinja2 import pass_context

from hearth.people.models import Person
from hearth.safety.queries.warnings import Found, found_for

register = template.Library()

#: Context keys that never name the people a page is about.
SKIP_KEYS = {"user", "request", "perms", "messages", "csrf_token", "view", "form",
             "hearth_permissions", "unread_notifications", "notifications", "results",
             "duplicates", "DEFAULT_MESSAGE_LEVELS", "block", "forloop"}
MAX_ITEMS = 500  # of one list on a page
CACHE_ATTR = "_hearth_worker_safety"


@functools.cache
def _person_fks(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is Person and f.name != "merged_into"]


def _contact_model():
    from hearth.frontdoor.models import Contact

    return Contact


def _from_instance(obj: models.Model, people: set, contacts: set, *, follow: bool = True) -> None:
    if isinstance(obj, Person):
        people.add(obj.pk)
        return
    if isinstance(obj, _contact_model()):
        contacts.add(obj.pk)
        return
    for attname in _person_fks(obj._meta.model):
        value = getattr(obj, attname, None)
        if value is not None:
            people.add(value)
    if follow:  # records loaded with this one (select_related): no query
        for related in getattr(obj._state, "fields_cache", {}).values():
            if isinstance(related, models.Model):
                _from_instance(related, people, contacts, follow=False)


def _relevant(model: type[models.Model]) -> bool:
    return model is Person or issubclass(model, _contact_model()) or bool(_person_fks(model))


def _collect(value: Any, people: set, contacts: set, depth: int = 0) -> None:
    if isinstance(value, models.Model):
        _from_instance(value, people, contacts)
    elif depth >= 3 or isinstance(value, str | bytes):
        return
    elif isinstance(value, dict):
        for item in list(value.values())[:MAX_ITEMS]:
            _collect(item, people, contacts, depth + 1)
    elif isinstance(value, QuerySet):
        if _relevant(value.model):  # evaluated once: the page's own loop reuses the rows
            for item in list(value)[:MAX_ITEMS]:
                _collect(item, people, contacts, depth + 1)
    elif isinstance(value, list | tuple | set):
        for item in list(value)[:MAX_ITEMS]:
            _collect(item, people, contacts, depth + 1)


def people_in(context) -> tuple[set, set]:
    """The ids of the people a page is about, from its template context: everyone, and the
    people its own records name (``person``, ``visit.child``, a ``contact``'s people), not
    those of its lists."""
    main: set = set()
    others: set = set()
    main_contacts: set = set()
    other_contacts: set = set()
    for key, value in context.flatten().items():
        if key in SKIP_KEYS or key.startswith("_"):
            continue
        if isinstance(value, models.Model):
            _collect(value, main, main_contacts)
        else:
            _collect(value, others, other_contacts)
    if main_contacts or other_contacts:
        from hearth.frontdoor.models import ContactPerson

        for contact_id, person_id in ContactPerson.objects.filter(
                contact_id__in=main_contacts | other_contacts).values_list("contact_id",
                                                                           "person_id"):
            (main if contact_id in main_contacts else others).add(person_id)
    return main | others, main


def page_warnings(context) -> Found:
    """The warnings for the page being rendered, worked out once per request."""
    request = context.get("request")
    cached = getattr(request, CACHE_ATTR, None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or context.get("worker_safety_banner_off"):
        found = Found()
    else:
        everyone, main = people_in(context)
        found = found_for(user, everyone, main=main)
    if request is not None:
        setattr(request, CACHE_ATTR, found)
    return found


@register.inclusion_tag("safety/_banner.html", takes_context=True)
def worker_safety_banner(context) -> dict:
    """The banner of warnings at the top of a page (nothing when there are none)."""
    return {"found": page_warnings(context)}


@register.inclusion_tag("safety/_section.html", takes_context=True)
def worker_safety_section(context, person) -> dict:
    """The person page's section: how many warnings apply, and the links to raise one on the
    person or at their address and to plan a visit."""
    from hearth.safety.queries.warnings import current_address

    return {"person": person, "found": page_warnings(context),
            "address": current_address(person),
            "hearth_permissions": context.get("hearth_permissions", frozenset())}


@register.inclusion_tag("safety/_visit_prompt.html", takes_context=True)
def worker_safety_visit_prompt(context, person) -> dict:
    """On the record-a-visit page: plan the visit first when warnings apply (R-SAFE-2)."""
    return {"person": person, "found": page_warnings(context),
            "hearth_permissions": context.get("hearth_permissions", frozenset())}


@register.inclusion_tag("safety/_timing_note.html", takes_context=True)
def worker_safety_timing_note(context, person) -> dict:
    """Under the prompt to vary the timing of visits (R-RES-5): for a family with a
    worker-safety warning, a visit outside daylight and working hours needs two workers and a
    visit plan agreed by a manager (R-SAFE-2, R-SAFE-3). Nothing when no warning applies."""
    from hearth.safety.rules import WORKING_HOURS

    return {"person": person, "found": page_warnings(context), "working_hours": WORKING_HOURS,
            "hearth_permissions": context.get("hearth_permissions", frozenset())}


def flags_for(user, matches) -> dict:
    """For search results and other lists (rows with a ``person``, or people):
    ``{person id: [warnings]}`` that ``user`` may see, for all rows in one go."""
    ids = [m.pk if isinstance(m, Person) else getattr(m, "person_id", None) or m.person.pk
           for m in matches or []]
    if not ids or user is None:
        return {}
    return found_for(user, ids).by_person


@register.simple_tag(takes_context=True)
def worker_safety_flags(context, matches) -> dict:
    """``flags_for`` the request's user (a Django template's lists)."""
    return flags_for(getattr(context.get("request"), "user", None), matches)


@pass_context
def jinja_flags(context, matches) -> dict:
    """``flags_for`` the request's user, in a Jinja fragment (``hearth.core.jinja``):
    ``{% set safety_flags = worker_safety_flags(rows) %}``."""
    return flags_for(getattr(context.get("request"), "user", None), matches)


@register.filter
def warnings_of(flags: dict, person_id) -> list:
    return (flags or {}).get(person_id, [])


@register.inclusion_tag("safety/_contact_section.html", takes_context=True)
def worker_safety_contact_section(context) -> dict:
    """On a contact and while linking people to one: whether warnings apply to the people on
    it (they are shown in full at the top of the page)."""
    return {"found": page_warnings(context), "has_people": bool(people_in(context)[0])}
