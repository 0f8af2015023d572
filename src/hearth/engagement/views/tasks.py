"""Follow-up tasks for repeated avoidance (R-RES-3): a worker's own, a manager's team's, and
one task with the form to complete it with its outcome (409 keeping the input when stale)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt
from hearth.engagement import actions, rules
from hearth.engagement.codes import TaskStatus
from hearth.engagement.forms import CompleteForm
from hearth.engagement.queries.tasks import get_visible_task, my_tasks, team_tasks

STALE = ("Someone else changed this task while you were working on it. Check the task below "
         "as it is now: what you entered is kept in the form.")


@requires("engagement.view")
@require_http_methods(["GET"])
def tasks(request):
    user = request.user
    return render(request, "engagement/tasks.html", {
        "mine": my_tasks(user),
        "team": team_tasks(user) if user.is_manager else None,
        "today": timezone.localdate()})


def _page(request, task, form=None, *, status: int = 200):
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
        "visits": list(task.visits.order_by("starts_at", "pk"))}, status=status)


@requires("engagement.view")
@require_http_methods(["GET"])
def task(request, follow_up_task_id):
    found = get_visible_task(request.user, follow_up_task_id)
    actions.record_view(found.person, user=request.user, what="view_follow_up")
    return _page(request, found)


@requires("engagement.record")
@require_http_methods(["POST"])
def complete(request, follow_up_task_id):
    found = get_visible_task(request.user, follow_up_task_id)
    form = CompleteForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_complete_task(
        found, acting_user=request.user, expected_version=data["version"],
        outcome=data["outcome"]), stale_message=STALE)
    if outcome:
        messages.success(request, "Follow-up task completed.")
        return redirect("engagement:task", follow_up_task_id=found.pk)
    if outcome.stale:
        found = get_visible_task(request.user, follow_up_task_id)
    return _page(request, found, form, status=outcome.status)
