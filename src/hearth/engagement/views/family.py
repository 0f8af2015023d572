"""The family's engagement over the last twelve months, per month and per agency, so that
hostility towards some agencies and not others is visible (seed 004 §4)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.visibility import get_visible_or_404
from hearth.engagement import actions
from hearth.engagement.queries import family as report
from hearth.people.models import Person


@requires("engagement.view")
@require_http_methods(["GET"])
def family(request, person_id):
    person = get_visible_or_404(Person.objects.live(), request.user, person_id, "person")
    built = report.build(request.user, person, timezone.localdate())
    actions.record_view(person, user=request.user, what="view_engagement")
    return render(request, "engagement/family.html", {
        "person": person, "report": built,
        "can_record": request.user.has_hearth_permission("engagement.record")})
