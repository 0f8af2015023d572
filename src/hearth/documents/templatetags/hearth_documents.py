"""``{% documents_link record %}``: a link to the documents attached to ``record`` (a contact,
an assessment, a conference, a visit …), with how many the user may see."""

from __future__ import annotations

from django import template
from django.urls import reverse

from hearth.documents import queries

register = template.Library()


@register.inclusion_tag("documents/_attached.html", takes_context=True)
def documents_link(context, record) -> dict:
    user = context["request"].user
    target = queries.target_for(record)
    if target is None or not user.has_hearth_permission("documents.view"):
        return {"url": ""}
    if target.code == queries.PERSON:
        url = reverse("documents:person", args=[record.pk])
    else:
        url = reverse("documents:record", args=[target.code, record.pk])
    return {"url": url, "count": queries.documents_on(user, target, record).count()}
