"""Worker-safety warning pages (R-SAFE-1): raise one on a person or at their address, read it,
sign it off (a manager, never the author), review it, end it; the managers' list of warnings
to sign off and to review. A warning the user may not open is 404; a stale save is 409 with
the user's input kept; bad input is 400 with nothing written."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.people.actions import StaleEdit
from hearth.people.queries import get_visible_person
from hearth.safety import actions, queries, rules
from hearth.safety.forms import EndForm, ReviewForm, SignOffForm, WarningForm, add_error
from hearth.safety.models import WorkerWarning

FORM_ERROR_STATUS = 400
CONFLICT = 409


def _new_page(request, person, form, *, address=None, at_address=False, status=200):
    return render(request, "safety/warning_new.html", {
        "person": person, "form": form, "address": address, "at_address": at_address},
        status=status)


def _raise(request, person, *, at_address: bool):
    address = queries.current_address(person) if at_address else None
    if request.method == "GET":
        return _new_page(request, person, WarningForm(), address=address, at_address=at_address)
    form = WarningForm(request.POST)
    if at_address and address is None:
        form.is_valid()
        form.add_error(None, f"{person.display_name} has no current address: add their "
                             "address first")
    elif form.is_valid():
        target = {"address": address} if at_address else {"person": person}
        try:
            warning = actions.do_add_warning(acting_user=request.user, **target,
                                             **form.warning_fields())
        except actions.WarningRefused as exc:
            add_error(form, exc.field, str(exc))
        else:
            messages.success(request, "Warning raised. The workers and agencies involved with "
                                      "the family have been told, and a manager has been asked "
                                      "to sign it off.")
            return redirect("safety:warning", warning_id=warning.pk)
    return _new_page(request, person, form, address=address, at_address=at_address,
                     status=FORM_ERROR_STATUS)


@requires("safety.warn")
@require_http_methods(["GET", "POST"])
def warning_new(request, person_id):
    """Raise a warning about a person."""
    return _raise(request, get_visible_person(request.user, person_id), at_address=False)


@requires("safety.warn")
@require_http_methods(["GET", "POST"])
def address_warning_new(request, person_id):
    """Raise a warning about the address a person lives at now."""
    return _raise(request, get_visible_person(request.user, person_id), at_address=True)


def _render(request, warning: WorkerWarning, *, status: int = 200, **extra):
    user = request.user
    warning = queries.get_visible_warning(user, warning.pk)
    manager = user.has_hearth_permission("safety.sign_off")
    live = rules.is_live(warning.status)
    context = {
        "warning": warning, "person": warning.person,
        "reviews": list(warning.reviews.select_related("reviewed_by")),
        "review_due": live and warning.review_on <= timezone.localdate(),
        "live": live,
        "can_sign_off": manager and warning.status == "awaiting_sign_off",
        "is_author": warning.recorded_by_id == user.pk,
        "can_review": manager and live, "can_end": manager and live,
    }
    context["sign_off_form"] = SignOffForm(initial={"version": warning.version})
    context["review_form"] = ReviewForm(initial={"version": warning.version})
    context["end_form"] = EndForm(initial={"version": warning.version})
    context.update(extra)
    return render(request, "safety/warning.html", context, status=status)


@requires("people.view")
@require_http_methods(["GET"])
def warning_detail(request, warning_id):
    warning = queries.get_visible_warning(request.user, warning_id)
    actions.record_view(warning, user=request.user)
    return _render(request, warning)


def _conflict(request, warning, exc: StaleEdit, form_name: str, form):
    conflict = {"title": "Someone else changed this warning while you were working on it",
                "message": f"{exc} Check the warning below as it is now, then try again: what "
                           "you entered is kept in the form."}
    form.data = form.data.copy()
    form.data["version"] = str(exc.current_version)
    return _render(request, warning, status=CONFLICT, conflict=conflict, **{form_name: form})


def _change(request, warning_id, form_class, form_name: str, act, done: str):
    warning = queries.get_visible_warning(request.user, warning_id)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render(request, warning, status=FORM_ERROR_STATUS, **{form_name: form})
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        act(warning, acting_user=request.user, expected_version=version, **data)
    except StaleEdit as exc:
        return _conflict(request, warning, exc, form_name, form)
    except actions.WarningRefused as exc:
        add_error(form, exc.field, str(exc))
        return _render(request, warning, status=FORM_ERROR_STATUS, **{form_name: form})
    messages.success(request, done)
    return redirect("safety:warning", warning_id=warning.pk)


@requires("safety.sign_off")
@require_http_methods(["POST"])
def warning_sign_off(request, warning_id):
    return _change(request, warning_id, SignOffForm, "sign_off_form",
                   actions.do_sign_off_warning, "Warning signed off.")


@requires("safety.sign_off")
@require_http_methods(["POST"])
def warning_review(request, warning_id):
    return _change(request, warning_id, ReviewForm, "review_form", actions.do_review_warning,
                   "Review recorded.")


@requires("safety.sign_off")
@require_http_methods(["POST"])
def warning_end(request, warning_id):
    return _change(request, warning_id, EndForm, "end_form", actions.do_end_warning,
                   "Warning ended.")


@requires("safety.sign_off")
@require_http_methods(["GET"])
def warnings_to_review(request):
    """Managers: warnings awaiting sign-off and warnings whose review date has come."""
    awaiting, due = queries.warnings_to_review(request.user)
    return render(request, "safety/warnings_review.html", {
        "awaiting": awaiting, "due": due, "today": timezone.localdate(),
        "worker_safety_banner_off": True})
