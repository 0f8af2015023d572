"""Pages of the fgc app (included at the site root under the namespace ``fgc``)."""

from django.urls import path

from hearth.fgc.views import conferences, preparation, referrals, reviews

app_name = "fgc"
urlpatterns = [
    path("fgc", referrals.queue, name="queue"),
    path("fgc/mine", referrals.mine, name="mine"),
    path("people/<uuid:person_id>/fgc/new", referrals.refer, name="refer"),
    path("fgc/<int:fgc_id>", referrals.fgc, name="fgc"),
    path("fgc/<int:fgc_id>/take", referrals.take, name="take"),
    path("fgc/<int:fgc_id>/allocate", referrals.allocate, name="allocate"),
    path("fgc/<int:fgc_id>/end", referrals.end, name="end"),
    path("fgc/<int:fgc_id>/visits/new", preparation.visit, name="visit_new"),
    path("fgc/<int:fgc_id>/network/new", preparation.network, name="network_new"),
    path("fgc/<int:fgc_id>/arrangements", preparation.arrangements, name="arrangements"),
    path("fgc/<int:fgc_id>/conference", conferences.conference, name="conference"),
    path("fgc/<int:fgc_id>/plan", conferences.plan, name="plan"),
    path("fgc/<int:fgc_id>/plan/decision", conferences.decision, name="decision"),
    path("fgc/<int:fgc_id>/plan/print", conferences.plan_print, name="plan_print"),
    path("fgc/<int:fgc_id>/plan.pdf", conferences.plan_pdf, name="plan_pdf"),
    path("fgc/<int:fgc_id>/review", reviews.review, name="review"),
]
