"""Recording health checks and personal education plans (R-CLA-5)."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.looked_after.actions import health as actions
from hearth.looked_after.forms.health import EducationPlanForm, HealthCheckForm
from hearth.looked_after.views.reviews import T, child_in_care, form_context


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def health(request, person_id):
    child, period = child_in_care(request.user, person_id)
    return form_page(
        request, T + "form.html",
        form_context(child, "Record a health check", "Save the health check"),
        HealthCheckForm(request.POST or None, initial={"kind": request.GET.get("kind")}),
        lambda d: actions.do_record_health_check(
            period, acting_user=request.user, kind=d["kind"], done_on=d["done_on"],
            up_to_date=d["up_to_date"], sdq_score=d["sdq_score"],
            sdq_reason=d["sdq_reason"], notes=d["notes"]),
        lambda done: done_with(request, "Health check recorded.", "looked_after:care",
                               person_id=child.pk))


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def pep_new(request, person_id):
    child, period = child_in_care(request.user, person_id)
    return form_page(
        request, T + "form.html",
        form_context(child, "Record a personal education plan", "Save the plan"),
        EducationPlanForm(request.POST or None),
        lambda d: actions.do_record_education_plan(
            period, acting_user=request.user, held_on=d["held_on"], school=d["school"],
            notes=d["notes"]),
        lambda done: done_with(request, "Personal education plan recorded.",
                               "looked_after:care", person_id=child.pk))
