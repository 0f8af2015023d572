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

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.core.visibility import get_visible_or_404
from hearth.incidents import actions, queries
from hearth.incidents.forms import (
    FIELD_FOR,
    NOT_AT_ADDRESS,
    CloseForm,
    IncidentForm,
    LinkWarningForm,
    PostIncidentForm,
    WarningForm,
)
from hearth.people.models import Person

#: Where each closing problem's link in the error summary takes the manager.
CLOSE_ANCHORS = {"debrief_on": "id_debrief_on", "debrief_by": "id_debrief_by",
                 "police_complaint": "id_police_complaint_0"}
STALE_RECORD = ("Someone else changed this incident while you were working on it. Nothing was "
                "saved: check the post-incident record as it is now, then save again; what "
                "you entered is kept in the form.")


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
                                managers=queries.managers_for(incident, user))
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
        person = get_visible_or_404(Person.objects.live(), user, request.GET["person"],
                                    "person")
    addresses = queries.current_addresses(person) if person is not None else []
    colleagues = list(queries.colleagues_of(user))
    kwargs = {"user": user, "colleagues": colleagues, "addresses": addresses}
    context = {"person": person}
    if request.method == "GET":
        return render(request, "incidents/new.html", {**context, "form": IncidentForm(**kwargs)})
    form = IncidentForm(request.POST, **kwargs)

    def report(data):
        worker = next((c for c in colleagues if c.pk == data.get("worker")), user)
        chosen = data.get("address")
        address = next((a for a in addresses if str(a.pk) == chosen), None) \
            if chosen and chosen != NOT_AT_ADDRESS else None
        return actions.do_report_incident(
            acting_user=user, worker=worker, person=person, address=address,
            kind=data["kind"], occurred_at=data["occurred_at"], where=data["where"],
            what_happened=data["what_happened"], injured=data["injured"])

    outcome = attempt(form, report, field_for=FIELD_FOR)
    if not outcome:
        return render(request, "incidents/new.html", {**context, "form": form},
                      status=outcome.status)
    told = ("Your manager has been told." if outcome.result.manager_told_at
            else "No manager could be found to tell: phone your manager now.")
    return done_with(request, f"Incident reported. {told}", "incidents:detail",
                     incident_id=outcome.result.pk)


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
    managers = list(queries.managers_for(incident, request.user))
    form = PostIncidentForm(request.POST, managers=managers)

    def record(data):
        data = dict(data)
        version = data.pop("version")
        data["debrief_by"] = next((m for m in managers if m.pk == data["debrief_by"]), None)
        return actions.do_record_post_incident(incident, acting_user=request.user,
                                               expected_version=version, **data)

    outcome = attempt(form, record, stale_message=STALE_RECORD, field_for=FIELD_FOR)
    if outcome:
        return done_with(request, "Post-incident record saved.", "incidents:detail",
                         incident_id=incident.pk)
    if outcome.stale:
        incident = queries.get_visible_incident(request.user, incident_id)
    return _page(request, incident, form=form, status=outcome.status)


@requires("incidents.manage")
@require_http_methods(["POST"])
def close(request, incident_id):
    incident = queries.get_visible_incident(request.user, incident_id)
    form = CloseForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_close_incident(
        incident, acting_user=request.user, expected_version=data["version"]))
    if outcome:
        return done_with(request, "Incident closed.", "incidents:detail",
                         incident_id=incident.pk)
    if outcome.stale:
        return _page(request, incident, status=outcome.status, conflict=True)
    problems = (outcome.refusal.problems.items() if outcome.refusal is not None
                else [("", e) for e in form.errors["version"]])
    return _page(request, incident, status=outcome.status, close_errors=[
        (CLOSE_ANCHORS.get(field, "main-content"), message) for field, message in problems])


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
    outcome = attempt(form, lambda data: actions.do_warning_from_incident(
        incident, acting_user=request.user, expected_version=data["version"],
        **form.warning_fields()),
        stale_message="Someone else changed this incident while you were working: check it, "
                      "then save the warning again", field_for=FIELD_FOR)
    if outcome:
        return done_with(request, "Warning added and linked to the incident. A manager must "
                                  "sign it off.", "incidents:detail", incident_id=incident.pk)
    return render(request, "incidents/warning_new.html", {**context, "form": form},
                  status=outcome.status)


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
    outcome = attempt(form, lambda data: actions.do_link_warning(
        incident, acting_user=request.user, expected_version=data["version"],
        warning=next((w for w in candidates if w.pk == data["warning"]), None),
        note=data["note"]),
        stale_message="Someone else changed this incident while you were working: check it, "
                      "then link the warning again", field_for=FIELD_FOR)
    if outcome:
        return done_with(request, "Warning linked to the incident, with your note.",
                         "incidents:detail", incident_id=incident.pk)
    return render(request, "incidents/warning_link.html", {**context, "form": form},
                  status=outcome.status)
