"""Incident pages: reporting an incident (R-SAFE-5), the incident with its post-incident record,
closing it, the warning it calls for, and the managers' list of open incidents. Views parse,
call one action and render; an incident the user may not see is 404; a stale save is 409 with
the user's input kept."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.access.permissions import requires
from hearth.incidents import actions, queries
from hearth.incidents.forms import (
    NOT_AT_ADDRESS,
    CloseForm,
    IncidentForm,
    LinkWarningForm,
    PostIncidentForm,
    WarningForm,
    add_problems,
)

FORM_ERROR_STATUS = 400
CONFLICT = 409
#: Where each closing problem's link in the error summary takes the manager.
CLOSE_ANCHORS = {"debrief_on": "id_debrief_on", "debrief_by": "id_debrief_by",
                 "police_complaint": "id_police_complaint_0"}
NOT_CASEWORKERS = (Role.ADMINISTRATOR, Role.MASH_PARTNER)


def colleagues_of(user):
    """The team a report or plan may be made for, besides the user."""
    if not user.team_id:
        return User.objects.none()
    return (User.objects.filter(team_id=user.team_id, is_active=True)
            .exclude(pk=user.pk).exclude(role__in=NOT_CASEWORKERS)
            .order_by("first_name", "last_name", "username"))


def _managers_for(incident, user):
    """Who may have given the debrief: the worker's managers, every service manager, the
    manager recording it, and whoever is already recorded."""
    ids = {user.pk, *incident.worker.managers().values_list("pk", flat=True)}
    if incident.debrief_by_id:
        ids.add(incident.debrief_by_id)
    return (User.objects.filter(pk__in=ids) | User.objects.filter(
        role=Role.SERVICE_MANAGER, is_active=True)).distinct().order_by("first_name",
                                                                        "last_name")


def warning_link(warning) -> str:
    """The warning's own page, once the worker-safety app has one."""
    try:
        return reverse("safety:warning", kwargs={"warning_id": warning.pk})
    except NoReverseMatch:
        return ""


def _page(request, incident, *, form=None, status=200, **extra):
    user = request.user
    can_manage = user.has_hearth_permission("incidents.manage")
    if form is None and can_manage and incident.closed_at is None:
        form = PostIncidentForm(initial=PostIncidentForm.initial_for(incident),
                                managers=_managers_for(incident, user))
    candidates = queries.warning_candidates(incident) if incident.warning_id is None else []
    return render(request, "incidents/detail.html", {
        "incident": incident, "person": incident.person, "form": form,
        "can_manage": can_manage, "can_warn": user.has_hearth_permission("safety.warn"),
        "candidates": candidates,
        "warning_url": warning_link(incident.warning) if incident.warning_id else "",
        **extra}, status=status)


@requires("incidents.manage")
@require_http_methods(["GET"])
def open_list(request):
    rows = list(queries.open_incidents(request.user))
    return render(request, "incidents/list.html", {"incidents": rows})


@requires("incidents.report")
@require_http_methods(["GET", "POST"])
def new(request):
    user = request.user
    person = None
    if request.GET.get("person"):
        person = queries.get_visible_person(user, request.GET["person"])
    addresses = queries.current_addresses(person) if person is not None else []
    colleagues = list(colleagues_of(user))
    kwargs = {"user": user, "colleagues": colleagues, "addresses": addresses}
    context = {"person": person}
    if request.method == "GET":
        return render(request, "incidents/new.html", {**context, "form": IncidentForm(**kwargs)})
    form = IncidentForm(request.POST, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        worker = next((c for c in colleagues if c.pk == data.get("worker")), user)
        chosen = data.get("address")
        address = next((a for a in addresses if str(a.pk) == chosen), None) \
            if chosen and chosen != NOT_AT_ADDRESS else None
        try:
            incident = actions.do_report_incident(
                acting_user=user, worker=worker, person=person, address=address,
                kind=data["kind"], occurred_at=data["occurred_at"], where=data["where"],
                what_happened=data["what_happened"], injured=data["injured"])
        except actions.IncidentRefused as exc:
            add_problems(form, exc.problems)
        else:
            told = ("Your manager has been told." if incident.manager_told_at
                    else "No manager could be found to tell: phone your manager now.")
            messages.success(request, f"Incident reported. {told}")
            return redirect("incidents:detail", incident_id=incident.pk)
    return render(request, "incidents/new.html", {**context, "form": form},
                  status=FORM_ERROR_STATUS)


@requires("incidents.report")
@require_http_methods(["GET"])
def detail(request, incident_id):
    incident = queries.get_visible_incident(request.user, incident_id)
    actions.record_view(actions.subject_of(incident), user=request.user, what="view_incident")
    return _page(request, incident)


@requires("incidents.manage")
@require_http_methods(["GET", "POST"])
def post_incident(request, incident_id):
    incident = queries.get_visible_incident(request.user, incident_id)
    if request.method == "GET":
        return HttpResponseRedirect(
            reverse("incidents:detail", kwargs={"incident_id": incident.pk}) + "#post-incident")
    managers = list(_managers_for(incident, request.user))
    form = PostIncidentForm(request.POST, managers=managers)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["debrief_by"] = next((m for m in managers if m.pk == data["debrief_by"]), None)
        try:
            actions.do_record_post_incident(incident, acting_user=request.user,
                                            expected_version=version, **data)
        except actions.StaleEdit as exc:
            form.data = form.data.copy()
            form.data["version"] = str(exc.current_version)
            incident = queries.get_visible_incident(request.user, incident_id)
            return _page(request, incident, form=form, status=CONFLICT, conflict=True)
        except actions.IncidentRefused as exc:
            add_problems(form, exc.problems)
        else:
            messages.success(request, "Post-incident record saved.")
            return redirect("incidents:detail", incident_id=incident.pk)
    return _page(request, incident, form=form, status=FORM_ERROR_STATUS)


@requires("incidents.manage")
@require_http_methods(["POST"])
def close(request, incident_id):
    incident = queries.get_visible_incident(request.user, incident_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _page(request, incident, status=FORM_ERROR_STATUS,
                     close_errors=[("main-content", e) for e in form.errors["version"]])
    try:
        actions.do_close_incident(incident, acting_user=request.user,
                                  expected_version=form.cleaned_data["version"])
    except actions.StaleEdit:
        return _page(request, incident, status=CONFLICT, conflict=True)
    except actions.IncidentRefused as exc:
        return _page(request, incident, status=FORM_ERROR_STATUS, close_errors=[
            (CLOSE_ANCHORS.get(field, "main-content"), message)
            for field, message in exc.problems.items()])
    messages.success(request, "Incident closed.")
    return redirect("incidents:detail", incident_id=incident.pk)


@requires("safety.warn")
@require_http_methods(["GET", "POST"])
def create_warning(request, incident_id):
    incident = queries.get_visible_incident(request.user, incident_id)
    if incident.warning_id is not None:
        messages.success(request, "This incident is already linked to a warning.")
        return redirect("incidents:detail", incident_id=incident.pk)
    context = {"incident": incident, "person": incident.person,
               "candidates": queries.warning_candidates(incident)}
    if request.method == "GET":
        form = WarningForm(initial=WarningForm.initial_for(incident), incident=incident)
        return render(request, "incidents/warning_new.html", {**context, "form": form})
    form = WarningForm(request.POST, incident=incident)
    status = FORM_ERROR_STATUS
    if form.is_valid():
        try:
            actions.do_warning_from_incident(
                incident, acting_user=request.user,
                expected_version=form.cleaned_data["version"], **form.warning_fields())
        except actions.StaleEdit as exc:
            status = CONFLICT
            form.add_error(None, "Someone else changed this incident while you were working: "
                                 "check it, then save the warning again")
            form.data = form.data.copy()
            form.data["version"] = str(exc.current_version)
        except (actions.IncidentRefused, actions.WarningRefused) as exc:
            add_problems(form, getattr(exc, "problems", None) or {exc.field or "": str(exc)})
        else:
            messages.success(request, "Warning added and linked to the incident. A manager "
                                      "must sign it off.")
            return redirect("incidents:detail", incident_id=incident.pk)
    return render(request, "incidents/warning_new.html", {**context, "form": form},
                  status=status)


@requires("safety.warn")
@require_http_methods(["GET", "POST"])
def link_warning(request, incident_id):
    incident = queries.get_visible_incident(request.user, incident_id)
    if incident.warning_id is not None:
        messages.success(request, "This incident is already linked to a warning.")
        return redirect("incidents:detail", incident_id=incident.pk)
    candidates = list(queries.warning_candidates(incident))
    context = {"incident": incident, "person": incident.person, "candidates": candidates}
    if request.method == "GET":
        form = LinkWarningForm(initial={"version": incident.version}, warnings=candidates)
        return render(request, "incidents/warning_link.html", {**context, "form": form})
    form = LinkWarningForm(request.POST, warnings=candidates)
    status = FORM_ERROR_STATUS
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_link_warning(
                incident, acting_user=request.user, expected_version=data["version"],
                warning=next((w for w in candidates if w.pk == data["warning"]), None),
                note=data["note"])
        except actions.StaleEdit as exc:
            status = CONFLICT
            form.add_error(None, "Someone else changed this incident while you were working: "
                                 "check it, then link the warning again")
            form.data = form.data.copy()
            form.data["version"] = str(exc.current_version)
        except actions.IncidentRefused as exc:
            add_problems(form, exc.problems)
        else:
            messages.success(request, "Warning linked to the incident, with your note.")
            return redirect("incidents:detail", incident_id=incident.pk)
    return render(request, "incidents/warning_link.html", {**context, "form": form},
                  status=status)
