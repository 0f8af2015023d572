"""The written response to the referrer (R-FD-6): plain-language HTML, a PDF, and a record of
when and how it was sent."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from hearth.access.actions import audit
from hearth.frontdoor.codes import DecisionStatus, ResponseMethod
from hearth.frontdoor.errors import InvalidContact, WrongState
from hearth.frontdoor.models import Contact, Decision, ReferrerResponse

FINAL = (DecisionStatus.DECIDED, DecisionStatus.AUTHORISED)


def final_decision(contact: Contact) -> Decision | None:
    return contact.decisions.filter(status__in=FINAL).order_by("-proposed_at").first()


def render_html(contact: Contact, decision: Decision) -> str:
    return render_to_string("frontdoor/letter.html", {
        "contact": contact, "decision": decision, "today": timezone.localdate(),
        "children": [link.person for link in contact.links.select_related("person")
                     if link.role == "child"],
    })


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


@transaction.atomic
def do_send_response(contact: Contact, *, acting_user, method: str,
                     sent_to: str = "") -> ReferrerResponse:
    """Send (e-mail) or record (post) the response; the letter is kept as sent."""
    decision = final_decision(contact)
    if decision is None:
        raise WrongState("There is no final decision to tell the referrer about yet.")
    if method not in ResponseMethod.values:
        raise InvalidContact({"method": "Choose email, secure email or post"})
    sent_to = (sent_to or (contact.caller_email if method != ResponseMethod.POST else "")
               or "").strip()
    if not sent_to:
        raise InvalidContact({"sent_to": "Enter where the response is sent (an email address "
                              "or a postal address)"})
    if method != ResponseMethod.POST and "@" not in sent_to:
        raise InvalidContact({"sent_to": "Enter an email address, like name@example.org"})
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
