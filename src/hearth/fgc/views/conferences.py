"""The conference (its three stages), the family's plan, the referrer's decision on it, and
the plan printed for the family in plain language (a page to print, and a PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core import council
from hearth.core.pages import done_with, form_page
from hearth.fgc.actions import conferences as actions
from hearth.fgc.actions.common import record_view
from hearth.fgc.codes import Stage, Status
from hearth.fgc.forms.common import STALE
from hearth.fgc.forms.conferences import (
    PLAN_FIELD_FOR,
    PLAN_ROWS,
    ConferenceForm,
    DecisionForm,
    PlanForm,
    row_fields,
)
from hearth.fgc.queries import referrals as queries
from hearth.fgc.rules import conferences as rules
from hearth.fgc.views.common import T, guard, plan_lines
from hearth.records.views.summaries import render_pdf

NO_PLAN = "There is no family plan to print yet."
PRINTABLE = (Status.PLAN_WAITING, Status.PLAN_AGREED, Status.PLAN_NOT_AGREED, Status.REVIEWED)


def _context(fgc) -> dict:
    return {"fgc": fgc, "names": queries.names(fgc)}


@requires("fgc.coordinate")
@require_http_methods(["GET", "POST"])
def conference(request, fgc_id):
    found = queries.get_fgc(request.user, fgc_id)
    blocked = guard(request, found, "conference")
    if blocked:
        return blocked
    form = ConferenceForm(request.POST or None, split=found.split_conference,
                          initial={"version": found.version,
                                   "held_on": timezone.localtime(found.conference_at).date()
                                   if found.conference_at else None})
    return form_page(
        request, T + "conference.html", _context(found), form,
        lambda data: actions.do_record_conference(
            found, acting_user=request.user, expected_version=data["version"],
            held_on=data["held_on"], stages={s: data[s] for s in Stage.values},
            split_arrangements=data.get("split_arrangements", "")),
        lambda done: done_with(request, "Conference recorded. Now record the family's plan.",
                               "fgc:plan", fgc_id=found.pk), stale_message=STALE)


@requires("fgc.coordinate")
@require_http_methods(["GET", "POST"])
def plan(request, fgc_id):
    found = queries.get_visible_fgc(request.user, fgc_id)
    blocked = guard(request, found, "plan")
    if blocked:
        return blocked
    initial: dict = {"version": found.version, "review_on": found.review_on}
    for n, item in enumerate(found.items.all(), start=1):
        who, what, by_when = row_fields(n)
        initial.update({who: item.who, what: item.what, by_when: item.by_when})
    form = PlanForm(request.POST or None, initial=initial,
                    rows=max(PLAN_ROWS, len(found.items.all())))
    return form_page(
        request, T + "plan.html", _context(found), form,
        lambda data: actions.do_record_plan(
            found, acting_user=request.user, expected_version=data["version"],
            lines=form.lines(), review_on=data["review_on"]),
        lambda done: done_with(request, "The family's plan is recorded: it now waits for "
                                        f"{found.referred_by.display_name} to agree it.",
                               "fgc:fgc", fgc_id=found.pk),
        stale_message=STALE, field_for=PLAN_FIELD_FOR)


@requires("fgc.refer")
@require_http_methods(["GET", "POST"])
def decision(request, fgc_id):
    found = queries.get_visible_fgc(request.user, fgc_id)
    if not actions.may_decide(found, request.user):
        raise PermissionDenied(f"Only {found.referred_by.display_name}, who made the referral, "
                               "or their manager can agree the family's plan.")
    blocked = guard(request, found, "decide", coordinator=False)
    if blocked:
        return blocked
    form = DecisionForm(request.POST or None, initial={"version": found.version})
    return form_page(
        request, T + "decision.html", {**_context(found), "items": list(found.items.all())},
        form,
        lambda data: actions.do_decide_plan(
            found, acting_user=request.user, expected_version=data["version"],
            agreed=data["agreed"], reason=data["reason"]),
        lambda done: done_with(request, "Your decision on the family's plan is recorded.",
                               "fgc:fgc", fgc_id=found.pk), stale_message=STALE)


def _printable(request, fgc_id):
    found = queries.get_visible_fgc(request.user, fgc_id)
    if found.status not in PRINTABLE:
        messages.info(request, NO_PLAN)
        return found, redirect("fgc:fgc", fgc_id=found.pk)
    return found, None


def _plan_context(fgc) -> dict:
    return {"fgc": fgc, "names": queries.names(fgc), "items": list(fgc.items.all()),
            "children": queries.children_of(fgc), "council": council.details(),
            "printed_on": timezone.localdate()}


@requires("fgc.view")
@require_http_methods(["GET"])
def plan_print(request, fgc_id):
    """The plan as the family reads it; the wording checks (not printed) for the worker."""
    found, away = _printable(request, fgc_id)
    if away:
        return away
    record_view(found, user=request.user, what="view_fgc_plan")
    return render(request, T + "plan_print.html", {
        **_plan_context(found),
        "warnings": rules.plan_warnings(found.questions, plan_lines(found))})


@requires("fgc.view")
@require_http_methods(["GET"])
def plan_pdf(request, fgc_id):
    found, away = _printable(request, fgc_id)
    if away:
        return away
    body = render_pdf(render_to_string(T + "plan_pdf.html", _plan_context(found)))
    record_view(found, user=request.user, what="download_fgc_plan_pdf")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="family-plan-{found.pk}.pdf"'
    return response
