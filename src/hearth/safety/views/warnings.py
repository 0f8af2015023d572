"""Worker-safety warning pages (R-SAFE-1): raise one on a person or at their address, read it,
sign it off (a manager, never the author), review it, end it; the managers' list of warnings
to sign off and to review. A warning the user may not open is 404; a stale save is 409 with
the user's input kept; bad input is 400 with nothing written (``core.pages``)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.people.queries.visibility import get_visible_person
from hearth.safety import rules
from hearth.safety.actions import warnings as actions
from hearth.safety.forms.warnings import EndForm, ReviewForm, SignOffForm, WarningForm
from hearth.safety.models import WorkerWarning
from hearth.safety.queries import warnings as queries

RAISED = ("Warning raised. The workers and agencies involved with the family have been told, "
          "and a manager has been asked to sign it off.")


def _raise(request, person, *, at_address: bool):
    address = queries.current_address(person) if at_address else None
    form = WarningForm(request.POST or None)
    template = "safety/warning_new.html"
    context = {"person": person, "address": address, "at_address": at_address}
    if request.method == "POST" and at_address and address is None:
        form.is_valid()
        form.add_error(None, f"{person.display_name} has no current address: add their "
                             "address first")
        return render(request, template, {**context, "form": form}, status=400)
    target = {"address": address} if at_address else {"person": person}
    return form_page(
        request, template, context, form,
        lambda data: actions.do_add_warning(acting_user=request.user, **target,
                                            **form.warning_fields()),
        lambda warning: done_with(request, RAISED, "safety:warning", warning_id=warning.pk))


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


def _change(request, warning_id, form_class, form_name: str, act, done: str):
    warning = queries.get_visible_warning(request.user, warning_id)
    form = form_class(request.POST)

    def run(data: dict):
        data = dict(data)
        version = data.pop("version")
        return act(warning, acting_user=request.user, expected_version=version, **data)

    outcome = attempt(form, run, stale_message="")
    if outcome:
        return done_with(request, done, "safety:warning", warning_id=warning.pk)
    return _render(request, warning, status=outcome.status, **{form_name: form},
                   conflict=outcome.conflict("warning", "then try again: what you entered is "
                                                        "kept in the form."))


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
