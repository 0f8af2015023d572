"""Alerting the other practitioners about hostility (R-RES-4): the questions of seed 004 §4.2,
the practitioners and agencies involved with the family, and who was told."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt
from hearth.engagement import actions, rules
from hearth.engagement.chronology import BEHAVIOUR_LABELS, who
from hearth.engagement.codes import EventKind
from hearth.engagement.forms import FIELD_FOR_ERROR, AlertForm
from hearth.engagement.queries.alerts import agencies_involved, practitioners_involved
from hearth.engagement.queries.events import get_visible_event, previous_hostility


def _page(request, event, form, *, status: int = 200):
    reason = rules.escalation_reason(
        event.form, event.occurred_at, previous_hostility(event.person, exclude=event),
        days=rules.configured(settings).hostility_days)
    return render(request, "engagement/alert.html", {
        "event": event, "person": event.person, "form": form, "who": who(event),
        "escalation": reason,
        "behaviours": [BEHAVIOUR_LABELS.get(b, b) for b in event.behaviours]}, status=status)


@requires("engagement.record")
@require_http_methods(["GET", "POST"])
def alert(request, engagement_event_id):
    event = get_visible_event(request.user, engagement_event_id)
    if event.kind != EventKind.HOSTILITY:
        raise Http404("Only hostility is shared this way.")
    options = {"practitioners": practitioners_involved(event.person, exclude=request.user),
               "agencies": agencies_involved(event.person)}
    if request.method == "GET":
        return _page(request, event, AlertForm(**options))
    form = AlertForm(request.POST, **options)
    outcome = attempt(form, lambda data: actions.do_record_alert(
        event, acting_user=request.user, answers=data["answers"], users=data["told_users"],
        others=data["others"], not_shared_reason=data.get("not_shared_reason", "")),
        field_for=FIELD_FOR_ERROR)
    if not outcome:
        return _page(request, event, form, status=outcome.status)
    told = outcome.result.recipients.count()
    messages.success(request, f"Recorded who was told: {told} "
                     f"{'person' if told == 1 else 'people'}." if told else
                     "Recorded that the information was not shared, and why.")
    return redirect("engagement:event", engagement_event_id=event.pk)
