"""Pages of child protection: conferences, plans and core groups (included by
protection/urls.py)."""

from django.urls import path

from hearth.protection import views_conferences as views

urlpatterns = [
    path("people/<uuid:person_id>/conferences/new", views.conference_new,
         name="conference_new"),
    path("conferences/<int:conference_id>", views.conference, name="conference"),
    path("conferences/<int:conference_id>/outcome", views.conference_outcome,
         name="conference_outcome"),
    path("cp-plans/<int:cp_plan_id>", views.plan, name="plan"),
    path("cp-plans/<int:cp_plan_id>/end", views.plan_end, name="plan_end"),
    path("cp-plans/<int:cp_plan_id>/core-group", views.core_group, name="core_group"),
    path("cp-plans/<int:cp_plan_id>/core-group.pdf", views.core_group_pdf, name="core_group_pdf"),
    path("cp-plans/<int:cp_plan_id>/core-group/new", views.core_group_member_new,
         name="core_group_member_new"),
    path("cp-plans/<int:cp_plan_id>/core-group/meetings/new", views.core_group_meeting_new,
         name="core_group_meeting_new"),
    path("core-group-members/<int:member_id>", views.core_group_member,
         name="core_group_member"),
]
