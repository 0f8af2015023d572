"""Template tags of a form that keeps a draft (``drafts.views``):

- ``{% draft_form_attrs %}`` in the ``<form>`` tag: htmx posts the fields to ``drafts:save``
  on leaving a changed field, every 30 seconds, and when the timeout warning asks;
- ``{% draft_field %}`` inside the form: which form this is;
- ``{% draft_offer %}`` above it: "You have an unsaved draft from …: Restore / Discard", or
  that what was typed has been put back."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from hearth.drafts.views import FOR_FIELD

register = template.Library()


@register.simple_tag
def draft_form_attrs():
    return format_html('hx-post="{}" hx-trigger="change, every 30s, hearth:save-draft" '
                       'hx-swap="none" data-hearth-draft', reverse("drafts:save"))


@register.simple_tag(takes_context=True)
def draft_field(context):
    return format_html('<input type="hidden" name="{}" value="{}">', FOR_FIELD,
                       context["request"].path)


@register.simple_tag(takes_context=True)
def draft_offer(context):
    request = context["request"]
    return render_to_string("drafts/_offer.html", {
        "draft": getattr(request, "hearth_draft_offer", None),
        "restored": getattr(request, "hearth_restore", None) is not None,
        "path": request.path, "for_field": FOR_FIELD}, request=request)
