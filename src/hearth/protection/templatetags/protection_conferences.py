"""``{% cp_plans_section person %}``: a child's child protection plans (the open one first)
and conferences, with their due dates and overdue flags (R-CP-1, R-CP-2), and the links to
arrange the conference the child needs next — for the child's child protection page."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from hearth.protection.codes import ConferenceKind
from hearth.protection.queries import conferences as queries
from hearth.protection.rules import conferences as rules

register = template.Library()


@register.simple_tag(takes_context=True)
def cp_plans_section(context, person) -> str:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    today = timezone.localdate()
    plans = queries.plans_of(person)
    latest = queries.latest_meetings([p.pk for p in plans])
    plan_rows = [{"plan": p, **queries.plan_flags(p, latest.get(p.pk), today)} for p in plans]
    conference_rows = [{"conference": c, "late": (
        c.kind == ConferenceKind.ICPC and c.enquiry is not None
        and rules.icpc_late(due=c.enquiry.icpc_due, held_on=c.held_on, held=c.held,
                            today=today))} for c in queries.conferences_of(person)]
    open_plan = next((p for p in plans if p.is_open), None)
    return render_to_string("protection/conferences/_cp_plans_section.html", {
        "person": person, "plans": plan_rows, "conferences": conference_rows,
        "open_plan": open_plan,
        "enquiries": queries.enquiries_needing_icpc(person), "today": today,
        "can_arrange": user is not None and queries.may_arrange(user)}, request=request)


@register.filter
def lower_first(text: str) -> str:
    """"Review child protection conference" → "review child protection conference": a label
    inside a sentence, its abbreviations kept."""
    text = str(text)
    return text[:1].lower() + text[1:]
