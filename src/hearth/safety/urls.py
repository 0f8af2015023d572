"""Pages of the safety app (included at the site root under the namespace ``safety``)."""

from django.urls import path

from hearth.safety.views import checkins as checkin_views
from hearth.safety.views import oncall as oncall_views
from hearth.safety.views import plans as plan_views
from hearth.safety.views import warnings as warning_views

app_name = "safety"
urlpatterns: list = []

# Lone working (R-SAFE-4): check-ins, Out now, the alert page, the on-call rota.
urlpatterns += [
    path("check-ins/new", checkin_views.checkin_new, name="checkin_new"),
    path("check-ins/out-now", checkin_views.out_now, name="out_now"),
    path("check-ins/on-call", oncall_views.on_call, name="on_call"),
    path("check-ins/<int:checkin_id>", checkin_views.checkin_detail, name="checkin"),
    path("check-ins/<int:checkin_id>/check-out", checkin_views.checkin_check_out,
         name="checkin_check_out"),
    path("check-ins/<int:checkin_id>/extend", checkin_views.checkin_extend,
         name="checkin_extend"),
    path("check-ins/<int:checkin_id>/alert", checkin_views.checkin_alert, name="checkin_alert"),
]

# Risks to workers (R-SAFE-1) and visit safety plans (R-SAFE-2, R-SAFE-3).
urlpatterns += [
    path("people/<uuid:person_id>/warnings/new", warning_views.warning_new, name="warning_new"),
    path("people/<uuid:person_id>/address-warnings/new", warning_views.address_warning_new,
         name="address_warning_new"),
    path("warnings/review", warning_views.warnings_to_review, name="warnings_review"),
    path("warnings/<int:warning_id>", warning_views.warning_detail, name="warning"),
    path("warnings/<int:warning_id>/sign-off", warning_views.warning_sign_off,
         name="warning_sign_off"),
    path("warnings/<int:warning_id>/review", warning_views.warning_review,
         name="warning_review"),
    path("warnings/<int:warning_id>/end", warning_views.warning_end, name="warning_end"),
    path("people/<uuid:person_id>/visit-plans/new", plan_views.plan_new, name="visit_plan_new"),
    path("visit-plans/<int:plan_id>", plan_views.plan_detail, name="visit_plan"),
    path("visit-plans/<int:plan_id>/edit", plan_views.plan_edit, name="visit_plan_edit"),
    path("visit-plans/<int:plan_id>/agree", plan_views.plan_agree, name="visit_plan_agree"),
]
