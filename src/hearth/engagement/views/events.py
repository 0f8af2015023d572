"""Engagement events: recording one a step from the person or the visit (R-RES-1, R-RES-2),
and one event with the alerts given about it. A person the user may not see is 404, and so
is anything of theirs."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.permissions import requires
from hearth.chronology.codes import OWN_SERVICE
from hearth.core.pages import attempt
from hearth.core.visibility import get_visible_or_404
from hearth.engagement import actions
from hearth.engagement.chronology import BEHAVIOUR_LABELS, who
from hearth.engagement.codes import (
    KIND_FOR_VISIT_OUTCOME,
    QUESTION_TEXT,
    CancelledBy,
    EventKind,
    TellMethod,
)
from hearth.engagement.forms import FIELD_FOR_ERROR, EventForm
from hearth.engagement.queries.events import get_visible_event
from hearth.engagement.queries.family import family_members
from hearth.people.models import Person
from hearth.visits.models import Visit

METHOD_LABELS = dict(TellMethod.choices)


def _visit(request, person):
    """The visit the event is recorded from (``?visit=`` or the form), which must be this
    person's: anything else is 404."""
    raw = request.POST.get("visit") if request.method == "POST" else request.GET.get("visit")
    if not raw:
        return None
    try:
        return Visit.objects.get(pk=int(raw), child=person)
    except (Visit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such visit.") from exc


def _initial(request, visit) -> dict:
    now = timezone.localtime(timezone.now(), calendar.LONDON)
    initial = {"agency": OWN_SERVICE, "event_date": now.strftime("%d/%m/%Y"),
               "event_time": now.strftime("%H:%M")}
    if visit is not None:
        starts = timezone.localtime(visit.starts_at, calendar.LONDON)
        initial.update(event_date=starts.strftime("%d/%m/%Y"),
                       event_time=starts.strftime("%H:%M"), visit=visit.pk)
        kind = KIND_FOR_VISIT_OUTCOME.get(visit.outcome)
        if kind:
            initial["kind"] = kind
        if visit.outcome == "cancelled_by_family":
            initial["cancelled_by"] = CancelledBy.FAMILY
    if request.GET.get("kind") in EventKind.values:
        initial["kind"] = request.GET["kind"]
    return initial


def _page(request, person, form, visit, *, status: int = 200):
    return render(request, "engagement/new.html",
                  {"person": person, "form": form, "visit": visit}, status=status)


@requires("engagement.record")
@require_http_methods(["GET", "POST"])
def new(request, person_id):
    person = get_visible_or_404(Person.objects.live(), request.user, person_id, "person")
    children, adults = family_members(request.user, person)
    family = list({p.pk: p for p in [*adults, *children]}.values())
    visit = _visit(request, person)
    if request.method == "GET":
        form = EventForm(initial=_initial(request, visit), family=family)
        return _page(request, person, form, visit)
    form = EventForm(request.POST, family=family)
    outcome = attempt(form, lambda _: actions.do_record_event(
        person, acting_user=request.user, visit=visit, **form.event_fields()),
        field_for=FIELD_FOR_ERROR)
    if not outcome:
        return _page(request, person, form, visit, status=outcome.status)
    done = outcome.result
    messages.success(request, f"{done.event.get_kind_display()} recorded.")
    if done.task is not None:
        worker = done.task.assigned_to
        messages.info(request, "This is repeated avoidance: a follow-up task is due by "
                      f"{done.task.due_on:%-d %B %Y} for "
                      f"{worker.display_name if worker else 'the allocated worker'}, "
                      "and their manager has been told.")
    if done.escalation:
        messages.warning(request, f"{done.escalation} Tell the other practitioners "
                         "involved with the family.")
        return redirect("engagement:alert", engagement_event_id=done.event.pk)
    return redirect("engagement:event", engagement_event_id=done.event.pk)


@requires("engagement.view")
@require_http_methods(["GET"])
def event(request, engagement_event_id):
    found = get_visible_event(request.user, engagement_event_id)
    actions.record_view(found.person, user=request.user, what="view_engagement_event")
    alerts = [{"alert": a, "answers": [(QUESTION_TEXT.get(k, k), v)
                                       for k, v in a.answers.items()],
               "recipients": [{"name": r.name, "agency": r.agency,
                               "method": METHOD_LABELS.get(r.method, r.method)}
                              for r in a.recipients.all()]}
              for a in found.alerts.select_related("recorded_by")
              .prefetch_related("recipients").order_by("recorded_at", "pk")]
    return render(request, "engagement/event.html", {
        "event": found, "person": found.person, "who": who(found), "alerts": alerts,
        "behaviours": [BEHAVIOUR_LABELS.get(b, b) for b in found.behaviours],
        "tasks": list(found.follow_up_tasks.all()),
        "can_alert": (found.kind == EventKind.HOSTILITY
                      and request.user.has_hearth_permission("engagement.record"))})
