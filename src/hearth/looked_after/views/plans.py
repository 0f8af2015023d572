"""Recording the care plan and the placement plan (R-CLA-2)."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.looked_after.actions import plans as actions
from hearth.looked_after.forms.plans import CarePlanForm, PlacementPlanForm
from hearth.looked_after.models import Placement
from hearth.looked_after.views.reviews import T, child_in_care, form_context


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def care_plan_new(request, person_id):
    child, period = child_in_care(request.user, person_id)
    return form_page(
        request, T + "form.html",
        form_context(child, "Record the care plan", "Save the care plan"),
        CarePlanForm(request.POST or None),
        lambda d: actions.do_record_care_plan(
            period, acting_user=request.user, agreed_on=d["agreed_on"],
            permanence_plan=d["permanence_plan"], summary=d["summary"]),
        lambda done: done_with(request, "Care plan recorded.", "looked_after:care",
                               person_id=child.pk))


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def placement_plan_new(request, person_id):
    child, period = child_in_care(request.user, person_id)
    placement = Placement.objects.filter(period=period, ended_on__isnull=True).first()
    if placement is None:
        raise Http404("The child has no placement now.")
    return form_page(
        request, T + "form.html",
        form_context(child, "Record the placement plan", "Save the placement plan"),
        PlacementPlanForm(request.POST or None),
        lambda d: actions.do_record_placement_plan(
            placement, acting_user=request.user, agreed_on=d["agreed_on"],
            summary=d["summary"]),
        lambda done: done_with(request, "Placement plan recorded.", "looked_after:care",
                               person_id=child.pk))
