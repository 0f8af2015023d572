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
from hearth.casework.queries import family_children, family_size, live_involvement
from hearth.core.forms import add_problems
from hearth.core.pages import all_valid, attempt, done_with, form_page, form_problems
from hearth.core.refusals import Refused
from hearth.drafts.views import keeps_draft, restored
from hearth.visits import actions, queries, rules
from hearth.visits.codes import TimingBand
from hearth.visits.forms import (
    FIELD_FOR_ERROR,
    ChildPartForm,
    FamilyVisitForm,
    VisitEditForm,
    VisitForm,
)
from hearth.visits.models import Visit

STALE_MESSAGE = "Someone else changed this visit while you were working on it: nothing was saved"
BAND_LABELS = dict(TimingBand.choices)


@requires("visits.view")
@require_http_methods(["GET"])
def visit_list(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    actions.record_view(child, user=request.user)
    now = timezone.now()
    visits = list(queries.visits_of(request.user, child))
    together = queries.recorded_with_each(request.user, visits)
    rows = [{"visit": v, "band": BAND_LABELS[rules.timing_band(v.starts_at)],
             "together": together.get(v.pk, [])} for v in visits]
    can_record = request.user.has_hearth_permission("visits.record")
    return render(request, "visits/list.html", {
        "child": child, "rows": rows,
        "vary_timing": rules.needs_varied_timing(queries.recent_visit_times(child, now)),
        "can_record": can_record,
        "has_family": can_record and family_size(request.user, child) > 1})


@requires("visits.record")
@require_http_methods(["GET", "POST"])
@keeps_draft
def new(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    form = restored(request, VisitForm(request.POST if request.method == "POST" else None,
                                       worker=request.user,
                                       initial={"purpose": queries.likely_purpose(child)}))
    return form_page(
        request, "visits/new.html", {"child": child}, form,
        lambda data: actions.do_record_visit(
            child, acting_user=request.user, involvement=live_involvement(child),
            joint_worker=form.joint_worker_user(), **form.visit_fields()),
        lambda _visit: done_with(request, "Visit recorded.", "visits:list", person_id=child.pk),
        field_for=FIELD_FOR_ERROR)


def _record_family_visit(request, child, shared: FamilyVisitForm,
                         parts: list[ChildPartForm]) -> tuple[list[Visit] | None, int]:
    """Validate the page's forms and record the visit for the children chosen: the visits
    written and 200, or None and the status to show the forms again with."""
    if not all_valid([shared, *parts]):
        return None, 400
    chosen = [p for p in parts if p.cleaned_data["included"]]
    try:
        return actions.do_record_family_visit(
            child, [p.part() for p in chosen], acting_user=request.user,
            joint_worker=shared.joint_worker_user(), **shared.visit_fields()), 200
    except Refused as refusal:
        for field, message in refusal.problems.items():
            where, _, index_field = field.partition(".")
            if where == "children" and index_field:
                index, _, own = index_field.partition(".")
                chosen[int(index)].add_error(own, message)
            elif where == "children":
                parts[0].add_error("included", message)
            else:
                add_problems(shared, {field: message}, FIELD_FOR_ERROR)
        return None, refusal.page_status


@requires("visits.record")
@require_http_methods(["GET", "POST"])
@keeps_draft
def family_new(request, person_id):
    """Record one visit to several children of the family (issue 15): the shared part once,
    each child's own part for each; every child chosen gets a visit of their own."""
    child = queries.get_visible_child(request.user, person_id)
    family = family_children(request.user, child)
    data = request.POST if request.method == "POST" else None
    shared = restored(request, FamilyVisitForm(data, worker=request.user))
    parts = [restored(request, ChildPartForm(data, child=c,
                                             initial={"included": c.pk == child.pk}))
             for c in family]
    status = 200
    if request.method == "POST":
        visits, status = _record_family_visit(request, child, shared, parts)
        if visits:
            names = [v.child.given_name or v.child.display_name for v in visits]
            return done_with(request, f"Visit recorded for {_and(names)}.", "visits:list",
                             person_id=child.pk)
    return render(request, "visits/family_new.html", {
        "child": child, "family": family, "form": shared, "parts": parts,
        "problems": form_problems(shared, *parts) if status != 200 else []}, status=status)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _corrected(visit: Visit, amendments: list) -> str:
    others = sorted({a.visit.child.given_name or a.visit.child.display_name
                     for a in amendments if a.visit_id != visit.pk})
    if not amendments:
        return "Nothing was changed."
    return f"Visit corrected, and the visits to {_and(others)}." if others else "Visit corrected."


def _visit_context(visit: Visit) -> dict:
    return {"visit": visit, "child": visit.child,
            "band": BAND_LABELS[rules.timing_band(visit.starts_at)]}


@requires("visits.view")
@require_http_methods(["GET"])
def detail(request, visit_id):
    visit = queries.get_visible_visit(request.user, visit_id)
    actions.record_view(visit.child, user=request.user, what="view_visit")
    return render(request, "visits/detail.html", {
        **_visit_context(visit), "can_edit": queries.may_correct(request.user, visit),
        "together": queries.recorded_with(request.user, visit)})


@requires("visits.record")
@require_http_methods(["GET", "POST"])
def edit(request, visit_id):
    """Correct a visit (R-REC-4): every change is an amendment with a reason, shown on the
    visit; only its recorder or their team manager (403 for anyone else who can see it)."""
    visit = queries.get_visible_visit(request.user, visit_id)
    if not queries.may_correct(request.user, visit):
        raise PermissionDenied(rules.NOT_YOURS)
    together = [o for o in queries.recorded_with(request.user, visit)
                if queries.may_correct(request.user, o)]
    if request.method == "GET":
        actions.record_view(visit.child, user=request.user, what="view_visit")
        form = VisitEditForm(initial=VisitEditForm.initial_for(visit), together=together)
        return render(request, "visits/edit.html", {**_visit_context(visit), "form": form})
    form = VisitEditForm(request.POST, visit=visit, together=together)
    outcome = attempt(form, lambda data: actions.do_amend_family_visit(
        visit, acting_user=request.user, expected_version=data["version"],
        reason=data["reason"], to_all=bool(data.get("to_all")), **form.visit_fields()),
        stale_message=STALE_MESSAGE, field_for=FIELD_FOR_ERROR)
    if outcome:
        return done_with(request, _corrected(visit, outcome.result), "visits:detail",
                         visit_id=visit.pk)
    if outcome.stale:
        visit = queries.get_visible_visit(request.user, visit_id)
    return render(request, "visits/edit.html",
                  {**_visit_context(visit), "form": form, "conflict": outcome.stale},
                  status=outcome.status)
