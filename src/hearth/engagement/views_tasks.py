"""Follow-up tasks for repeated avoidance (R-RES-3): a worker's own, a manager's team's, and
one task with the form to complete it with its outcome (409 keeping the input when stale)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.engagement import actions, queries, rules
from hearth.engagement.codes import TaskStatus
from hearth.engagement.forms import CompleteForm, add_error

FORM_ERROR_STATUS = 400
CONFLICT = 409


@requires("engagement.view")
@require_http_methods(["GET"])
def tasks(request):
    user = request.user
    return render(request, "engagement/tasks.html", {
        "mine": queries.my_tasks(user),
        "team": queries.team_tasks(user) if user.is_manager else None,
        "today": timezone.localdate()})


def _page(request, task, form=None, *, status: int = 200, conflict: str = ""):
    user = request.user
    can_complete = (task.status == TaskStatus.OPEN
                    and user.has_hearth_permission("engagement.record")
                    and rules.may_complete(task.assigned_to_id, user.pk, user.is_manager))
    if can_complete and form is None:
        form = CompleteForm(initial={"version": task.version})
    refusals = [] if can_complete or form is None else form.non_field_errors()
    return render(request, "engagement/task.html", {
        "task": task, "person": task.person, "form": form if can_complete else None,
        "refusals": refusals,
        "events": list(task.events.select_related("person").order_by("occurred_at", "pk")),
        "visits": list(task.visits.order_by("starts_at", "pk")),
        "conflict": conflict}, status=status)


@requires("engagement.view")
@require_http_methods(["GET"])
def task(request, follow_up_task_id):
    found = queries.get_visible_task(request.user, follow_up_task_id)
    actions.record_view(found.person, user=request.user, what="view_follow_up")
    return _page(request, found)


@requires("engagement.record")
@require_http_methods(["POST"])
def complete(request, follow_up_task_id):
    found = queries.get_visible_task(request.user, follow_up_task_id)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        return _page(request, found, form, status=FORM_ERROR_STATUS)
    try:
        actions.do_complete_task(found, acting_user=request.user,
                                 expected_version=form.cleaned_data["version"],
                                 outcome=form.cleaned_data["outcome"])
    except actions.StaleEdit as exc:
        found = queries.get_visible_task(request.user, follow_up_task_id)
        form.data = form.data.copy()
        form.data["version"] = str(exc.current_version)
        return _page(request, found, form, status=CONFLICT,
                     conflict=f"{exc} Check the task below as it is now: what you entered "
                              "is kept in the form.")
    except actions.EngagementRefused as exc:
        add_error(form, exc.field, str(exc))
        return _page(request, found, form, status=FORM_ERROR_STATUS)
    messages.success(request, "Follow-up task completed.")
    return redirect("engagement:task", follow_up_task_id=found.pk)
