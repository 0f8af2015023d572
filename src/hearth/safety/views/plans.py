"""Visit safety plans (R-SAFE-2, R-SAFE-3): plan a visit to a flagged person or address with
the questions of seed 004 §8.1, see the visit action plan agreed in supervision, and, where a
warning asks for a joint visit and nobody goes with the worker, a manager's recorded
agreement. A plan whose person the user may not see is 404; a stale save is 409."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.people.queries.visibility import get_visible_person
from hearth.safety import rules
from hearth.safety.actions import plans as actions
from hearth.safety.codes import PLAN_QUESTIONS
from hearth.safety.forms.plans import AgreeForm, PlanEditForm, PlanForm
from hearth.safety.models import VisitPlan
from hearth.safety.queries import go_ahead
from hearth.safety.queries.family import family_map
from hearth.safety.queries.plans import get_visible_plan, visit_action_plan
from hearth.safety.queries.warnings import (
    current_address,
    found_for,
    visible_warnings,
)

#: Where a rule's field (the action's name) shows on the page.
FIELD_FOR = {"planned_for": "visit_date"}


def _supervision(person):
    family = family_map([person.pk]).get(person.pk, set())
    return visit_action_plan([person.pk, *family])


@requires("safety.checkin")
@require_http_methods(["GET", "POST"])
def plan_new(request, person_id):
    person = get_visible_person(request.user, person_id)
    form = PlanForm(request.POST or None, worker=request.user)
    context = {"person": person, "found": found_for(request.user, [person.pk]),
               "address": current_address(person), "session": _supervision(person)}
    return form_page(
        request, "safety/plan_new.html", context, form,
        lambda data: actions.do_plan_visit(person, acting_user=request.user,
                                           **form.plan_fields()),
        lambda plan: done_with(request, "Visit plan saved.", "safety:visit_plan",
                               plan_id=plan.pk),
        field_for=FIELD_FOR)


def _render(request, plan: VisitPlan, *, status: int = 200, **extra):
    user = request.user
    plan = get_visible_plan(user, plan.pk)
    warnings = list(plan.warnings.select_related("person", "address"))
    agreed = plan.manager_agreed_by_id is not None
    wanted = go_ahead.plan_wants_agreement(plan) and not agreed
    problems = go_ahead.plan_problems(plan)
    context = {
        "plan": plan, "person": plan.person, "warnings": warnings,
        "openable": set(visible_warnings(user).filter(
            pk__in=[w.pk for w in warnings]).values_list("pk", flat=True)),
        "needs_agreement": wanted,
        "ready": not problems, "problems": list(problems.values()),
        "daytime": rules.in_daylight_working_hours(plan.planned_for),
        "answers": [(key, question, (plan.answers or {}).get(key) or {})
                    for key, question in PLAN_QUESTIONS],
        "can_agree": user.has_hearth_permission("safety.sign_off") and wanted,
        "can_edit": plan.worker_id == user.pk,
        "agree_form": AgreeForm(initial={"version": plan.version}),
    }
    context.update(extra)
    return render(request, "safety/plan.html", context, status=status)


@requires("safety.checkin")
@require_http_methods(["GET"])
def plan_detail(request, plan_id):
    plan = get_visible_plan(request.user, plan_id)
    actions.record_plan_view(plan, user=request.user)
    return _render(request, plan)


@requires("safety.checkin")
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id):
    plan = get_visible_plan(request.user, plan_id)
    if request.method == "GET":
        form = PlanEditForm(initial=PlanEditForm.initial_for(plan), worker=request.user)
        return render(request, "safety/plan_edit.html",
                      {"plan": plan, "person": plan.person, "form": form})
    form = PlanEditForm(request.POST, worker=request.user)
    outcome = attempt(form, lambda data: actions.do_update_plan(
        plan, acting_user=request.user, expected_version=data["version"],
        **form.plan_fields()), field_for=FIELD_FOR, stale_message="")
    if outcome:
        return done_with(request, "Visit plan updated.", "safety:visit_plan", plan_id=plan.pk)
    conflict = outcome.conflict("plan", "then save again: what you entered is kept below.")
    if outcome.stale:
        plan = get_visible_plan(request.user, plan_id)
    return render(request, "safety/plan_edit.html",
                  {"plan": plan, "person": plan.person, "form": form, "conflict": conflict},
                  status=outcome.status)


@requires("safety.sign_off")
@require_http_methods(["POST"])
def plan_agree(request, plan_id):
    plan = get_visible_plan(request.user, plan_id)
    form = AgreeForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_agree_plan(
        plan, acting_user=request.user, expected_version=data["version"], note=data["note"]),
        stale_message="")
    if outcome:
        return done_with(request, "Your agreement to the visit is recorded.",
                         "safety:visit_plan", plan_id=plan.pk)
    if outcome.stale:
        return _render(request, plan, status=outcome.status, agree_form=form, can_agree=True,
                       conflict=outcome.conflict("plan", "then agree again: your note is kept."))
    if outcome.refusal is not None:  # the plan's state or the manager: not the note
        return _render(request, plan, status=outcome.status, refusal=outcome.refusal.message)
    return _render(request, plan, status=outcome.status, agree_form=form, can_agree=True)
