"""Pages of the releases app (included at the site root under the namespace ``releases``)."""

from django.urls import path

import hearth.releases.views as views

app_name = "releases"
urlpatterns = [
    path("people/<uuid:person_id>/releases", views.person_releases, name="list"),
    path("people/<uuid:person_id>/releases/new", views.new, name="new"),
    path("releases/<int:release_id>", views.review, name="review"),
    path("releases/<int:release_id>/release", views.release, name="release"),
    path("releases/<int:release_id>/pdf", views.pdf, name="pdf"),
]
