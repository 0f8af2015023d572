"""Pages of child protection: two workers (R-TWO-2, R-TWO-3), complex needs, the two-worker
report and the child protection dashboard (included by protection/urls.py)."""

from django.urls import path

from hearth.protection import views_dashboard, views_twoworkers

urlpatterns: list = [
    path("people/<uuid:person_id>/two-workers", views_twoworkers.two_workers,
         name="two_workers"),
    path("people/<uuid:person_id>/complex-needs/new", views_twoworkers.complex_needs_new,
         name="complex_needs_new"),
    path("complex-needs/<int:needs_id>/end", views_twoworkers.complex_needs_end,
         name="complex_needs_end"),
    path("two-worker-report", views_twoworkers.two_worker_report, name="two_worker_report"),
    path("child-protection", views_dashboard.dashboard, name="dashboard"),
]
