"""Pages of the leaving_care app (at the site root, namespace ``leaving_care``)."""

from django.urls import path

import hearth.leaving_care.views as views

app_name = "leaving_care"
urlpatterns = [
    path("care-leavers", views.care_leavers, name="list"),
    path("people/<uuid:person_id>/care-leaver", views.record, name="record"),
    path("people/<uuid:person_id>/care-leaver/adviser", views.adviser, name="adviser"),
    path("people/<uuid:person_id>/care-leaver/contact", views.contact, name="contact"),
    path("people/<uuid:person_id>/care-leaver/keeping-in-touch", views.keeping_in_touch,
         name="keeping_in_touch"),
    path("people/<uuid:person_id>/care-leaver/plan", views.plan, name="plan"),
    path("people/<uuid:person_id>/care-leaver/support-to-25", views.support, name="support"),
]
