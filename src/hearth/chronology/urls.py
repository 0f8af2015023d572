"""Chronology pages (included at the site root under the namespace ``chronology``)."""

from django.urls import path

from hearth.chronology.views import chronology, entries

app_name = "chronology"
urlpatterns = [
    path("people/<uuid:person_id>/chronology", chronology.chronology, name="person"),
    path("people/<uuid:person_id>/chronology.csv", chronology.export_csv, name="csv"),
    path("people/<uuid:person_id>/chronology.pdf", chronology.export_pdf, name="pdf"),
    path("people/<uuid:person_id>/chronology/new", entries.new_entry, name="new"),
    path("chronology/<int:entry_id>", entries.entry, name="entry"),
    path("chronology/<int:entry_id>/correct", entries.correct, name="correct"),
]
