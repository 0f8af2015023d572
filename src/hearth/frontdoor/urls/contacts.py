"""The front door's pages (included at the site root under the namespace ``contacts``)."""

from django.urls import path

from hearth.frontdoor.views import contacts, decisions, letters, queue, reports

app_name = "frontdoor"
urlpatterns = [
    path("contacts", queue.queue, name="queue"),
    path("contacts/edt", queue.edt_queue, name="edt_queue"),
    path("contacts/timeliness", reports.timeliness, name="timeliness"),
    path("contacts/new", contacts.new, name="new"),
    path("contacts/new/people", contacts.new_people, name="new_people"),
    path("contacts/<int:contact_id>", contacts.contact, name="contact"),
    path("contacts/<int:contact_id>/people", contacts.contact_people, name="contact_people"),
    path("contacts/<int:contact_id>/edt-actions", contacts.edt_actions, name="edt_actions"),
    path("contacts/<int:contact_id>/handover-checked", contacts.handover_checked,
         name="handover_checked"),
    path("contacts/<int:contact_id>/decide", decisions.decide, name="decide"),
    path("contacts/<int:contact_id>/response", letters.response, name="response"),
    path("contacts/<int:contact_id>/response.pdf", letters.response_pdf, name="response_pdf"),
    path("contacts/decisions/<int:decision_id>/authorise", decisions.authorise,
         name="authorise"),
    path("contacts/decisions/<int:decision_id>/return", decisions.return_decision,
         name="return"),
]
