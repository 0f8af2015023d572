"""``{% child_header person %}``: the child at a glance (issue 15), on every page about a
child, under the worker-safety warnings (which ``web/base.html`` puts first on every page).

Name and age, the statuses the apps register (``hearth.core.status``: a child protection plan
since …, child in need, restricted record …), who the child is allocated to, and the next
thing due about the child in the reader's work (``hearth.core.due.next_due``; a manager's: their
team's). Worked out once per request and person, in a constant handful of queries.
``{% child_header person heading=True %}`` makes the name the page's heading (the person
page); elsewhere it links to the person page."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone

from hearth.access.rules import MANAGER_ROLES
from hearth.core import due
from hearth.core.status import statuses_for

register = template.Library()

CACHE_ATTR = "_hearth_child_header"


def age_in_words(person, today: date) -> str:
    """"Age 10", "8 months old", "Unborn", "Died aged 3" or "Age not known"."""
    born = person.date_of_birth
    if born is None:
        return "Unborn" if person.is_unborn else "Age not known"
    until = person.date_of_death or today
    months = (until.year - born.year) * 12 + until.month - born.month - (until.day < born.day)
    months = max(months, 0)
    if months < 24:
        words = f"{months} month{'' if months == 1 else 's'} old"
        return f"Died {words}" if person.date_of_death else words
    years = months // 12
    return f"Died aged {years}" if person.date_of_death else f"Age {years}"


def next_due(person, user) -> dict:
    """The next thing due about ``person`` in ``user``'s work (a manager's: their team's)."""
    today = timezone.localdate()
    scope = due.TEAM if user.role in MANAGER_ROLES else due.MINE
    item = due.next_due(user, person.pk, scope=scope)
    return {"person": person, "next_due": item,
            "next_due_words": item.describe(today) if item else "",
            "overdue": bool(item and item.days_overdue(today))}


def glance(person, user) -> dict:
    """The header without the next due item, which the page fetches once it has loaded
    (``people:next_due``, htmx): asking every source of due work about the child was half the
    person page's time (issue 14)."""
    found = statuses_for(person, user)
    return {"person": person, "age": age_in_words(person, timezone.localdate()),
            "statuses": found.statuses, "allocations": found.allocations}


@register.inclusion_tag("people/_child_header.html", takes_context=True)
def child_header(context, person, heading=False) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if person is None or user is None or not user.is_authenticated:
        return {"person": None}
    cache = getattr(request, CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(request, CACHE_ATTR, cache)
    if person.pk not in cache:
        cache[person.pk] = glance(person, user)
    return {**cache[person.pk], "heading": heading}
