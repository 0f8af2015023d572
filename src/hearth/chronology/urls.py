"""Chronology pages (included at the site root under the namespace ``chronology``)."""

from django.urls import path

from hearth.chronology import views

app_name = "chronology"
urlpatterns = [
    path("people/<uuid:person_id>/chronology", views.chronology, name="person"),
    path("people/<uuid:person_id>/chronology.csv", views.export_csv, name="csv"),
    path("people/<uuid:person_id>/chronology.pdf", views.export_pdf, name="pdf"),
    path("people/<uuid:person_id>/chronology/new", views.new_entry, name="new"),
    path("chronology/<int:entry_id>", views.entry, name="entry"),
    path("chronology/<int:entry_id>/correct", views.correct, name="correct"),
]
