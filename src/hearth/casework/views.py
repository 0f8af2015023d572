"""Allocation, caseloads, workload and the family view (pages stay thin: parse, act, render)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework import actions, queries, rules
from hearth.casework.codes import ClosureReason
from hearth.people.queries import get_visible_person

# Until the lead adds "casework.allocate" and "casework.caseload" to hearth.access.roles,
# these stand-ins grant the same roles (managers; everyone doing casework).
ALLOCATE = "casework.allocate"
CASELOAD = "casework.caseload"


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
    person = get_visible_person(request.user, person_id)
    today = timezone.localdate()
    children = [{"person": child, "age": rules.age_on(child.date_of_birth, today),
                 "involvements": sorted(child.involvements.all(),
                                        key=lambda i: (i.status == "closed", -i.pk))}
                for child in queries.family_children(request.user, person)]
    return render(request, "casework/family.html", {"person": person, "children": children})
