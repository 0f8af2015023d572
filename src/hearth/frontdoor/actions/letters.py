"""The written response to the referrer (R-FD-6): plain-language HTML, a PDF, and a record of
when and how it was sent."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.refusals import Refused, Why
from hearth.frontdoor.codes import ResponseMethod
from hearth.frontdoor.models import Contact, ReferrerResponse
from hearth.frontdoor.queries.letters import final_decision, render_html, render_pdf


@transaction.atomic
def do_send_response(contact: Contact, *, acting_user, method: str,
                     sent_to: str = "") -> ReferrerResponse:
    """Send (e-mail) or record (post) the response; the letter is kept as sent."""
    decision = final_decision(contact)
    if decision is None:
        raise Refused("There is no final decision to tell the referrer about yet.", why=Why.STATE)
    if method not in ResponseMethod.values:
        raise Refused({"method": "Choose email, secure email or post"})
    sent_to = (sent_to or (contact.caller_email if method != ResponseMethod.POST else "")
               or "").strip()
    if not sent_to:
        raise Refused({"sent_to": "Enter where the response is sent (an email address "
                                  "or a postal address)"})
    if method != ResponseMethod.POST and "@" not in sent_to:
        raise Refused({"sent_to": "Enter an email address, like name@example.org"})
    html = render_html(contact, decision)
    response = ReferrerResponse.objects.create(
        contact=contact, decision=decision, method=method, sent_to=sent_to, body_html=html,
        sent_at=timezone.now(), sent_by=acting_user)
    if method != ResponseMethod.POST:
        message = EmailMultiAlternatives(
            subject=f"Your contact with children's services ({contact.reference})",
            body="Please see the attached letter about the concern you raised.",
            to=[sent_to])
        message.attach_alternative(html, "text/html")
        message.attach(f"{contact.reference}-response.pdf", render_pdf(html), "application/pdf")
        message.send(fail_silently=False)  # a failure rolls the record back: nothing half-done
    audit.record("response_sent", user=acting_user, obj=contact,
                 fields={"method": method, "decision": decision.outcome})
    return response
