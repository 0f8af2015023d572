"""Visit pages: a child's visits with when they happened (R-RES-5), recording a visit
(R-REC-6), one visit in full and correcting it. Views parse, call one action and render; a
child the user may not see is 404, and so is any visit of theirs; a stale save is 409 with
the user's input kept."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework.models import InvolvementStatus
from hearth.core.pages import attempt, done_with, form_page
from hearth.drafts.views import keeps_draft, restored
from hearth.visits import actions, queries, rules
from hearth.visits.codes import TimingBand
from hearth.visits.forms import FIELD_FOR_ERROR, VisitEditForm, VisitForm
from hearth.visits.models import Visit

STALE_MESSAGE = "Someone else changed this visit while you were working on it: nothing was saved"
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


def _live_involvement(child):
    return (child.involvements.exclude(status=InvolvementStatus.CLOSED)
            .order_by("-opened_on", "-pk").first())


@requires("visits.record")
@require_http_methods(["GET", "POST"])
@keeps_draft
def new(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    form = restored(request, VisitForm(request.POST if request.method == "POST" else None,
                                       worker=request.user))
    return form_page(
        request, "visits/new.html", {"child": child}, form,
        lambda data: actions.do_record_visit(
            child, acting_user=request.user, involvement=_live_involvement(child),
            joint_worker=form.joint_worker_user(), **form.visit_fields()),
        lambda _visit: done_with(request, "Visit recorded.", "visits:list", person_id=child.pk),
        field_for=FIELD_FOR_ERROR)


def _visit_context(visit: Visit) -> dict:
    return {"visit": visit, "child": visit.child,
            "band": BAND_LABELS[rules.timing_band(visit.starts_at)]}


@requires("visits.view")
@require_http_methods(["GET"])
def detail(request, visit_id):
    visit = queries.get_visible_visit(request.user, visit_id)
    actions.record_view(visit.child, user=request.user, what="view_visit")
    return render(request, "visits/detail.html", {
        **_visit_context(visit), "can_edit": queries.may_correct(request.user, visit)})


@requires("visits.record")
@require_http_methods(["GET", "POST"])
def edit(request, visit_id):
    """Correct a visit (R-REC-4): every change is an amendment with a reason, shown on the
    visit; only its recorder or their team manager (403 for anyone else who can see it)."""
    visit = queries.get_visible_visit(request.user, visit_id)
    if not queries.may_correct(request.user, visit):
        raise PermissionDenied(rules.NOT_YOURS)
    if request.method == "GET":
        actions.record_view(visit.child, user=request.user, what="view_visit")
        form = VisitEditForm(initial=VisitEditForm.initial_for(visit))
        return render(request, "visits/edit.html", {**_visit_context(visit), "form": form})
    form = VisitEditForm(request.POST, visit=visit)
    outcome = attempt(form, lambda data: actions.do_amend_visit(
        visit, acting_user=request.user, expected_version=data["version"],
        reason=data["reason"], **form.visit_fields()),
        stale_message=STALE_MESSAGE, field_for=FIELD_FOR_ERROR)
    if outcome:
        return done_with(request, "Visit corrected." if outcome.result else "Nothing was changed.",
                         "visits:detail", visit_id=visit.pk)
    if outcome.stale:
        visit = queries.get_visible_visit(request.user, visit_id)
    return render(request, "visits/edit.html",
                  {**_visit_context(visit), "form": form, "conflict": outcome.stale},
                  status=outcome.status)
