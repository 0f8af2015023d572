"""Pages of the missing app (included at the site root under the namespace ``missing``)."""

from django.urls import path

import hearth.missing.views as views

app_name = "missing"
urlpatterns = [
    path("people/<uuid:person_id>/missing/new", views.new, name="new"),
    path("missing/<int:episode_id>", views.episode, name="episode"),
    path("missing/<int:episode_id>/return", views.returned, name="return"),
    path("missing/<int:episode_id>/interview", views.interview, name="interview"),
]
