"""Casework pages (included at the site root under the namespace ``casework``)."""

from django.urls import path

from hearth.casework import views

app_name = "casework"
urlpatterns = [
    path("teams/allocation", views.allocation_queue, name="allocation_queue"),
    path("teams/workload", views.workload, name="workload"),
    path("caseload", views.caseload, name="caseload"),
    path("involvements/<int:involvement_id>/allocate", views.allocate, name="allocate"),
    path("involvements/<int:involvement_id>/close", views.close, name="close"),
    path("involvements/<int:involvement_id>/reallocate", views.reallocate, name="reallocate"),
    path("involvements/<int:involvement_id>/secondary-workers/new", views.add_secondary_worker,
         name="add_secondary_worker"),
    path("secondary-workers/<int:link_id>/end", views.end_secondary_worker,
         name="end_secondary_worker"),
    path("people/<uuid:person_id>/family", views.family, name="family"),
]
