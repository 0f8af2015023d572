"""Front-door reports for managers: timeliness of decisions (R-FD-4), and every consent
override with its reason (R-MASH-3)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.permissions import requires
from hearth.frontdoor import rules
from hearth.frontdoor.forms.reports import TimelinessForm
from hearth.frontdoor.models import ConsentOverride, Contact
from hearth.frontdoor.queries.contacts import links_prefetch
from hearth.frontdoor.queries.queue import AWAITING_DECISION, children_rows


@requires("reports.frontdoor")
@require_http_methods(["GET"])
def consent_overrides(request):
    """Overrides on the contacts the manager may see, newest first."""
    overrides = ConsentOverride.objects.filter(
        enquiry__contact__in=Contact.objects.visible_to(request.user).values("pk")
    ).select_related("enquiry__contact", "requested_by", "approved_by").order_by("-requested_at")
    return render(request, "frontdoor/mash_override_report.html", {"overrides": overrides})


def _day_start(day) -> datetime:
    return datetime.combine(day, time(0, 0), calendar.LONDON)


@requires("reports.frontdoor")
@require_http_methods(["GET"])
def timeliness(request):
    """R-FD-4: the share of contacts decided within a working day, and what is overdue now."""
    now = timezone.now()
    form = TimelinessForm(request.GET if request.GET else None,
                          initial=TimelinessForm.default_range())
    span = form.cleaned_data if form.is_bound and form.is_valid() else (
        None if form.is_bound else TimelinessForm.default_range())
    contacts = Contact.objects.visible_to(request.user)
    figures = None
    if span:
        decided = contacts.filter(decided_at__gte=_day_start(span["start"]),
                                  decided_at__lt=_day_start(span["end"] + timedelta(days=1)))
        pairs = decided.values_list("pk", "decided_at", "decision_due")  # pk: keep every row
        in_time, total, share = rules.timeliness((at, due) for _, at, due in pairs)
        figures = {"decided": total, "in_time": in_time, "late": total - in_time,
                   "share": None if share is None else round(share * 100),
                   "start": span["start"], "end": span["end"]}
    overdue = contacts.filter(status__in=AWAITING_DECISION, decision_due__lt=now).prefetch_related(
        links_prefetch()).in_queue_order()  # immediate first (R-FD-4)
    return render(request, "frontdoor/timeliness.html", {
        "form": form, "figures": figures, "now": now,
        "overdue": [{"contact": c, "children": kids, "hidden_children": hidden,
                     "time_left": rules.describe_time_left(c.decision_due, now),
                     "immediate": rules.is_immediate_waiting(c.urgency, True)}
                    for c, kids, hidden in children_rows(request.user, overdue)],
    }, status=400 if form.errors else 200)
