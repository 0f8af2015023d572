"""Supervision overviews: a manager's team (R-SUP-3), a worker's own history and actions, a
worker's history for their manager, frequency settings, and a case's supervision (R-SUP-1)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Person
from hearth.supervision import actions, queries
from hearth.supervision.codes import DEFAULT_EVERY_DAYS
from hearth.supervision.forms import ClearFrequencyForm, FrequencyForm
from hearth.supervision.models import SupervisionAction, SupervisionFrequency


@requires("supervision.record")
@require_http_methods(["GET"])
def team(request):
    groups = queries.team_overview(request.user, timezone.localdate())
    return render(request, "supervision/team.html", {
        "groups": groups, "overdue": sum(r["due"].overdue for g in groups for r in g["rows"]),
        "default_days": DEFAULT_EVERY_DAYS})


def _history(request, worker, *, is_self: bool):
    user = request.user
    sessions = queries.sessions_of_worker(user, worker)
    open_actions = list(SupervisionAction.objects.filter(
        owner=worker, done_on__isnull=True,
        session__in=queries.visible_sessions(user)).select_related("session")
        .order_by("due_on", "pk"))
    return render(request, "supervision/history.html", {
        "worker": worker, "is_self": is_self, "sessions": sessions,
        "due": queries.due_for([worker], timezone.localdate())[0]["due"],
        "open_actions": open_actions, "today": timezone.localdate(),
        "can_record": not is_self and user.has_hearth_permission("supervision.record")})


@requires("supervision.view")
@require_http_methods(["GET"])
def mine(request):
    """A worker's own supervision: history (cancelled included), when next due, and the
    actions they own."""
    return _history(request, request.user, is_self=True)


@requires("supervision.record")
@require_http_methods(["GET"])
def worker_history(request, user_id):
    worker = queries.get_supervised_worker(request.user, user_id)
    return _history(request, worker, is_self=False)


def _targets(user) -> list[tuple[str, str]]:
    teams = [(f"team:{t.pk}", f"Everyone in {t.name}")
             for t in queries.managed_teams(user).order_by("name")]
    workers = [(f"worker:{w.pk}", f"{w.display_name}{f' ({w.team.name})' if w.team else ''}")
               for w in queries.supervised_workers(user).select_related("team").order_by(
                   "first_name", "last_name", "username")]
    return teams + workers


def _resolve(user, target: str) -> dict:
    kind, _, pk = target.partition(":")
    if kind == "team":
        found = queries.managed_teams(user).filter(pk=pk).first() if pk.isdigit() else None
        return {"team": found} if found else {}
    if kind == "worker":
        worker = queries.supervised_workers(user).filter(pk=pk).first() if pk.isdigit() else None
        return {"worker": worker} if worker else {}
    return {}


def _frequency_page(request, *, form=None, clear_form=None, status: int = 200):
    user = request.user
    teams = list(queries.managed_teams(user).order_by("name"))
    workers = list(queries.supervised_workers(user).select_related("team"))
    settings = SupervisionFrequency.objects.filter(team__in=teams).select_related("set_by")
    by_team = {s.team_id: s for s in settings}
    overrides = list(SupervisionFrequency.objects.filter(worker__in=workers)
                     .select_related("worker__team", "set_by").order_by("worker__first_name"))
    return render(request, "supervision/frequency.html", {
        "form": form or FrequencyForm(targets=_targets(user)),
        "clear_form": clear_form,
        "team_rows": [{"team": t, "setting": by_team.get(t.pk)} for t in teams],
        "overrides": overrides, "default_days": DEFAULT_EVERY_DAYS}, status=status)


@requires("supervision.record")
@require_http_methods(["GET", "POST"])
def frequency(request):
    """How often each team, or one worker, is supervised (R-SUP-3)."""
    if request.method == "GET":
        return _frequency_page(request)
    form = FrequencyForm(request.POST, targets=_targets(request.user))
    outcome = attempt(form, lambda data: actions.do_set_frequency(
        acting_user=request.user, every_days=data["every_days"],
        **_resolve(request.user, data["target"])))
    if not outcome:
        return _frequency_page(request, form=form, status=outcome.status)
    messages.success(request, f"Supervision every {form.cleaned_data['every_days']} days saved.")
    return redirect("supervision:frequency")


@requires("supervision.record")
@require_http_methods(["POST"])
def frequency_clear(request):
    form = ClearFrequencyForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_clear_frequency(
        acting_user=request.user, **_resolve(request.user, data["target"])),
        field_for={"target": ""})
    if not outcome:
        return _frequency_page(request, clear_form=form, status=outcome.status)
    messages.success(request, "Setting removed.")
    return redirect("supervision:frequency")


@requires("supervision.view")
@require_http_methods(["GET"])
def person_history(request, person_id):
    """The supervision of a case: every session that discussed them, cancelled included."""
    user = request.user
    person = get_visible_or_404(Person.objects.live(), user, person_id, "person")
    sessions = queries.sessions_about(user, person)
    actions.record_person_view(person, user=user)
    workers = (queries.workers_on_case(user, person)
               if user.has_hearth_permission("supervision.record") else [])
    return render(request, "supervision/person.html", {
        "person": person, "sessions": sessions, "workers": workers})
