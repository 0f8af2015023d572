"""Pages of the looked_after app (at the site root, namespace ``looked_after``)."""

from django.urls import path

from hearth.looked_after.views import dashboard, periods

app_name = "looked_after"
urlpatterns: list = [
    # Periods of care, episodes and placements (R-CLA-1, R-CLA-7, R-CLA-8)
    path("people/<uuid:person_id>/looked-after", periods.child, name="child"),
    path("people/<uuid:person_id>/looked-after/start", periods.start, name="start"),
    path("people/<uuid:person_id>/looked-after/change", periods.change, name="change"),
    path("people/<uuid:person_id>/looked-after/cease", periods.cease, name="cease"),
    path("people/<uuid:person_id>/looked-after/uasc", periods.uasc, name="uasc"),
    path("looked-after/episodes/<int:episode_id>/amend", periods.amend_episode,
         name="amend_episode"),
    path("looked-after/placements/<int:placement_id>/amend", periods.amend_placement,
         name="amend_placement"),
    path("children-in-care", dashboard.dashboard, name="dashboard"),
]

# Reviews, plans, statutory visits, health and education (R-CLA-2..5)
from hearth.looked_after.views import health, plans, reviews, visits  # noqa: E402

C = "looked-after/children/<uuid:person_id>/"
urlpatterns += [
    path(C + "care", reviews.care, name="care"),
    path(C + "iro", reviews.allocate_iro, name="iro_allocate"),
    path(C + "reviews/new", reviews.review_new, name="review_new"),
    path(C + "reviews/bring-forward", reviews.review_forward, name="review_forward"),
    path("looked-after/reviews/<int:review_id>", reviews.review, name="review"),
    path("looked-after/reviews/<int:review_id>/correct", reviews.review_edit,
         name="review_edit"),
    path(C + "care-plan/new", plans.care_plan_new, name="care_plan_new"),
    path(C + "placement-plan/new", plans.placement_plan_new, name="placement_plan_new"),
    path(C + "health/new", health.health, name="health"),
    path(C + "education-plan/new", health.pep_new, name="pep_new"),
    path(C + "visits/new", visits.visit_new, name="visit_new"),
    path("looked-after/visits", visits.visits, name="visits"),
]
