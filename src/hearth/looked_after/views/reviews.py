"""The child's care (reviews, plans, visits, health at a glance, with what is due), allocating
the IRO, and the IRO's reviews (R-CLA-3): record, read, correct, bring the next forward."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hearth.access.actions import audit
from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.core.visibility import get_visible_or_404
from hearth.looked_after.actions import reviews as actions
from hearth.looked_after.forms.reviews import (
    STALE,
    AllocateIroForm,
    BringForwardForm,
    CorrectReviewForm,
    NewReviewForm,
)
from hearth.looked_after.models import CarePeriod, CarePlan, EducationPlan, HealthCheck
from hearth.looked_after.queries import reviews as queries
from hearth.people.models import Person

T = "looked_after/reviews/"


def child_in_care(user, person_id) -> tuple[Person, CarePeriod]:
    """The child (404 if not visible) and their open period of care (404 if none)."""
    child = get_visible_or_404(Person.objects.live(), user, person_id, "person")
    period = CarePeriod.objects.filter(child=child, ended_on__isnull=True).select_related(
        "iro").first()
    if period is None:
        raise Http404("This child is not looked after.")
    return child, period


def form_context(child, title: str, button: str, **extra) -> dict:
    return {"child": child, "title": title, "button": button, **extra}


@requires("looked_after.view")
@require_GET
def care(request, person_id):
    """The child's care: the IRO, the next review and each held, the plans, the next statutory
    visit, health and education, each with its due date."""
    child, period = child_in_care(request.user, person_id)
    state = queries.care_state(child)
    audit.record_read("view_looked_after_care", user=request.user, obj=child)
    user = request.user
    return render(request, T + "care.html", {
        "child": child, "period": period, "state": state, "today": timezone.localdate(),
        "reviews": list(queries.reviews_of(child)[:20]),
        "care_plans": list(CarePlan.objects.filter(period=period).order_by("-agreed_on")[:5]),
        "checks": list(HealthCheck.objects.filter(period=period).order_by("-done_on")[:10]),
        "peps": list(EducationPlan.objects.filter(period=period).order_by("-held_on")[:3]),
        "may_review": period.iro_id == user.pk and user.has_hearth_permission(
            "looked_after.review"),
        "may_allocate": user.has_hearth_permission("looked_after.allocate_iro"),
        "may_manage": user.has_hearth_permission("looked_after.manage"),
    })


@requires("looked_after.allocate_iro")
@require_http_methods(["GET", "POST"])
def allocate_iro(request, person_id):
    child, period = child_in_care(request.user, person_id)
    form = AllocateIroForm(request.POST or None,
                           initial={"version": period.version, "iro": period.iro_id})
    return form_page(
        request, T + "form.html",
        form_context(child, "Allocate the Independent Reviewing Officer", "Allocate the IRO"),
        form, lambda d: actions.do_allocate_iro(period, acting_user=request.user, iro=d["iro"],
                                                 expected_version=d["version"]),
        lambda done: done_with(request, "Independent Reviewing Officer allocated.",
                               "looked_after:care", person_id=child.pk),
        stale_message=STALE)


@requires("looked_after.review")
@require_http_methods(["GET", "POST"])
def review_new(request, person_id):
    child, period = child_in_care(request.user, person_id)
    state = queries.care_state(child)
    form = NewReviewForm(request.POST or None)
    return form_page(
        request, T + "form.html",
        form_context(child, f"Record the {state.next_review.label.lower()}" if state
                     else "Record a review", "Save the review"),
        form, lambda d: actions.do_record_review(
            period, acting_user=request.user, held_on=d["held_on"],
            participation=d["participation"], decisions=d["decisions"],
            iro_view=d["iro_view"], concern=d["concern"],
            open_difference=d["open_difference"]),
        lambda done: done_with(request, "Review recorded.", "looked_after:review",
                               review_id=done.pk))


@requires("looked_after.view")
@require_GET
def review(request, review_id):
    found = queries.visible_review(request.user, review_id)
    audit.record_read("view_looked_after_review", user=request.user, obj=found.child,
                      fields={"review": found.pk})
    return render(request, T + "review.html", {
        "review": found, "child": found.child,
        "may_correct": found.period.iro_id == request.user.pk
        and request.user.has_hearth_permission("looked_after.review")})


@requires("looked_after.review")
@require_http_methods(["GET", "POST"])
def review_edit(request, review_id):
    found = queries.visible_review(request.user, review_id)
    form = CorrectReviewForm(request.POST or None, initial={
        "version": found.version, "held_on": found.held_on,
        "participation": found.participation, "decisions": found.decisions,
        "iro_view": found.iro_view, "concern": found.concern})
    return form_page(
        request, T + "form.html",
        form_context(found.child, "Correct the review", "Save the correction"),
        form, lambda d: actions.do_correct_review(
            found, acting_user=request.user, expected_version=d["version"],
            held_on=d["held_on"], participation=d["participation"],
            decisions=d["decisions"], iro_view=d["iro_view"], concern=d["concern"]),
        lambda done: done_with(request, "Review corrected.", "looked_after:review",
                               review_id=found.pk),
        stale_message=STALE)


@requires("looked_after.review")
@require_http_methods(["GET", "POST"])
def review_forward(request, person_id):
    child, period = child_in_care(request.user, person_id)
    form = BringForwardForm(request.POST or None)
    return form_page(
        request, T + "form.html",
        form_context(child, "Bring the next review forward", "Bring the review forward"),
        form, lambda d: actions.do_bring_review_forward(
            period, acting_user=request.user, due_on=d["due_on"], reason=d["reason"]),
        lambda done: done_with(request, "The next review is brought forward.",
                               "looked_after:care", person_id=child.pk))
