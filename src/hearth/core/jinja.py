"""Jinja2, for the fragments a page repeats row upon row (issue 14): a list of what is due, a
table of cases, a pagination bar, the worker-safety flag beside a name. Django's template
language renders such a table five times slower; the pages themselves stay Django templates
and include a fragment with ``{% jinja "web/_due.html" sections=… %}`` (``templatetags/
hearth.py``); a panel of the person page that is a fragment is found by its name as a
template is, and what it renders is marked safe as a Django template's is (``Jinja2``, the
backend). Fragments live in an app's ``jinja2/`` folder, print what Django would print,
escaped as Django escapes it, and fail loudly on a name they were not given
(``StrictUndefined``), where Django would print nothing.

What the fragments call is here, as Django's own filters do it: ``date`` (Django's formats,
aware date-times in London), ``capfirst``, ``pluralize``, ``truncatechars``; ``url`` (what
Django's ``reverse`` gives, each pattern's shape worked out once for ids: a list links to a
child's page row upon row, a child's record to twenty pages about the child); and what apps
register (``FILTERS``, ``GLOBALS``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

from django.template import defaultfilters
from django.template.backends import jinja2 as django_jinja2
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

#: Stand-ins for an id while a pattern's shape is read (no path holds them otherwise).
_STAND_INS = {"uuid": uuid.UUID("5ea7ed00-0000-4000-8000-00000000d1d0"), "int": 7390451826}


def _as_id(arg) -> tuple[str, str] | None:
    """An id's kind ("int" or "uuid") and its text in a path; None for what is not an id."""
    if isinstance(arg, uuid.UUID):
        return "uuid", str(arg)
    if isinstance(arg, int) and not isinstance(arg, bool):
        return ("int", str(arg)) if arg >= 0 else None
    if isinstance(arg, str):
        if arg.isascii() and arg.isdigit():
            return "int", str(int(arg))
        try:
            return "uuid", str(uuid.UUID(arg))
        except ValueError:
            return None
    return None


@cache
def _shape(name: str, kinds: tuple[str, ...], prefix: str) -> tuple[str, ...] | None:
    """The pieces of ``name``'s path around its ids, read once by reversing it with stand-ins
    (None: it does not take ids of these kinds)."""
    from django.urls import NoReverseMatch

    try:
        rest = reverse(name, args=[_STAND_INS[k] for k in kinds])
    except NoReverseMatch:
        return None
    pieces = []
    for kind in kinds:
        before, found, rest = rest.partition(str(_STAND_INS[kind]))
        if not found:
            return None
        pieces.append(before)
    return (*pieces, rest)


def url(name: str, *args) -> str:
    """``reverse(name, args=args)``; with ids only, from the pattern's shape."""
    ids = [_as_id(a) for a in args]
    shape = (None if None in ids
             else _shape(name, tuple(i[0] for i in ids if i), get_script_prefix()))
    if shape is None:
        return reverse(name, args=args)
    out = [shape[0]]
    for (_, text), after in zip(ids, shape[1:], strict=True):  # type: ignore[misc]
        out += [text, after]
    return "".join(out)

def date(value, fmt: str) -> str:
    """Django's ``date`` filter: "" for nothing, an aware date-time as the clock in London
    reads it."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, fmt)


#: What an app gives the fragments, registered from its AppConfig.ready() (nothing here
#: imports an app): ``FILTERS["action_label"] = …``, ``GLOBALS["worker_safety_flags"] = …``.
FILTERS: dict[str, Callable[..., Any]] = {}
GLOBALS: dict[str, Callable[..., Any]] = {}


def _as_django_prints(value) -> Markup:
    """What is printed, escaped as Django escapes it (``&#x27;`` for an apostrophe where Jinja
    writes ``&#39;``): a fragment's markup is the same as the Django template's it replaced."""
    return Markup(conditional_escape(value))  # noqa: S704  (escaped just now)


def environment(**options) -> Environment:
    """Django's options, always escaping (as Django does), and strict about names."""
    options = {k: v for k, v in options.items()
               if k not in ("autoescape", "undefined", "finalize")}
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_as_django_prints,
                      **options)
    env.globals.update(url=url, **GLOBALS)
    env.filters.update(date=date, capfirst=defaultfilters.capfirst,
                       pluralize=defaultfilters.pluralize,
                       truncatechars=defaultfilters.truncatechars, **FILTERS)
    return env


#: The name under which ``{% jinja %}`` hands a fragment its page's CSRF token.
PAGE_CSRF_TOKEN = "page_csrf_token"  # noqa: S105  (a name, not a secret)


class _CsrfInput:
    """The hidden CSRF field, from the token the page already has (Django makes each new
    token with the system's random source: one a page, not one a fragment)."""

    def __init__(self, token) -> None:
        self.token = token

    def __html__(self) -> str:
        return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                           str(self.token))

    __str__ = __html__


class _Template(django_jinja2.Template):
    def render(self, context=None, request=None) -> SafeString:
        values = dict(context or {})
        token = values.pop(PAGE_CSRF_TOKEN, None)
        if request is None or not token:
            return mark_safe(super().render(values, request))  # noqa: S308  (Jinja escaped it)
        values.update(request=request, csrf_token=token, csrf_input=_CsrfInput(token))
        return mark_safe(self.template.render(values))  # noqa: S308  (Jinja escaped it)


class Jinja2(django_jinja2.Jinja2):
    """Django's Jinja2 backend, what it renders marked safe as a Django template's is (it
    escaped what it printed): a panel rendered by name is put in a page as it is."""

    def from_string(self, template_code) -> _Template:
        return _Template(self.env.from_string(template_code), self)

    def get_template(self, template_name) -> _Template:
        found = super().get_template(template_name)
        return _Template(found.template, self)
