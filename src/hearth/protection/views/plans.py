"""Pages for child protection plans and core groups (R-CP-2, R-CP-3): the plan with its due
dates; ending it; the core group, readable by every agency in it and printable for the family;
its members and meetings.

Views parse, call one action and render. A record of a child the user may not see is 404; a
refusal is 400 with the error summary naming the field; a stale save is 409."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.models import Agency
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.protection.actions import conferences as actions
from hearth.protection.forms.conferences import (
    CoreGroupMeetingForm,
    MemberEditForm,
    MemberForm,
    PlanEndForm,
)
from hearth.protection.queries import conferences as queries
from hearth.protection.views.conferences import T, child_protection_url, conflict


def _today() -> date:
    return timezone.localdate()


def _plan_flags(plan, meetings) -> dict:
    """``meetings``: the plan's core group meetings, latest first."""
    return queries.plan_flags(plan, meetings[0] if meetings else None, _today())


@requires("protection.view")
@require_http_methods(["GET"])
def plan(request, cp_plan_id):
    user = request.user
    found = queries.get_visible_plan(user, cp_plan_id)
    detail = queries.plan_detail(found)
    actions.record_view(found.person, user=user, what="view_cp_plan")
    with_others = queries.recorded_with(user, detail["meetings"])
    for meeting in detail["meetings"]:
        meeting.held_with = with_others.get(meeting.pk, [])
    return render(request, T + "plan.html", {
        "plan": found, "person": found.person, "back": child_protection_url(found.person),
        **detail, **_plan_flags(found, detail["meetings"]),
        "outline": queries.outline_plan(found, detail["reviews"]),
        "can_record": user.has_hearth_permission("protection.record"),
        "can_arrange": queries.may_arrange(user) and found.is_open,
        "practitioners_meetings": queries.practitioners_meetings(user, found.person),
        "can_record_meeting": user.has_hearth_permission("incidents.report")})


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def plan_end(request, cp_plan_id):
    found = queries.get_visible_plan(request.user, cp_plan_id)
    context = {"plan": found, "person": found.person}
    if not found.is_open:
        messages.success(request, "This plan has already ended.")
        return redirect("protection:plan", cp_plan_id=found.pk)
    if request.method == "GET":
        form = PlanEndForm(initial={"version": found.version, "end_on": _today()})
        return render(request, T + "plan_end.html", {**context, "form": form})
    form = PlanEndForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_end_plan(
        found, acting_user=request.user, expected_version=data["version"],
        end_on=data["end_on"], reason=data["reason"], notes=data["notes"]))
    if outcome:
        return done_with(request, "The child protection plan has ended.", "protection:plan",
                         cp_plan_id=found.pk)
    return render(request, T + "plan_end.html", {
        **context, "form": form, "conflict": conflict(outcome.refusal, "plan")},
        status=outcome.status)


# --- core groups ------------------------------------------------------------------------------

def _core_group_context(plan) -> dict:
    meetings = list(plan.meetings.order_by("-held_on", "-pk"))
    return {"plan": plan, "person": plan.person, "outline": queries.outline_plan(plan),
            "members": [m for m in plan.core_group.all() if m.left_on is None],
            "next_meeting_on": next((m.next_meeting_on for m in meetings if m.next_meeting_on),
                                    None),
            "first_meeting_on": min((m.held_on for m in meetings), default=None)}


@requires("protection.core_group")
@require_http_methods(["GET"])
def core_group(request, cp_plan_id):
    user = request.user
    found = queries.get_core_group_plan(user, cp_plan_id)
    actions.record_view(found.person, user=user, what="view_core_group")
    return render(request, T + "core_group.html", {
        **_core_group_context(found),
        "can_view_plan": user.has_hearth_permission("protection.view"),
        "can_record": user.has_hearth_permission("protection.record") and found.is_open})


@requires("protection.core_group")
@require_http_methods(["GET"])
def core_group_pdf(request, cp_plan_id):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    user = request.user
    found = queries.get_core_group_plan(user, cp_plan_id)
    from hearth.core import council

    html = render_to_string(T + "core_group_pdf.html", {**_core_group_context(found),
                                                        "printed_on": _today(),
                                                        "council": council.details()})
    body = HTML(string=html).write_pdf()
    actions.record_view(found.person, user=user, what="download_core_group_pdf")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="core-group-{found.pk}.pdf"'
    return response


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def core_group_member_new(request, cp_plan_id):
    found = queries.get_visible_plan(request.user, cp_plan_id)
    form = MemberForm(request.POST if request.method == "POST" else None,
                      people=queries.family_people(request.user, found.person),
                      agencies=Agency.objects.order_by("name"))
    return form_page(
        request, T + "member_new.html", {"plan": found, "person": found.person}, form,
        lambda data: actions.do_add_core_group_member(
            found, acting_user=request.user, name=data["name"], agency=data["agency"],
            role=data["role"], tasks=data["tasks"], partner_agency=data["agency_obj"],
            person=data["person_obj"]),
        lambda member: done_with(request, f"{member.name} added to the core group.",
                                 "protection:plan", cp_plan_id=found.pk))


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def core_group_member(request, member_id):
    member = queries.get_visible_member(request.user, member_id)
    context = {"member": member, "plan": member.plan, "person": member.plan.person}
    if request.method == "GET":
        form = MemberEditForm(initial=MemberEditForm.initial_for(member))
        return render(request, T + "member.html", {**context, "form": form})
    form = MemberEditForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_update_core_group_member(
        member, acting_user=request.user, expected_version=data["version"],
        role=data["role"], tasks=data["tasks"], left_on=data["left_on"]))
    if outcome:
        return done_with(request, f"{member.name}'s part in the core group is saved.",
                         "protection:plan", cp_plan_id=member.plan_id)
    if outcome.stale:
        context["member"] = queries.get_visible_member(request.user, member_id)
    return render(request, T + "member.html", {
        **context, "form": form, "conflict": conflict(outcome.refusal, "core group member")},
        status=outcome.status)


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def core_group_meeting_new(request, cp_plan_id):
    found = queries.get_visible_plan(request.user, cp_plan_id)
    form = (CoreGroupMeetingForm(request.POST) if request.method == "POST"
            else CoreGroupMeetingForm(initial={"held_on": _today()}))
    siblings = len(queries.family_open_plans(request.user, found)) > 1
    return form_page(
        request, T + "meeting_new.html",
        {"plan": found, "person": found.person, "family_meeting": siblings}, form,
        lambda data: actions.do_record_core_group_meeting(
            found, acting_user=request.user, held_on=data["held_on"],
            attendees=data["attendees"], progress=data["progress"], actions=data["actions"],
            next_meeting_on=data["next_meeting_on"]),
        lambda _: done_with(request, "Core group meeting recorded.", "protection:plan",
                            cp_plan_id=found.pk))
