"""The written response to the referrer (R-FD-6): which decision it tells of, and the letter
itself as HTML and as a PDF."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from hearth.core import council
from hearth.frontdoor.codes import DecisionStatus
from hearth.frontdoor.models import Contact, Decision

FINAL = (DecisionStatus.DECIDED, DecisionStatus.AUTHORISED)


def final_decision(contact: Contact) -> Decision | None:
    return contact.decisions.filter(status__in=FINAL).order_by("-proposed_at").first()


def render_html(contact: Contact, decision: Decision) -> str:
    return render_to_string("frontdoor/letter.html", {
        "contact": contact, "decision": decision, "today": timezone.localdate(),
        "council": council.details(),
        "children": [link.person for link in contact.links.select_related("person")
                     if link.role == "child"],
    })


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
