"""Pages of the incidents app (included at the site root under the namespace ``incidents``)."""

from django.urls import path

from hearth.incidents import views, views_plans

app_name = "incidents"
urlpatterns = [
    path("incidents", views.open_list, name="list"),
    path("incidents/new", views.new, name="new"),
    path("incidents/<int:incident_id>", views.detail, name="detail"),
    path("incidents/<int:incident_id>/post-incident", views.post_incident, name="record"),
    path("incidents/<int:incident_id>/close", views.close, name="close"),
    path("incidents/<int:incident_id>/warning/new", views.create_warning, name="warning_new"),
    path("incidents/<int:incident_id>/warning/link", views.link_warning, name="warning_link"),
    path("people/<uuid:person_id>/incidents", views_plans.person_incidents, name="person"),
    path("people/<uuid:person_id>/risk-reduction-plans/new", views_plans.new_plan,
         name="plan_new"),
    path("risk-reduction-plans/<int:rrp_id>", views_plans.plan_detail, name="plan"),
    path("risk-reduction-plans/<int:rrp_id>/agree", views_plans.agree_plan, name="plan_agree"),
    path("people/<uuid:person_id>/practitioners-meetings/new", views_plans.new_meeting,
         name="meeting_new"),
    path("practitioners-meetings/<int:meeting_id>", views_plans.meeting_detail,
         name="meeting"),
]
