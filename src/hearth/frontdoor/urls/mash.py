"""MASH pages (R-MASH-1..5): the worker's page on a contact, the partner's queue, the override
report. Included at the site root under the namespace ``mash``."""

from django.urls import path

from hearth.frontdoor.views import mash, partner, reports

app_name = "mash"
urlpatterns = [
    path("contacts/<int:contact_id>/mash", mash.enquiry_page, name="enquiry"),
    path("mash/requests", partner.queue, name="requests"),
    path("mash/requests/<int:request_id>", partner.answer, name="request"),
    path("reports/consent-overrides", reports.consent_overrides, name="override_report"),
]
