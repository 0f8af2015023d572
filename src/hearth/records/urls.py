"""Case note and parents' summary pages (included at the site root under the namespace
``records``)."""

from django.urls import path

from hearth.records.views import family, summaries
from hearth.records.views import notes as views

app_name = "records"
urlpatterns = [
    path("people/<uuid:person_id>/notes", views.person_notes, name="person_notes"),
    path("people/<uuid:person_id>/notes/new", views.new_note, name="new"),
    path("people/<uuid:person_id>/notes/family", family.family_new, name="family_new"),
    path("notes/<int:note_id>", views.detail, name="detail"),
    path("notes/<int:note_id>/edit", views.edit, name="edit"),
    path("notes/<int:note_id>/finalise", views.finalise, name="finalise"),
    path("notes/<int:note_id>/amend", views.amend, name="amend"),
    path("people/<uuid:person_id>/summaries", summaries.person_summaries, name="summaries"),
    path("people/<uuid:person_id>/summaries/new", summaries.new_summary, name="summary_new"),
    path("summaries/<int:summary_id>", summaries.show, name="summary"),
    path("summaries/<int:summary_id>/pdf", summaries.pdf, name="summary_pdf"),
]
