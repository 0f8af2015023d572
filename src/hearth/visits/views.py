"""Visit pages: a child's visits with when they happened (R-RES-5), recording a visit
(R-REC-6), one visit in full and correcting it. Views parse, call one action and render; a
child the user may not see is 404, and so is any visit of theirs; a stale save is 409 with
the user's input kept."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework.models import InvolvementStatus
from hearth.visits import actions, queries, rules
from hearth.visits.codes import TimingBand
from hearth.visits.forms import VisitEditForm, VisitForm, add_error
from hearth.visits.models import Visit

FORM_ERROR_STATUS = 400
CONFLICT = 409
BAND_LABELS = dict(TimingBand.choices)


@requires("visits.view")
@require_http_methods(["GET"])
def visit_list(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    actions.record_view(child, user=request.user)
    now = timezone.now()
    rows = [{"visit": v, "band": BAND_LABELS[rules.timing_band(v.starts_at)]}
            for v in queries.visits_of(request.user, child)]
    return render(request, "visits/list.html", {
        "child": child, "rows": rows,
        "vary_timing": rules.needs_varied_timing(queries.recent_visit_times(child, now)),
        "can_record": request.user.has_hearth_permission("visits.record")})


@requires("visits.record")
@require_http_methods(["GET", "POST"])
def new(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    if request.method == "GET":
        return render(request, "visits/new.html",
                      {"child": child, "form": VisitForm(worker=request.user)})
    form = VisitForm(request.POST, worker=request.user)
    if form.is_valid():
        involvement = (child.involvements.exclude(status=InvolvementStatus.CLOSED)
                       .order_by("-opened_on", "-pk").first())
        try:
            actions.do_record_visit(child, acting_user=request.user, involvement=involvement,
                                    joint_worker=form.joint_worker_user(), **form.visit_fields())
        except actions.VisitRefused as exc:
            add_error(form, exc.field, str(exc))
        else:
            messages.success(request, "Visit recorded.")
            return redirect("visits:list", person_id=child.pk)
    return render(request, "visits/new.html", {"child": child, "form": form},
                  status=FORM_ERROR_STATUS)


def _visible_visit(user, visit_id) -> Visit:
    """The visit, or 404 when it does not exist or ``user`` may not see its child."""
    try:
        return (queries.with_amendments(queries.visible_visits(user))
                .select_related("child", "recorded_by", "joint_worker", "involvement__team",
                                "involvement__worker")
                .get(pk=visit_id))
    except (Visit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such visit.") from exc


def _visit_context(visit: Visit) -> dict:
    return {"visit": visit, "child": visit.child,
            "band": BAND_LABELS[rules.timing_band(visit.starts_at)]}


@requires("visits.view")
@require_http_methods(["GET"])
def detail(request, visit_id):
    visit = _visible_visit(request.user, visit_id)
    actions.record_view(visit.child, user=request.user, what="view_visit")
    return render(request, "visits/detail.html", {
        **_visit_context(visit), "can_edit": queries.may_correct(request.user, visit)})


@requires("visits.record")
@require_http_methods(["GET", "POST"])
def edit(request, visit_id):
    """Correct a visit (R-REC-4): every change is an amendment with a reason, shown on the
    visit; only its recorder or their team manager (403 for anyone else who can see it)."""
    visit = _visible_visit(request.user, visit_id)
    if not queries.may_correct(request.user, visit):
        raise PermissionDenied(rules.NOT_YOURS)
    if request.method == "GET":
        actions.record_view(visit.child, user=request.user, what="view_visit")
        form = VisitEditForm(initial=VisitEditForm.initial_for(visit))
        return render(request, "visits/edit.html", {**_visit_context(visit), "form": form})
    form = VisitEditForm(request.POST, visit=visit)
    status = FORM_ERROR_STATUS
    conflict = False
    if form.is_valid():
        try:
            amendments = actions.do_amend_visit(
                visit, acting_user=request.user, expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"], **form.visit_fields())
        except actions.StaleEdit as exc:
            status, conflict = CONFLICT, True
            form.data = form.data.copy()
            form.data["version"] = str(exc.current_version)
            visit = _visible_visit(request.user, visit_id)
        except actions.VisitRefused as exc:
            add_error(form, exc.field, str(exc))
        else:
            messages.success(request, "Visit corrected." if amendments
                             else "Nothing was changed.")
            return redirect("visits:detail", visit_id=visit.pk)
    return render(request, "visits/edit.html",
                  {**_visit_context(visit), "form": form, "conflict": conflict}, status=status)
