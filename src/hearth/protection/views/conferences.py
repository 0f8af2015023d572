"""Pages for conferences, child protection plans and core groups (R-CP-1..4): arranging an
initial, review or ROTH conference; the conference with its attendance, the family's
participation (exclusions with their reasons) and decision; recording its outcome, which may
start the plan; the plan with its due dates; ending it; the core group, readable by every
agency in it and printable for the family; core group meetings.

Views parse, call one action and render. A record of a child the user may not see is 404; a
refusal is 400 with the error summary naming the field; a stale save is 409."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.models import Agency
from hearth.access.permissions import requires
from hearth.protection.actions import conferences as actions
from hearth.protection.codes import ConferenceKind
from hearth.protection.forms.conferences import (
    ArrangeForm,
    CoreGroupMeetingForm,
    FamilyForm,
    InviteeForm,
    MemberEditForm,
    MemberForm,
    OutcomeForm,
    PlanEndForm,
    Rows,
    add_problems,
)
from hearth.protection.queries import conferences as queries
from hearth.protection.rules import conferences as rules

FORM_ERROR_STATUS = 400
CONFLICT = 409
T = "protection/conferences/"
NOT_ARRANGER = ("Conferences are arranged by social workers, their managers and the "
                "conference service.")


def child_protection_url(person) -> str:
    """The child's child protection page (else their record)."""
    try:
        return reverse("protection:person", args=[person.pk])
    except NoReverseMatch:
        return reverse("web:person", args=[person.pk])


def _today() -> date:
    return timezone.localdate()


def _conflict(exc: actions.StaleEdit, what: str) -> dict:
    return {"title": f"Someone else changed this {what} while you were working on it",
            "message": f"{exc} Check it as it is now; what you entered is kept in the form "
                       "below: save again."}


def problems(*forms) -> list[tuple[str, str]]:
    """Every problem on the page's forms, in page order, each with the id it links to."""
    found = []
    for form in forms:
        first = next(iter(form.visible_fields()), None)
        for message in form.non_field_errors():
            found.append((_anchor(first) if first is not None else "main-content", message))
        for field in form:
            found.extend((_anchor(field), message) for message in field.errors)
    return found


def _anchor(field) -> str:
    return field.id_for_label or f"{field.auto_id}_0"


def _stale(form, exc: actions.StaleEdit) -> None:
    form.data = form.data.copy()
    form.data["version"] = str(exc.current_version)


# --- arranging --------------------------------------------------------------------------------

def _arrange_target(request, child):
    """The kind of conference asked for, and the enquiry or plan it follows."""
    kind = request.GET.get("kind", "")
    enquiry = plan = None
    if kind == ConferenceKind.ICPC:
        enquiry = queries.get_child_enquiry(child, request.GET.get("enquiry"))
    elif kind == ConferenceKind.RCPC:
        plan = queries.get_child_plan(child, request.GET.get("plan"))
    return kind, enquiry, plan


def _initial_invitees(enquiry, plan) -> list[dict]:
    """Who to invite, to start with: the strategy discussion's agencies for an initial
    conference, the core group's professionals for a review."""
    if enquiry is not None:
        return [{"name": p.name, "agency": p.agency, "role": p.role}
                for p in enquiry.strategy.participants.order_by("pk")]
    if plan is not None:
        return [{"name": m.name, "agency": m.agency, "role": m.role}
                for m in plan.core_group.filter(left_on__isnull=True, person__isnull=True)
                .order_by("pk")]
    return []


@requires("protection.view")
@require_http_methods(["GET", "POST"])
def conference_new(request, person_id):
    user = request.user
    if not queries.may_arrange(user):
        raise PermissionDenied(NOT_ARRANGER)
    child = queries.get_visible_person(user, person_id)
    kind, enquiry, plan = _arrange_target(request, child)
    context = {"person": child, "back": child_protection_url(child), "kind": kind,
               "enquiry": enquiry, "plan": plan, "today": _today()}
    if kind not in ConferenceKind.values:
        return render(request, T + "choose.html", {
            **context, "open_plan": queries.open_plan(child),
            "enquiries": queries.enquiries_needing_icpc(child)})
    context["kind_label"] = ConferenceKind(kind).label
    blocked = {k: v for k, v in rules.arrange_problems(
        kind=kind, held_on=_today(), child=child.display_name,
        **queries.arrange_facts(child, enquiry=enquiry, plan=plan)).items()
        if k in ("kind", "enquiry", "plan")}
    if blocked:
        return render(request, T + "blocked.html", {**context, "blocked": blocked.values()},
                      status=FORM_ERROR_STATUS if request.method == "POST" else 200)
    chairs = queries.chairs()
    adding = request.method == "POST" and "add_invitee" in request.POST
    if request.method == "GET" or adding:
        form = ArrangeForm(initial=request.POST.dict() if adding else {}, chairs=chairs)
        rows = Rows(InviteeForm, "invitees", data=request.POST if adding else None,
                    initial=_initial_invitees(enquiry, plan), add=1 if adding else 0)
        return render(request, T + "arrange.html", {**context, "form": form, "rows": rows,
                                                    "problems": []})
    form = ArrangeForm(request.POST, chairs=chairs)
    rows = Rows(InviteeForm, "invitees", data=request.POST)
    filled = rows.filled()
    numbers = [i for i, _ in filled]

    def refuse(found: dict[str, str]) -> None:
        rest = rows.add_problems(found, numbers)
        if "invitees" in rest and rows.forms:
            add_problems(rows.forms[0], {"name": rest.pop("invitees")})
        add_problems(form, rest)

    if not (form.is_valid() and rows.is_valid()):
        refuse(rules.invitee_problems([f.row() for _, f in filled]))
    else:
        try:
            conference = actions.do_arrange_conference(
                child, acting_user=user, kind=kind, held_on=form.cleaned_data["held_on"],
                chair=form.cleaned_data["chair_user"],
                chair_name=form.cleaned_data["chair_name"],
                invitees=[f.row() for _, f in filled], enquiry=enquiry, plan=plan)
        except actions.ProtectionRefused as exc:
            refuse(exc.problems)
        else:
            messages.success(request, f"{conference.get_kind_display()} arranged for "
                                      f"{conference.held_on:%-d %B %Y}.")
            return redirect("protection:conference", conference_id=conference.pk)
    return render(request, T + "arrange.html", {
        **context, "form": form, "rows": rows, "problems": problems(form, *rows.forms)},
        status=FORM_ERROR_STATUS)


# --- the conference and its outcome -----------------------------------------------------------

def _icpc_due(conference) -> dict:
    if conference.kind != ConferenceKind.ICPC or conference.enquiry is None:
        return {}
    due = conference.enquiry.icpc_due
    return {"icpc_due": due, "icpc_late": rules.icpc_late(
        due=due, held_on=conference.held_on, held=conference.held, today=_today())}


@requires("protection.view")
@require_http_methods(["GET"])
def conference(request, conference_id):
    user = request.user
    found = queries.get_visible_conference(user, conference_id)
    actions.record_view(found.person, user=user, what="view_cp_conference")
    return render(request, T + "conference.html", {
        "conference": found, "person": found.person, "back": child_protection_url(found.person),
        "can_record": user.has_hearth_permission("protection.conference") and not found.held,
        **queries.conference_detail(found), **_icpc_due(found)})


def _outcome_forms(request, found, *, adding: bool = False):
    child = found.person
    invitees = list(found.invitees.order_by("agency", "name", "pk"))
    leads = queries.lead_candidates(child) if found.kind != ConferenceKind.RCPC else []
    people = queries.family_people(request.user, child)
    kwargs = {"conference": found, "invitees": invitees, "leads": leads, "plan": found.plan}
    if request.method == "GET" or adding:
        lead = queries.allocated_worker(child)
        initial = (request.POST.dict() if adding
                   else OutcomeForm.initial_for(found, lead=lead))
        form = OutcomeForm(initial=initial, **kwargs)
        rows = Rows(FamilyForm, "family", data=request.POST if adding else None,
                    initial=[{"person": str(p.pk), "relationship": relation}
                             for p, relation in people],
                    add=1 if adding else 0, people=people)
    else:
        form = OutcomeForm(request.POST, **kwargs)
        rows = Rows(FamilyForm, "family", data=request.POST, people=people)
    return form, rows


def _outcome_page(request, found, form, rows, *, status=200, conflict=None):
    return render(request, T + "outcome.html", {
        "conference": found, "person": found.person, "form": form, "rows": rows,
        "conflict": conflict, "problems": problems(form, *rows.forms) if status != 200 else [],
        "back": child_protection_url(found.person),
        **_icpc_due(found)}, status=status)


@requires("protection.conference")
@require_http_methods(["GET", "POST"])
def conference_outcome(request, conference_id):
    found = queries.get_visible_conference(request.user, conference_id)
    if found.held:
        messages.success(request, "This conference's outcome is already recorded.")
        return redirect("protection:conference", conference_id=found.pk)
    adding = request.method == "POST" and "add_family" in request.POST
    form, rows = _outcome_forms(request, found, adding=adding)
    if request.method == "GET" or adding:
        return _outcome_page(request, found, form, rows)
    status, conflict = FORM_ERROR_STATUS, None
    filled = rows.filled()
    if not (form.is_valid() and rows.is_valid()):
        # Every problem at once: the exclusions' reasons too (R-CP-4).
        rows.add_problems(rules.family_problems([f.row() for _, f in filled]),
                          [i for i, _ in filled])
    else:
        data = form.cleaned_data
        try:
            done = actions.do_record_conference_outcome(
                found, acting_user=request.user, expected_version=data["version"],
                attendance=form.attendance(), family=[f.row() for _, f in filled],
                decision=data["decision"], category=data.get("category") or "",
                lead_social_worker=form.lead(), minutes=data["minutes"],
                outline_plan=data.get("outline_plan") or "", held_on=data["held_on"])
        except actions.StaleEdit as exc:
            status, conflict = CONFLICT, _conflict(exc, "conference")
            _stale(form, exc)
            found = queries.get_visible_conference(request.user, conference_id)
        except actions.ProtectionRefused as exc:
            add_problems(form, rows.add_problems(exc.problems, [i for i, _ in filled]))
        else:
            plan = queries.open_plan(done.person) if done.decision == "plan" else None
            messages.success(request, "Conference outcome recorded." + (
                " The child protection plan has started." if plan else ""))
            if plan is not None:
                return redirect("protection:plan", cp_plan_id=plan.pk)
            return redirect("protection:conference", conference_id=done.pk)
    return _outcome_page(request, found, form, rows, status=status, conflict=conflict)


# --- plans ------------------------------------------------------------------------------------

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
    return render(request, T + "plan.html", {
        "plan": found, "person": found.person, "back": child_protection_url(found.person),
        **detail, **_plan_flags(found, detail["meetings"]),
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
    status, conflict = FORM_ERROR_STATUS, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_end_plan(found, acting_user=request.user, expected_version=data["version"],
                                end_on=data["end_on"], reason=data["reason"], notes=data["notes"])
        except actions.StaleEdit as exc:
            status, conflict = CONFLICT, _conflict(exc, "plan")
            _stale(form, exc)
        except actions.ProtectionRefused as exc:
            add_problems(form, exc.problems)
        else:
            messages.success(request, "The child protection plan has ended.")
            return redirect("protection:plan", cp_plan_id=found.pk)
    return render(request, T + "plan_end.html", {**context, "form": form, "conflict": conflict},
                  status=status)


# --- core groups ------------------------------------------------------------------------------

def _core_group_context(plan) -> dict:
    meetings = list(plan.meetings.order_by("-held_on", "-pk"))
    return {"plan": plan, "person": plan.person,
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
    html = render_to_string(T + "core_group_pdf.html", {**_core_group_context(found),
                                                        "printed_on": _today()})
    body = HTML(string=html).write_pdf()
    actions.record_view(found.person, user=user, what="download_core_group_pdf")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="core-group-{found.pk}.pdf"'
    return response


def _member_form(request, plan, data=None):
    return MemberForm(data, people=queries.family_people(request.user, plan.person),
                      agencies=Agency.objects.order_by("name"))


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def core_group_member_new(request, cp_plan_id):
    found = queries.get_visible_plan(request.user, cp_plan_id)
    context = {"plan": found, "person": found.person}
    if request.method == "GET":
        return render(request, T + "member_new.html",
                      {**context, "form": _member_form(request, found)})
    form = _member_form(request, found, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = actions.do_add_core_group_member(
                found, acting_user=request.user, name=data["name"], agency=data["agency"],
                role=data["role"], tasks=data["tasks"], partner_agency=data["agency_obj"],
                person=data["person_obj"])
        except actions.ProtectionRefused as exc:
            add_problems(form, exc.problems)
        else:
            messages.success(request, f"{member.name} added to the core group.")
            return redirect("protection:plan", cp_plan_id=found.pk)
    return render(request, T + "member_new.html", {**context, "form": form},
                  status=FORM_ERROR_STATUS)


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def core_group_member(request, member_id):
    member = queries.get_visible_member(request.user, member_id)
    context = {"member": member, "plan": member.plan, "person": member.plan.person}
    if request.method == "GET":
        form = MemberEditForm(initial=MemberEditForm.initial_for(member))
        return render(request, T + "member.html", {**context, "form": form})
    form = MemberEditForm(request.POST)
    status, conflict = FORM_ERROR_STATUS, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_update_core_group_member(
                member, acting_user=request.user, expected_version=data["version"],
                role=data["role"], tasks=data["tasks"], left_on=data["left_on"])
        except actions.StaleEdit as exc:
            status, conflict = CONFLICT, _conflict(exc, "core group member")
            _stale(form, exc)
            member = queries.get_visible_member(request.user, member_id)
            context["member"] = member
        except actions.ProtectionRefused as exc:
            add_problems(form, exc.problems)
        else:
            messages.success(request, f"{member.name}'s part in the core group is saved.")
            return redirect("protection:plan", cp_plan_id=member.plan_id)
    return render(request, T + "member.html", {**context, "form": form, "conflict": conflict},
                  status=status)


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def core_group_meeting_new(request, cp_plan_id):
    found = queries.get_visible_plan(request.user, cp_plan_id)
    context = {"plan": found, "person": found.person}
    if request.method == "GET":
        form = CoreGroupMeetingForm(initial={"held_on": _today()})
        return render(request, T + "meeting_new.html", {**context, "form": form})
    form = CoreGroupMeetingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_record_core_group_meeting(
                found, acting_user=request.user, held_on=data["held_on"],
                attendees=data["attendees"], progress=data["progress"],
                actions=data["actions"], next_meeting_on=data["next_meeting_on"])
        except actions.ProtectionRefused as exc:
            add_problems(form, exc.problems)
        else:
            messages.success(request, "Core group meeting recorded.")
            return redirect("protection:plan", cp_plan_id=found.pk)
    return render(request, T + "meeting_new.html", {**context, "form": form},
                  status=FORM_ERROR_STATUS)
