"""Allocation, caseloads, workload and the family view (pages stay thin: parse, act, render)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework import actions, queries, rules
from hearth.casework.codes import ClosureReason
from hearth.casework.forms import (
    EndSecondaryWorkerForm,
    ReallocateForm,
    SecondaryWorkerForm,
    secondary_candidates,
)
from hearth.casework.models import InvolvementWorker
from hearth.people.queries import get_visible_person

# Until the lead adds "casework.allocate" and "casework.caseload" to hearth.access.rules,
# these stand-ins grant the same roles (managers; everyone doing casework).
ALLOCATE = "casework.allocate"
CASELOAD = "casework.caseload"
FORM_ERROR_STATUS = 400
CONFLICT = 409
STALE_MESSAGE = ("Someone else changed this involvement while you were working on it. Nothing "
                 "was saved: check the involvement as it is now, then submit again.")


class AllocateForm(forms.Form):
    worker = forms.TypedChoiceField(label="Allocate to", coerce=int)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {w.pk: w for w in workers}
        self.fields["worker"].choices = [("", "Choose a worker")] + [
            (w.pk, f"{w.display_name} ({w.open_cases} open case{'s' if w.open_cases != 1 else ''})")
            for w in workers]
        self.fields["worker"].error_messages["required"] = "Choose a worker to allocate to"


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label="Reason for closure", choices=ClosureReason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose a reason for closure",
                                               "invalid_choice": "Choose a reason for closure "
                                                                 "(RC1 to RC9)"})
    version = forms.IntegerField(widget=forms.HiddenInput)


def _queue_rows(user, today):
    rows = []
    for inv in queries.allocation_queue(user):
        rows.append({"involvement": inv,
                     "age": rules.age_on(inv.person.date_of_birth, today),
                     "days_waiting": rules.days_between(inv.waiting_since, today),
                     "form": AllocateForm(initial={"version": inv.version},
                                          workers=queries.team_workers([inv.team_id]),
                                          prefix=f"inv{inv.pk}")})
    return rows


@requires(ALLOCATE)
@require_http_methods(["GET"])
def allocation_queue(request):
    today = timezone.localdate()
    return render(request, "casework/allocation_queue.html",
                  {"rows": _queue_rows(request.user, today)})


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def allocate(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    workers = queries.team_workers([involvement.team_id])
    prefix = f"inv{involvement.pk}"
    form = AllocateForm(request.POST if request.method == "POST" else None, workers=workers,
                        prefix=prefix, initial={"version": involvement.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            worker = form.workers.get(form.cleaned_data["worker"])
            try:
                if worker is None:
                    raise actions.CaseworkRefused("Choose a worker from the team",
                                                  field="worker")
                actions.do_allocate(involvement, worker, acting_user=request.user,
                                    expected_version=form.cleaned_data["version"])
            except actions.StaleEdit as exc:
                status = 409
                form.data = form.data.copy()
                form.data[form.add_prefix("version")] = str(exc.current_version)
                form.add_error(None, "Someone else changed this child's allocation while you "
                               "were choosing. Nothing was saved: check the allocation below.")
                involvement.refresh_from_db()
            except actions.CaseworkRefused as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, f"{involvement.person.display_name} was allocated "
                                 f"to {worker.display_name}.")
                return redirect("casework:allocation_queue")
    return render(request, "casework/allocate.html",
                  {"involvement": involvement, "form": form}, status=status)


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def close(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    form = CloseForm(request.POST if request.method == "POST" else None,
                     initial={"version": involvement.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.do_close(involvement, form.cleaned_data["reason"],
                                 acting_user=request.user,
                                 expected_version=form.cleaned_data["version"])
            except actions.StaleEdit:
                status = 409
                form.add_error(None, "Someone else changed this involvement. Nothing was "
                               "saved: check it and try again.")
            except actions.CaseworkRefused as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, f"{involvement.person.display_name}'s involvement "
                                 "was closed.")
                return redirect("web:person", person_id=involvement.person_id)
    return render(request, "casework/close.html",
                  {"involvement": involvement, "form": form}, status=status)


def _attempt(form: forms.Form, act) -> int | None:
    """Run the action; when it refuses, put its message on the form and return the status
    (409 when someone else saved first: the input is kept, with the version now current)."""
    try:
        act()
    except actions.StaleEdit as exc:
        data = cast(QueryDict, form.data).copy()
        data[form.add_prefix("version")] = str(exc.current_version)
        form.data = data
        form.add_error(None, STALE_MESSAGE)
        return CONFLICT
    except actions.CaseworkRefused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        return FORM_ERROR_STATUS
    return None


def _live_secondary(involvement) -> list[InvolvementWorker]:
    return list(involvement.secondary_workers.filter(end_date__isnull=True)
                .select_related("worker"))


def _managed_link(user, link_id) -> InvolvementWorker:
    try:
        return (InvolvementWorker.objects
                .filter(involvement__in=queries.managed_involvements(user))
                .select_related("worker", "involvement__person", "involvement__team",
                                "involvement__worker")
                .get(pk=link_id))
    except (InvolvementWorker.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such secondary worker.") from exc


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def reallocate(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    workers = [w for w in queries.team_workers([involvement.team_id])
               if w.pk != involvement.worker_id]
    form = ReallocateForm(request.POST if request.method == "POST" else None, workers=workers,
                          initial={"version": involvement.version})
    status = 200
    if request.method == "POST":
        status = FORM_ERROR_STATUS
        if form.is_valid():
            worker = form.workers[form.cleaned_data["worker"]]
            refused = _attempt(form, lambda: actions.do_reallocate(
                involvement, worker, acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"]))
            if refused is None:
                messages.success(request, f"{involvement.person.display_name} was reallocated "
                                 f"to {worker.display_name}.")
                return redirect("casework:family", person_id=involvement.person_id)
            status = refused
            involvement = queries.get_managed_involvement(request.user, involvement_id)
    return render(request, "casework/reallocate.html",
                  {"involvement": involvement, "form": form}, status=status)


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def add_secondary_worker(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    form = SecondaryWorkerForm(request.POST if request.method == "POST" else None,
                               involvement=involvement, today=timezone.localdate(),
                               workers=secondary_candidates(involvement),
                               initial={"version": involvement.version})
    status = 200
    if request.method == "POST":
        status = FORM_ERROR_STATUS
        if form.is_valid():
            data = form.cleaned_data
            worker = form.workers[data["worker"]]
            refused = _attempt(form, lambda: actions.do_add_secondary_worker(
                involvement, worker, acting_user=request.user,
                expected_version=data["version"], role=data["role"],
                start_date=data["start_date"]))
            if refused is None:
                messages.success(request, f"{worker.display_name} was co-allocated to "
                                 f"{involvement.person.display_name}.")
                return redirect("casework:family", person_id=involvement.person_id)
            status = refused
            involvement = queries.get_managed_involvement(request.user, involvement_id)
    return render(request, "casework/secondary_worker_new.html",
                  {"involvement": involvement, "form": form,
                   "current": _live_secondary(involvement)}, status=status)


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def end_secondary_worker(request, link_id):
    link = _managed_link(request.user, link_id)
    form = EndSecondaryWorkerForm(request.POST if request.method == "POST" else None, link=link,
                                  today=timezone.localdate(),
                                  initial={"version": link.involvement.version})
    status = 200
    if request.method == "POST":
        status = FORM_ERROR_STATUS
        if form.is_valid():
            refused = _attempt(form, lambda: actions.do_end_secondary_worker(
                link, acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                end_date=form.cleaned_data["end_date"]))
            if refused is None:
                messages.success(request, f"{link.worker.display_name} no longer works on "
                                 f"{link.involvement.person.display_name}'s case.")
                return redirect("casework:family", person_id=link.involvement.person_id)
            status = refused
            link = _managed_link(request.user, link_id)
    return render(request, "casework/secondary_worker_end.html",
                  {"link": link, "involvement": link.involvement, "form": form},
                  status=status)


@requires(CASELOAD)
@require_http_methods(["GET"])
def caseload(request):
    today = timezone.localdate()
    data = queries.caseload(request.user)
    rows = [{"involvement": inv, "age": rules.age_on(inv.person.date_of_birth, today)}
            for inv in data["primary"]]
    return render(request, "casework/caseload.html",
                  {"rows": rows, "secondary": data["secondary"]})


@requires(ALLOCATE)
@require_http_methods(["GET"])
def workload(request):
    return render(request, "casework/workload.html",
                  {"teams": queries.workload(request.user)})


@requires(CASELOAD)
@require_http_methods(["GET"])
def family(request, person_id):
    user = request.user
    person = get_visible_person(user, person_id)
    today = timezone.localdate()
    allocator = user.has_hearth_permission(ALLOCATE)

    def row(inv):
        return {"inv": inv,
                "secondary": [link for link in inv.secondary_workers.all() if not link.end_date],
                "manage": allocator and rules.may_allocate(user.role, user.team_id, inv.team_id)}

    children = [{"person": child, "age": rules.age_on(child.date_of_birth, today),
                 "involvements": [row(inv) for inv in sorted(
                     child.involvements.all(), key=lambda i: (i.status == "closed", -i.pk))]}
                for child in queries.family_children(user, person)]
    return render(request, "casework/family.html",
                  {"person": person, "children": children, "allocator": allocator})
