"""Pages of one professional difference (R-PD-1..3): raising one about a child, the difference
with its stages, recording a stage's outcome, escalating, resolving, recording that the
allocated worker was told; and the user's own list.

Views parse, call one action and render. A difference or child the user may not see is 404;
a refusal is 400 with the error summary naming the field (403 when it is not theirs to
change); a stale save is 409 with the form kept and the difference shown as it is now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.models import Agency
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.core.paging import paginate
from hearth.differences import actions, rules
from hearth.differences.forms import EscalateForm, OutcomeForm, RaiseForm, ResolveForm, ToldForm
from hearth.differences.models import Difference
from hearth.differences.queries import differences as queries
from hearth.people.queries.visibility import get_visible_person

T = "differences/"


def _get(request, difference_id) -> Difference:
    return queries.get_visible_difference(request.user, difference_id)


def _may(user, difference: Difference) -> dict[str, bool]:
    """What the page offers this user: the stage's outcome, escalation and resolution to
    whoever may act on it; recording that the worker was told to those who may."""
    stage = difference.current_stage
    manager = queries.manages(user)
    act = difference.is_open and stage is not None and rules.may_act(
        user.pk, raiser_id=difference.raised_by_id, owner_id=stage.owner_id, manager=manager)
    return {
        "outcome": act,
        "escalate": act and stage is not None and rules.escalate_problem(
            number=stage.number, resolved=stage.resolved) is None,
        "resolve": act and stage is not None and stage.resolved is True,
        "told": difference.awaiting_worker and rules.may_record_told(
            user.pk, teller_id=difference.teller_id, worker_id=difference.worker_id,
            manager=manager)}


@requires("differences.raise")
@require_http_methods(["GET", "POST"])
def new(request, person_id):
    user = request.user
    person = get_visible_person(user, person_id)
    form = RaiseForm(request.POST or None, partners=list(Agency.objects.order_by("name")))

    def act(data):
        kind, partner = form.agency()
        return actions.do_raise_difference(
            person, acting_user=user, decision=data["decision"],
            decision_by=data["decision_by"], decision_agency=kind, decision_partner=partner,
            why=data["why"], raised_before=data["raised_before"],
            raised_before_note=data["raised_before_note"])

    return form_page(request, T + "new.html", {"person": person}, form, act,
                     lambda d: done_with(request, "Professional difference raised: stage 1 "
                                                  "has started.", "differences:difference",
                                         difference_id=d.pk),
                     field_for={"decision_partner": "decision_agency"})


@requires("differences.view")
@require_http_methods(["GET"])
def difference(request, difference_id):
    found = _get(request, difference_id)
    actions.record_view(found, user=request.user)
    now = timezone.now()
    stages = [{"stage": s, "guidance": rules.stage_guidance(s.number),
               "overdue": rules.stage_overdue(due_at=s.due_at, resolved=s.resolved,
                                              is_open=found.is_open
                                              and s.pk == found.current_stage_id, now=now)}
              for s in found.stages.all()]
    return render(request, T + "difference.html", {
        "difference": found, "person": found.person, "stages": stages,
        "may": _may(request.user, found)})


def _change(request, difference_id, template: str, form_for: Callable[..., Any],
            act: Callable[[Difference, dict, Any], Any], done: str):
    """A page with one form that changes the difference: GET shows it, POST saves it (a
    stale save shows the difference as it is now, with what was entered kept)."""
    found = _get(request, difference_id)
    form = form_for(found, request.POST if request.method == "POST" else None)
    status, conflict = 200, None
    if request.method == "POST":
        outcome = attempt(form, lambda data: act(found, data, form), stale_message="")
        if outcome:
            return done_with(request, done, "differences:difference", difference_id=found.pk)
        status, conflict = outcome.status, outcome.conflict("professional difference")
        if outcome.stale:
            found = _get(request, difference_id)
    stage = found.current_stage
    return render(request, T + template, {
        "difference": found, "person": found.person, "stage": stage, "form": form,
        "conflict": conflict, "guidance": rules.stage_guidance(stage.number) if stage else ""},
        status=status)


@requires("differences.view")
@require_http_methods(["GET", "POST"])
def outcome(request, difference_id):
    def form_for(found, data):
        stage = found.current_stage
        initial = {"version": found.version}
        if stage is not None and stage.outcome_recorded:
            initial.update(held_on=stage.held_on, who=stage.who, with_whom=stage.with_whom,
                           discussed=stage.discussed, chaired_by=stage.chaired_by,
                           resolved="yes" if stage.resolved else "no")
        return OutcomeForm(data, initial=initial, number=stage.number if stage else 1)

    def act(found, data, form):
        return actions.do_record_stage_outcome(
            found, acting_user=request.user, expected_version=data["version"],
            held_on=data["held_on"], who=data["who"], with_whom=data["with_whom"],
            discussed=data["discussed"], resolved=data["resolved"],
            chaired_by=data.get("chaired_by", ""))

    return _change(request, difference_id, "outcome.html", form_for, act,
                   "The stage's outcome is recorded.")


@requires("differences.view")
@require_http_methods(["GET", "POST"])
def escalate(request, difference_id):
    def form_for(found, data):
        stage = found.current_stage
        return EscalateForm(data, initial={"version": found.version, "owner": request.user.pk},
                            people=queries.candidates(request.user, found),
                            number=(stage.number + 1) if stage else 2)

    def act(found, data, form):
        return actions.do_escalate_difference(
            found, acting_user=request.user, expected_version=data["version"],
            owner=form.people.get(data["owner"]))

    return _change(request, difference_id, "escalate.html", form_for, act,
                   "Escalated: the next stage has started.")


@requires("differences.view")
@require_http_methods(["GET", "POST"])
def resolve(request, difference_id):
    def form_for(found, data):
        return ResolveForm(data, initial={"version": found.version},
                           people=queries.candidates(request.user, found),
                           worker=queries.allocated_worker(found.person))

    def act(found, data, form):
        return actions.do_resolve_difference(
            found, acting_user=request.user, expected_version=data["version"],
            agreed=data["agreed"], teller=form.people.get(data["teller"]))

    return _change(request, difference_id, "resolve.html", form_for, act,
                   "The professional difference is resolved.")


@requires("differences.view")
@require_http_methods(["GET", "POST"])
def told(request, difference_id):
    def form_for(found, data):
        return ToldForm(data, initial={"version": found.version,
                                       "told_on": timezone.localdate()})

    def act(found, data, form):
        return actions.do_record_worker_told(
            found, acting_user=request.user, expected_version=data["version"],
            told_on=data["told_on"])

    return _change(request, difference_id, "told.html", form_for, act,
                   "Recorded: the allocated worker was told what was agreed.")


@requires("differences.view")
@require_http_methods(["GET"])
def mine(request):
    page = paginate(queries.party_to(request.user), request)
    return render(request, T + "mine.html", {"page": page, "now": timezone.now()})
