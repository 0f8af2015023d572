"""Visit safety plans (R-SAFE-2, R-SAFE-3): plan a visit to a flagged person or address with
the questions of seed 004 §8.1, see the visit action plan agreed in supervision, and, where a
warning asks for a joint visit and nobody goes with the worker, a manager's recorded
agreement. A plan whose person the user may not see is 404; a stale save is 409."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.people.actions import StaleEdit
from hearth.people.queries import get_visible_person
from hearth.safety import actions, go_ahead, queries, rules
from hearth.safety.codes import PLAN_QUESTIONS
from hearth.safety.forms import AgreeForm, PlanEditForm, PlanForm, add_error
from hearth.safety.models import VisitPlan

FORM_ERROR_STATUS = 400
CONFLICT = 409
#: Where a rule's field (the action's name) shows on the page.
FIELD_FOR_ERROR = {"planned_for": "visit_date"}


def _supervision(user, person):
    from hearth.supervision.queries import latest_visit_action_plan

    family = queries.family_map([person.pk]).get(person.pk, set())
    return latest_visit_action_plan([person.pk, *family])


def _new_page(request, person, form, *, status: int = 200):
    found = queries.found_for(request.user, [person.pk])
    return render(request, "safety/plan_new.html", {
        "person": person, "form": form, "found": found,
        "address": queries.current_address(person),
        "session": _supervision(request.user, person)}, status=status)


def _refused(form, exc: actions.WarningRefused) -> None:
    add_error(form, FIELD_FOR_ERROR.get(exc.field or "", exc.field), str(exc))


@requires("safety.checkin")
@require_http_methods(["GET", "POST"])
def plan_new(request, person_id):
    person = get_visible_person(request.user, person_id)
    if request.method == "GET":
        return _new_page(request, person, PlanForm(worker=request.user))
    form = PlanForm(request.POST, worker=request.user)
    if form.is_valid():
        try:
            plan = actions.do_plan_visit(person, acting_user=request.user, **form.plan_fields())
        except actions.WarningRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "Visit plan saved.")
            return redirect("safety:visit_plan", plan_id=plan.pk)
    return _new_page(request, person, form, status=FORM_ERROR_STATUS)


def _render(request, plan: VisitPlan, *, status: int = 200, **extra):
    user = request.user
    plan = queries.get_visible_plan(user, plan.pk)
    warnings = list(plan.warnings.select_related("person", "address"))
    agreed = plan.manager_agreed_by_id is not None
    wanted = go_ahead.plan_wants_agreement(plan) and not agreed
    problems = go_ahead.plan_problems(plan)
    context = {
        "plan": plan, "person": plan.person, "warnings": warnings,
        "openable": set(queries.visible_warnings(user).filter(
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
    plan = queries.get_visible_plan(request.user, plan_id)
    actions.record_plan_view(plan, user=request.user)
    return _render(request, plan)


@requires("safety.checkin")
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id):
    plan = queries.get_visible_plan(request.user, plan_id)
    context = {"plan": plan, "person": plan.person}
    if request.method == "GET":
        form = PlanEditForm(initial=PlanEditForm.initial_for(plan), worker=request.user)
        return render(request, "safety/plan_edit.html", {**context, "form": form})
    form = PlanEditForm(request.POST, worker=request.user)
    status, conflict = FORM_ERROR_STATUS, None
    if form.is_valid():
        try:
            actions.do_update_plan(plan, acting_user=request.user,
                                   expected_version=form.cleaned_data["version"],
                                   **form.plan_fields())
        except StaleEdit as exc:
            status = CONFLICT
            conflict = {"title": "Someone else changed this plan while you were working on it",
                        "message": f"{exc} What you entered is kept below: check it and save "
                                   "again."}
            form.data = form.data.copy()
            form.data["version"] = str(exc.current_version)
            plan = queries.get_visible_plan(request.user, plan_id)
        except actions.WarningRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, "Visit plan updated.")
            return redirect("safety:visit_plan", plan_id=plan.pk)
    return render(request, "safety/plan_edit.html",
                  {**context, "plan": plan, "form": form, "conflict": conflict}, status=status)


@requires("safety.sign_off")
@require_http_methods(["POST"])
def plan_agree(request, plan_id):
    plan = queries.get_visible_plan(request.user, plan_id)
    form = AgreeForm(request.POST)
    if not form.is_valid():
        return _render(request, plan, status=FORM_ERROR_STATUS, agree_form=form,
                       can_agree=True)
    try:
        actions.do_agree_plan(plan, acting_user=request.user,
                              expected_version=form.cleaned_data["version"],
                              note=form.cleaned_data["note"])
    except StaleEdit as exc:
        form.data = form.data.copy()
        form.data["version"] = str(exc.current_version)
        conflict = {"title": "Someone else changed this plan while you were reading it",
                    "message": f"{exc} Check the plan below as it is now, then agree again: "
                               "your note is kept."}
        return _render(request, plan, status=CONFLICT, agree_form=form, conflict=conflict,
                       can_agree=True)
    except actions.WarningRefused as exc:
        return _render(request, plan, status=FORM_ERROR_STATUS, refusal=str(exc))
    messages.success(request, "Your agreement to the visit is recorded.")
    return redirect("safety:visit_plan", plan_id=plan.pk)
