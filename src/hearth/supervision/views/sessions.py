"""Supervision session pages: recording or planning one for a worker, a session with its
edit, cancel and action forms (R-SUP-1, R-SUP-2, R-SAFE-3). Views parse, call one action and
render; a session the user may not see is 404; a stale save is 409 with the user's input
kept."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt
from hearth.core.refusals import Refused
from hearth.people.models import Person
from hearth.supervision import actions, queries
from hearth.supervision.codes import SELF_CHECK_QUESTIONS, SessionStatus
from hearth.supervision.forms import ActionForm, CancelForm, SessionEditForm, SessionForm
from hearth.supervision.models import SupervisionSession

STALE = ("Someone else changed this supervision while you were working on it. Check the "
         "supervision as it is now, then make your change again: what you entered is kept in "
         "the form.")


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _form_kwargs(candidates: list[Person], previous_status: str | None = None) -> dict:
    by_id = {str(p.pk): p.pk for p in candidates}
    flagged = queries.safety_reasons(list(by_id.values()))
    return {"candidates": candidates, "flagged": flagged, "today": timezone.localdate(),
            "previous_status": previous_status,
            "needs_safety": lambda ids: queries.needs_safety_items([by_id[i] for i in ids])}


def _chosen(candidates: list[Person], ids: list[str]) -> list[Person]:
    by_id = {str(p.pk): p for p in candidates}
    return [by_id[i] for i in ids if i in by_id]


@requires("supervision.record")
@require_http_methods(["GET", "POST"])
def new(request):
    """Record or plan a supervision for ``?worker=<id>``; without one, choose the worker."""
    user = request.user
    if not request.GET.get("worker"):
        workers = queries.supervised_workers(user).select_related("team").order_by(
            "team__name", "first_name", "last_name", "username")
        return render(request, "supervision/choose_worker.html", {"workers": workers})
    worker = queries.get_supervised_worker(user, request.GET["worker"])
    about = _uuid(request.GET.get("person"))
    candidates = queries.candidate_cases(user, worker, include=[about] if about else [])
    kwargs = _form_kwargs(candidates)
    context = {"worker": worker, "action_url": request.get_full_path()}
    if request.method == "GET":
        initial = {"status": SessionStatus.HELD.value, "session_date": timezone.localdate(),
                   "attendees": f"{worker.display_name}, {user.display_name}",
                   "cases": [str(about)] if about and any(p.pk == about for p in candidates)
                   else []}
        return render(request, "supervision/new.html",
                      {**context, "form": SessionForm(initial=initial, **kwargs)})
    form = SessionForm(request.POST, **kwargs)
    outcome = attempt(form, lambda _: actions.do_record_session(
        acting_user=user, worker=worker, **_values(form, candidates)))
    if not outcome:
        return render(request, "supervision/new.html", {**context, "form": form},
                      status=outcome.status)
    messages.success(request, "Supervision recorded." if outcome.result.status ==
                     SessionStatus.HELD else "Supervision planned.")
    return redirect("supervision:session", session_id=outcome.result.pk)


def _values(form, candidates: list[Person]) -> dict:
    values = form.session_values()
    values["cases"] = _chosen(candidates, values["cases"])
    return values


def _self_check_rows(session: SupervisionSession) -> list[dict]:
    answers = session.self_check or {}
    return [{"question": question, "answer": (answers.get(key) or {}).get("answer", ""),
             "note": (answers.get(key) or {}).get("note", "")}
            for key, question in SELF_CHECK_QUESTIONS if key in answers]


def _render(request, session: SupervisionSession, *, status: int = 200, **extra):
    user = request.user
    session = queries.get_visible_session(user, session.pk)
    cases = queries.visible_cases(user, session)
    can_manage = queries.may_manage(user, session)
    reasons = queries.safety_reasons([p.pk for p in cases])
    action_rows = [{"action": a, "can_complete": a.done_on is None and (
        a.owner_id == user.pk or can_manage)} for a in queries.actions_of(session)]
    visible = set(Person.objects.visible_to(user).values_list("pk", flat=True).filter(
        visit_plans__supervision_session=session))
    plans = [p for p in session.visit_plans.select_related("person", "worker")
             .order_by("planned_for", "pk") if p.person_id in visible]
    context = {
        "session": session, "cases": cases,
        "hidden_cases": session.cases.count() - len(cases),
        "flagged_cases": [(p, reasons[p.pk]) for p in cases if p.pk in reasons],
        "self_check": _self_check_rows(session), "action_rows": action_rows,
        "visit_plans": plans, "can_manage": can_manage,
        "is_planned": session.status == SessionStatus.PLANNED,
        "is_cancelled": session.status == SessionStatus.CANCELLED}
    if can_manage and context["is_planned"]:
        context["cancel_form"] = CancelForm(initial={"version": session.version})
    if can_manage and not context["is_cancelled"]:
        context["action_form"] = ActionForm(owners=queries.possible_owners(session),
                                            initial={"owner": str(session.worker_id)})
    context.update(extra)
    return render(request, "supervision/session.html", context, status=status)


@requires("supervision.view")
@require_http_methods(["GET"])
def session_page(request, session_id):
    session = queries.get_visible_session(request.user, session_id)
    actions.record_view(session, user=request.user)
    return _render(request, session)


def _managed_session(user, session_id) -> SupervisionSession:
    session = queries.get_visible_session(user, session_id)
    if not queries.may_manage(user, session):
        raise PermissionDenied("Only the supervisor or the worker's manager can change this "
                               "supervision.")
    return session


@requires("supervision.record")
@require_http_methods(["GET", "POST"])
def edit(request, session_id):
    user = request.user
    session = _managed_session(user, session_id)
    if session.status == SessionStatus.CANCELLED:
        messages.error(request, "This supervision was cancelled: it cannot be changed.")
        return redirect("supervision:session", session_id=session.pk)
    existing = list(session.cases.values_list("pk", flat=True))
    candidates = queries.candidate_cases(user, session.worker, include=existing)
    kwargs = _form_kwargs(candidates, previous_status=session.status)
    cases = queries.visible_cases(user, session)
    context = {"session": session, "worker": session.worker, "cases": cases,
               "hidden_cases": len(existing) - len(cases)}
    if request.method == "GET":
        actions.record_view(session, user=user)
        form = SessionEditForm(initial=SessionEditForm.initial_for(session, existing), **kwargs)
        return render(request, "supervision/edit.html", {**context, "form": form})
    form = SessionEditForm(request.POST, **kwargs)
    outcome = attempt(form, lambda data: actions.do_update_session(
        session, acting_user=user, expected_version=data["version"],
        **_values(form, candidates)), stale_message=STALE)
    if outcome:
        changed = outcome.result.version != form.cleaned_data["version"]
        messages.success(request, "Supervision saved." if changed else "Nothing was changed.")
        return redirect("supervision:session", session_id=session.pk)
    if outcome.stale:
        context["session"] = queries.get_visible_session(user, session_id)
    return render(request, "supervision/edit.html", {**context, "form": form},
                  status=outcome.status)


@requires("supervision.record")
@require_http_methods(["POST"])
def cancel(request, session_id):
    session = _managed_session(request.user, session_id)
    form = CancelForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_cancel_session(
        session, acting_user=request.user, expected_version=data["version"],
        reason=data["reason"]), stale_message=STALE)
    if not outcome:
        return _render(request, session, status=outcome.status, cancel_form=form)
    messages.success(request, "Supervision cancelled. It stays in the worker's history.")
    return redirect("supervision:session", session_id=session.pk)


@requires("supervision.record")
@require_http_methods(["POST"])
def add_action(request, session_id):
    session = _managed_session(request.user, session_id)
    owners = queries.possible_owners(session)
    form = ActionForm(request.POST, owners=owners)
    outcome = attempt(form, lambda data: actions.do_add_action(
        session, acting_user=request.user,
        owner=next((u for u in owners if str(u.pk) == data["owner"]), None),
        what=data["what"], due_on=data["due_on"]))
    if not outcome:
        return _render(request, session, status=outcome.status, action_form=form)
    messages.success(request, "Action added.")
    return redirect("supervision:session", session_id=session.pk)


@requires("supervision.view")
@require_http_methods(["POST"])
def complete_action(request, supervision_action_id):
    user = request.user
    action = queries.get_visible_action(user, supervision_action_id)
    if action.owner_id != user.pk and not queries.may_manage(user, action.session):
        raise PermissionDenied("Only the person who owns this action, or the supervisor, can "
                               "mark it done.")
    try:
        actions.do_complete_action(action, acting_user=user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Action marked done.")
    if request.POST.get("back") == "mine":
        return redirect("supervision:mine")
    return redirect("supervision:session", session_id=action.session_id)
