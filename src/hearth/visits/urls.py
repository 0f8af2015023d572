"""Visit pages (included at the site root under the namespace ``visits``)."""

from django.urls import path

import hearth.visits.views as views

app_name = "visits"
urlpatterns = [
    path("people/<uuid:person_id>/visits", views.visit_list, name="list"),
    path("people/<uuid:person_id>/visits/new", views.new, name="new"),
    path("people/<uuid:person_id>/visits/family", views.family_new, name="family_new"),
    path("visits/<int:visit_id>", views.detail, name="detail"),
    path("visits/<int:visit_id>/edit", views.edit, name="edit"),
]
