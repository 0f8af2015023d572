"""Assessment pages (included at the site root under the namespace ``assessments``)."""

from django.urls import path

import hearth.assessments.views as views

app_name = "assessments"
urlpatterns = [
    path("assessments", views.assessment_list, name="list"),
    path("assessments/start/<int:involvement_id>", views.start, name="start"),
    path("assessments/<int:assessment_id>", views.detail, name="detail"),
    path("assessments/<int:assessment_id>/edit", views.edit, name="edit"),
    path("assessments/<int:assessment_id>/sources", views.add_source, name="add_source"),
    path("assessments/<int:assessment_id>/unassessed", views.add_unassessed,
         name="add_unassessed"),
    path("assessments/<int:assessment_id>/submit", views.submit, name="submit"),
    path("assessments/<int:assessment_id>/authorise", views.authorise, name="authorise"),
    path("assessments/<int:assessment_id>/return", views.return_assessment, name="return"),
]
