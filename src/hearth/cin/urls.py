"""Pages of the cin app (included at the site root under the namespace ``cin``)."""

from django.urls import path

from hearth.cin.views import plans

app_name = "cin"
urlpatterns = [
    path("assessments/<int:assessment_id>/cin-plan", plans.start, name="start"),
    path("cin/<int:plan_id>", plans.plan, name="plan"),
    path("cin/<int:plan_id>/meeting", plans.meeting, name="meeting"),
    path("cin/<int:plan_id>/end", plans.end, name="end"),
]
