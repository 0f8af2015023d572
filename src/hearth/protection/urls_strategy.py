"""Pages of child protection: a child's child protection record, strategy discussions and
Section 47 enquiries with their two-worker visits and outcomes (included by protection/urls.py)."""

from django.urls import path

from hearth.protection import views_strategy as views

urlpatterns = [
    path("people/<uuid:person_id>/protection", views.person, name="person"),
    path("people/<uuid:person_id>/strategy-discussions/new", views.strategy_new,
         name="strategy_new"),
    path("strategy-discussions/<int:discussion_id>", views.strategy, name="strategy"),
    path("strategy-discussions/<int:discussion_id>/actions/<int:action_id>/done",
         views.strategy_action_done, name="strategy_action_done"),
    path("s47-enquiries/<int:enquiry_id>", views.enquiry, name="enquiry"),
    path("s47-enquiries/<int:enquiry_id>/visits/new", views.s47_visit_new,
         name="s47_visit_new"),
    path("s47-enquiries/<int:enquiry_id>/outcome", views.enquiry_outcome,
         name="enquiry_outcome"),
    path("s47-enquiries/<int:enquiry_id>/outcome/authorisation", views.outcome_decision,
         name="enquiry_outcome_decision"),
]
