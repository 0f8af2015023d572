"""Jinja2, for the fragments a page repeats row upon row (issue 14): a list of what is due, a
table of cases, a pagination bar, the worker-safety flag beside a name. Django's template
language renders such a table five times slower; the pages themselves stay Django templates
and include a fragment with ``{% jinja "web/_due.html" sections=… %}`` (``templatetags/
hearth.py``). Fragments live in an app's ``jinja2/`` folder, are escaped as Django's are, and
fail loudly on a name they were not given (``StrictUndefined``), where Django would print
nothing.

What the fragments call is here, as Django's own filters do it: ``date`` (Django's formats,
aware date-times in London), ``capfirst``, ``pluralize``; ``url`` (Django's ``reverse``) and
``person_path`` (a person's page, built from its pattern once: the link a list repeats most).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import cache

from django.template import defaultfilters
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from jinja2 import Environment, StrictUndefined, pass_context

_PLACEHOLDER = uuid.UUID(int=0)


@cache
def _person_pattern() -> tuple[str, str]:
    before, _, after = reverse("web:person", args=[_PLACEHOLDER]).partition(str(_PLACEHOLDER))
    return before, after


def person_path(person_id) -> str:
    """``reverse("web:person", args=[person_id])``, without resolving the pattern every row;
    anything but a person's id is refused as ``reverse`` would refuse it."""
    before, after = _person_pattern()
    return f"{before}{uuid.UUID(str(person_id))}{after}"


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def date(value, fmt: str) -> str:
    """Django's ``date`` filter: "" for nothing, an aware date-time as the clock in London
    reads it."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, fmt)


@pass_context
def worker_safety_flags(context, rows) -> dict:
    """``{person id: [warnings]}`` for rows (or people) in one query, as the Django tag of the
    same name (``safety.templatetags.worker_safety``) finds them for the request's user."""
    from hearth.safety.templatetags.worker_safety import flags_for

    request = context.get("request")
    return flags_for(getattr(request, "user", None), rows)


def environment(**options) -> Environment:
    """Django's options, always escaping, and strict about names."""
    options = {k: v for k, v in options.items() if k not in ("autoescape", "undefined")}
    env = Environment(autoescape=True, undefined=StrictUndefined, **options)
    env.globals.update(url=url, person_path=person_path,
                       worker_safety_flags=worker_safety_flags)
    env.filters.update(date=date, capfirst=defaultfilters.capfirst,
                       pluralize=defaultfilters.pluralize)
    return env
