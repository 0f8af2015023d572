"""The written response to the referrer (R-FD-6): preview, PDF, and send (by email, secure
email or post), with when and how it was sent kept on the contact."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Why
from hearth.core.visibility import get_visible_or_404
from hearth.frontdoor.actions.letters import do_send_response
from hearth.frontdoor.codes import ResponseMethod
from hearth.frontdoor.forms.letters import ResponseForm
from hearth.frontdoor.models import Contact
from hearth.frontdoor.queries import letters

NO_DECISION = "There is no final decision to tell the referrer about yet."


def _letter_body(html: str) -> str:
    """The letter's body, its headings one level down, to show inside a page."""
    match = re.search(r"<body[^>]*>(.*)</body>", html, flags=re.S)
    body = match.group(1) if match else html
    for tag, to in (("h2", "h3"), ("h1", "h2")):
        body = re.sub(rf"<(/?){tag}\b", rf"<\1{to}", body)
    for tag, css in (("h2", "govuk-heading-m"), ("h3", "govuk-heading-s"), ("p", "govuk-body")):
        body = re.sub(rf"<{tag}>", f'<{tag} class="{css}">', body)
    return body


@requires("contacts.respond")
@require_http_methods(["GET", "POST"])
def response(request, contact_id):
    contact = get_visible_or_404(Contact, request.user, contact_id)
    decision = letters.final_decision(contact)
    if decision is None:
        messages.error(request, NO_DECISION)
        return redirect("contacts:contact", contact_id=contact.pk)
    form = ResponseForm(request.POST or None, initial={"sent_to": contact.caller_email})
    status = 200
    if request.method == "POST":
        outcome = attempt(form, lambda data: do_send_response(
            contact, acting_user=request.user, method=data["method"], sent_to=data["sent_to"]))
        if outcome:
            sent = outcome.result
            how = ("recorded as sent by post to" if sent.method == ResponseMethod.POST
                   else f"sent by {sent.get_method_display().lower()} to")
            return done_with(request, f"The response was {how} {sent.sent_to}.",
                             "contacts:contact", contact_id=contact.pk)
        if outcome.refusal is not None and outcome.refusal.why == Why.STATE:
            messages.error(request, outcome.refusal.message)
            return redirect("contacts:contact", contact_id=contact.pk)
        status = outcome.status
    letter = mark_safe(_letter_body(letters.render_html(contact, decision)))  # noqa: S308
    return render(request, "frontdoor/response.html", {
        "contact": contact, "decision": decision, "form": form, "letter": letter,
    }, status=status)


@requires("contacts.respond")
@require_http_methods(["GET"])
def response_pdf(request, contact_id):
    contact = get_visible_or_404(Contact, request.user, contact_id)
    decision = letters.final_decision(contact)
    if decision is None:
        messages.error(request, NO_DECISION)
        return redirect("contacts:contact", contact_id=contact.pk)
    pdf = letters.render_pdf(letters.render_html(contact, decision))
    answer = HttpResponse(pdf, content_type="application/pdf")
    answer["Content-Disposition"] = f'attachment; filename="{contact.reference}-response.pdf"'
    return answer
