"""The on-call senior manager rota page (R-SAFE-4, R-EDT-2): who is told when an overdue
check-in escalates."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.models import User
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Refused
from hearth.safety.actions.oncall import do_add_on_call
from hearth.safety.forms.oncall import FIELD_FOR, OnCallForm
from hearth.safety.models import OnCall


def _add(acting_user, data: dict) -> User:
    manager = User.objects.filter(pk=data["user"]).first()
    if manager is None:
        raise Refused("Select the manager on call", "user")
    do_add_on_call(acting_user=acting_user, user=manager, starts_at=data["starts_at"],
                   ends_at=data["ends_at"])
    return manager


@requires("safety.monitor")
@require_http_methods(["GET", "POST"])
def on_call(request):
    """The on-call senior manager rota: who is told when an overdue check-in escalates."""
    form = OnCallForm(request.POST or None)
    status = 200
    if request.method == "POST":
        outcome = attempt(form, lambda data: _add(request.user, data), field_for=FIELD_FOR)
        if outcome:
            return done_with(request, f"{outcome.result.display_name} is on the on-call rota.",
                             "safety:on_call")
        status = outcome.status
    now = timezone.now()
    rota = (OnCall.objects.filter(ends_at__gt=now).select_related("user")
            .order_by("starts_at", "pk"))
    return render(request, "safety/checkin_on_call.html", {
        "form": form, "now": now, "rota": [{"row": r, "now": r.starts_at <= now} for r in rota]},
        status=status)
