"""``{% two_worker_status person %}``: whether the person's family needs a two-worker decision
(R-TWO-2, R-TWO-3): a warning "Two-worker decision needed" with the reasons and a link to the
family's two-workers page; once decided, a short line with the latest decision; nothing when
the family does not meet the criteria and no decision was made.

Cheap enough for the person page: a constant handful of queries (the family's links, one
round at a time, then one query per fact), and nothing for a reader without
``protection.view``. The standing is worked out once per request and person."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from hearth.protection.queries.twoworkers import status_for

register = template.Library()

CACHE_ATTR = "_hearth_two_worker_status"


@register.simple_tag(takes_context=True)
def two_worker_status(context, person) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if person is None or user is None or not user.is_authenticated or \
            not user.has_hearth_permission("protection.view"):
        return ""
    cache = getattr(request, CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(request, CACHE_ATTR, cache)
    if person.pk not in cache:
        cache[person.pk] = status_for(person)
    status = cache[person.pk]
    if not (status.needed or status.decision):
        return ""
    return render_to_string("protection/twoworkers/_standing.html",
                            {"status": status, "person": person, "link": True})
