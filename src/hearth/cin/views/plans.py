"""The CIN plan's pages: start it from the authorised assessment (R-CIN-1), read it, record a
CIN meeting, end it with a reason (R-CIN-2). Views parse, call one action and render; a plan
or assessment whose child the user may not see is 404; a stale save is 409 with the input
kept."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.assessments.queries import get_visible_assessment
from hearth.cin import due, queries
from hearth.cin.actions import plans as actions
from hearth.cin.forms import STALE, EndForm, MeetingForm, StartForm
from hearth.core.pages import done_with, form_page

T = "cin/"


@requires("cin.manage")
@require_http_methods(["GET", "POST"])
def start(request, assessment_id):
    """Start the child's CIN plan from the authorised assessment whose outcome is one; while
    the child is on a child protection plan, the page says why not (R-CIN-2)."""
    assessment = get_visible_assessment(request.user, assessment_id)
    refusal = actions.state_refusal(assessment.child)
    form = StartForm(request.POST or None,
                     initial={"start_on": timezone.localdate().strftime("%d/%m/%Y")})
    return form_page(
        request, T + "start.html", {"assessment": assessment, "child": assessment.child,
                                    "refusal": refusal}, form,
        lambda data: actions.do_start_plan(
            assessment, acting_user=request.user, start_on=data["start_on"],
            needs=data["needs"], actions=form.actions()),
        lambda plan: done_with(request, "Child in need plan started.", "cin:plan",
                               plan_id=plan.pk),
        field_for=form.field_for() if request.method == "POST" else None)


@requires("cin.view")
@require_http_methods(["GET"])
def plan(request, plan_id):
    found = queries.get_visible_plan(request.user, plan_id)
    actions.record_view(found, user=request.user)
    today = timezone.localdate()
    context = {"plan": found, "child": found.person, "today": today,
               "may_manage": request.user.has_hearth_permission("cin.manage")
               and found.end_on is None}
    if found.end_on is None:
        meeting_due, visit_due = due.dues_of(found)
        context.update(meeting_due=meeting_due, visit_due=visit_due,
                       meeting_overdue=meeting_due < today, visit_overdue=visit_due < today)
    return render(request, T + "plan.html", context)


def _ended(request, found):
    if found.end_on is None:
        return None
    messages.info(request, "This child in need plan has ended.")
    return redirect("cin:plan", plan_id=found.pk)


@requires("cin.manage")
@require_http_methods(["GET", "POST"])
def meeting(request, plan_id):
    found = queries.get_visible_plan(request.user, plan_id)
    if (ended := _ended(request, found)) is not None:
        return ended
    form = MeetingForm(request.POST or None, actions=found.actions.all(),
                       initial={"version": found.version})
    return form_page(
        request, T + "meeting.html", {"plan": found, "child": found.person}, form,
        lambda data: actions.do_record_meeting(
            found, acting_user=request.user, expected_version=data["version"],
            held_on=data["held_on"], attendees=form.people(), progress=form.progress(),
            notes=data["notes"], next_meeting_on=data["next_meeting_on"],
            new_actions=form.actions()),
        lambda _m: done_with(request, "CIN meeting recorded.", "cin:plan", plan_id=found.pk),
        stale_message=STALE, field_for=form.field_for() if request.method == "POST" else None)


@requires("cin.manage")
@require_http_methods(["GET", "POST"])
def end(request, plan_id):
    found = queries.get_visible_plan(request.user, plan_id)
    if (ended := _ended(request, found)) is not None:
        return ended
    form = EndForm(request.POST or None, initial={"version": found.version})
    return form_page(
        request, T + "end.html", {"plan": found, "child": found.person}, form,
        lambda data: actions.do_end_plan(
            found, acting_user=request.user, expected_version=data["version"],
            end_on=data["end_on"], reason=data["end_reason"], notes=data["notes"]),
        lambda _p: done_with(request, "Child in need plan ended.", "cin:plan",
                             plan_id=found.pk),
        stale_message=STALE)
