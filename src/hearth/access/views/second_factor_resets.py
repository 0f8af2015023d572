"""An administrator asks to reset someone's second factor; a second administrator approves or
refuses it (issue 13; the same two steps as a role change, ``views.users.role_change``)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods

from hearth.access.actions import second_factor_resets as actions
from hearth.access.forms import SecondFactorResetDecisionForm, SecondFactorResetForm
from hearth.access.models import SecondFactorReset, User
from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page


@requires("admin.users")
@require_http_methods(["GET", "POST"])
def ask_reset(request, user_id):
    target = get_object_or_404(User, pk=user_id)
    return form_page(
        request, "admin/form.html",
        {"title": f"Reset {target.username}'s second factor",
         "intro": f"{target.username}'s authenticator apps, passkeys and recovery codes will "
                  "be deleted and they will be signed out everywhere, once another "
                  "administrator approves. They set up a new second factor when they next "
                  "sign in.",
         "button": "Ask for the reset"},
        SecondFactorResetForm(request.POST or None),
        lambda data: actions.do_ask_reset(target, acting_user=request.user,
                                          reason=data["reason"]),
        lambda reset: done_with(
            request, f"The reset of {target.username}'s second factor waits for a second "
            "administrator's approval.", "web:users"))


@requires("admin.users")
@require_http_methods(["GET", "POST"])
def reset(request, second_factor_reset_id):
    """A second administrator approves or refuses the reset."""
    asked = get_object_or_404(SecondFactorReset.objects.select_related(
        "user", "requested_by", "decided_by"), pk=second_factor_reset_id)
    return form_page(
        request, "admin/second_factor_reset.html", {"reset": asked},
        SecondFactorResetDecisionForm(request.POST or None),
        lambda data: actions.do_decide_reset(asked, acting_user=request.user,
                                             approve=data["decision"] == "approve"),
        lambda decided: done_with(
            request, f"{decided.user.username}'s second factor was reset: they set up a new "
            "one when they next sign in." if decided.approved else
            f"The reset of {decided.user.username}'s second factor was refused.", "web:users"))
