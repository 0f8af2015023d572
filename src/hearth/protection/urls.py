"""Pages of child protection (included at the site root under the namespace ``protection``):
a child's child protection record, strategy discussions and Section 47 enquiries with their
visits and outcomes; conferences, plans and core groups; two workers (R-TWO-2, R-TWO-3),
complex needs, the two-worker report and the child protection dashboard."""

from django.urls import path

from hearth.protection.views import conferences, dashboard, family, plans, strategy, twoworkers

app_name = "protection"
urlpatterns = [
    path("people/<uuid:person_id>/protection", strategy.person, name="person"),
    path("people/<uuid:person_id>/strategy-discussions/new", strategy.strategy_new,
         name="strategy_new"),
    path("strategy-discussions/<int:discussion_id>", strategy.strategy, name="strategy"),
    path("strategy-discussions/<int:discussion_id>/actions/<int:action_id>/done",
         strategy.strategy_action_done, name="strategy_action_done"),
    path("s47-enquiries/<int:enquiry_id>", strategy.enquiry, name="enquiry"),
    path("s47-enquiries/<int:enquiry_id>/visits/new", strategy.s47_visit_new,
         name="s47_visit_new"),
    path("s47-enquiries/<int:enquiry_id>/outcome", strategy.enquiry_outcome,
         name="enquiry_outcome"),
    path("s47-enquiries/<int:enquiry_id>/outcome/authorisation", strategy.outcome_decision,
         name="enquiry_outcome_decision"),

    path("people/<uuid:person_id>/conferences/new", conferences.conference_new,
         name="conference_new"),
    path("conferences/<int:conference_id>", conferences.conference, name="conference"),
    path("conferences/<int:conference_id>/outcome", conferences.conference_outcome,
         name="conference_outcome"),
    path("cp-plans/<int:cp_plan_id>", plans.plan, name="plan"),
    path("cp-plans/<int:cp_plan_id>/end", plans.plan_end, name="plan_end"),
    path("cp-plans/<int:cp_plan_id>/core-group", plans.core_group, name="core_group"),
    path("cp-plans/<int:cp_plan_id>/core-group.pdf", plans.core_group_pdf,
         name="core_group_pdf"),
    path("cp-plans/<int:cp_plan_id>/core-group/new", plans.core_group_member_new,
         name="core_group_member_new"),
    path("cp-plans/<int:cp_plan_id>/core-group/meetings/new",
         plans.core_group_meeting_new, name="core_group_meeting_new"),
    path("cp-plans/<int:cp_plan_id>/core-group/meetings/family",
         family.core_group_meeting_family, name="core_group_meeting_family"),
    path("core-group-members/<int:member_id>", plans.core_group_member,
         name="core_group_member"),

    path("people/<uuid:person_id>/two-workers", twoworkers.two_workers, name="two_workers"),
    path("people/<uuid:person_id>/complex-needs/new", twoworkers.complex_needs_new,
         name="complex_needs_new"),
    path("complex-needs/<int:needs_id>/end", twoworkers.complex_needs_end,
         name="complex_needs_end"),
    path("two-worker-report", twoworkers.two_worker_report, name="two_worker_report"),
    path("child-protection", dashboard.dashboard, name="dashboard"),
]
