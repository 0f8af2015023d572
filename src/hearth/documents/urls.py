"""Document pages (included at the site root under the namespace ``documents``). Only ids in
the paths: no names, no file names."""

from django.urls import path

import hearth.documents.views as views

app_name = "documents"
urlpatterns = [
    path("people/<uuid:person_id>/documents", views.person_documents, name="person"),
    path("documents/on/<slug:code>/<int:record_id>", views.record_documents, name="record"),
    path("documents/<int:document_id>/file", views.download, name="file"),
]
