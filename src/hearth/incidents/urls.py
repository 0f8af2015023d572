"""Pages of the incidents app (included at the site root under the namespace ``incidents``)."""

from django.urls import path

from hearth.incidents.views import incidents, plans

app_name = "incidents"
urlpatterns = [
    path("incidents", incidents.open_list, name="list"),
    path("incidents/new", incidents.new, name="new"),
    path("incidents/<int:incident_id>", incidents.detail, name="detail"),
    path("incidents/<int:incident_id>/post-incident", incidents.post_incident, name="record"),
    path("incidents/<int:incident_id>/close", incidents.close, name="close"),
    path("incidents/<int:incident_id>/warning/new", incidents.create_warning, name="warning_new"),
    path("incidents/<int:incident_id>/warning/link", incidents.link_warning, name="warning_link"),
    path("people/<uuid:person_id>/incidents", plans.person_incidents, name="person"),
    path("people/<uuid:person_id>/risk-reduction-plans/new", plans.new_plan,
         name="plan_new"),
    path("risk-reduction-plans/<int:rrp_id>", plans.plan_detail, name="plan"),
    path("risk-reduction-plans/<int:rrp_id>/agree", plans.agree_plan, name="plan_agree"),
    path("people/<uuid:person_id>/practitioners-meetings/new", plans.new_meeting,
         name="meeting_new"),
    path("practitioners-meetings/<int:meeting_id>", plans.meeting_detail,
         name="meeting"),
]
