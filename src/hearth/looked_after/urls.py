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
