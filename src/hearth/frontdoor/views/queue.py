"""The queues: the daytime (CRS) queue with immediate and then overdue contacts first (R-FD-4)
and EDT handovers (R-EDT-3), the EDT queue out of hours, and the manager's timeliness view."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.permissions import requires
from hearth.core.paging import paginate, paginate_list
from hearth.frontdoor import rules
from hearth.frontdoor.actions.contacts import may_review
from hearth.frontdoor.codes import ContactStatus, MashStatus
from hearth.frontdoor.models import MashEnquiry
from hearth.frontdoor.queries.contacts import immediate_hours
from hearth.frontdoor.queries.mash import may_sign_off
from hearth.frontdoor.queries.queue import (
    AWAITING_DECISION,
    UNDECIDED,
    children_rows,
    crs_queue,
    queue_contacts,
)


def _links(user) -> dict:
    return {"perms_record": user.has_hearth_permission("contacts.record"),
            "perms_reports": user.has_hearth_permission("reports.frontdoor")}


def _mash_status(contact) -> str:
    """R-MASH-5: where the MASH analysis stands, for a contact in the MASH."""
    if contact.status != ContactStatus.IN_MASH:
        return ""
    try:
        enquiry = contact.mash
    except MashEnquiry.DoesNotExist:
        return ""
    if enquiry.status == MashStatus.AWAITING_SIGN_OFF:
        return "Analysis to sign off"
    if enquiry.status == MashStatus.GATHERING and enquiry.returned_at:
        return "Analysis returned"
    return ""


def _rows(user, contacts, now: datetime, *, handover: bool = False) -> list[dict]:
    """Immediate contacts first, then overdue, then by time left (R-FD-4): the order the
    database gave the page (``in_queue_order(now)``), the same as ``rules.queue_key``."""
    rows = []
    for contact, kids, hidden in children_rows(user, contacts):
        waiting = contact.status in AWAITING_DECISION
        overdue = waiting and contact.decision_due < now
        rows.append({
            "contact": contact, "children": kids, "hidden_children": hidden,
            "overdue": overdue, "waiting": waiting,
            "immediate": rules.is_immediate_waiting(contact.urgency, waiting),
            "time_left": rules.describe_time_left(contact.decision_due, now) if waiting else "",
            "handover": handover and contact.is_edt,
            "mash_status": _mash_status(contact),
        })
    return rows


def _deadline() -> dict:
    """What the queue says about the deadlines (R-FD-4)."""
    return {"immediate_hours": immediate_hours()}


@requires("contacts.queue")
@require_http_methods(["GET"])
def queue(request):
    now = timezone.now()
    contacts = queue_contacts(request.user)
    to_authorise = to_sign_off = None
    if request.user.has_hearth_permission("contacts.authorise"):
        # R-FD-5: only what this manager may authorise (never their own proposals), 25 a page.
        to_authorise = paginate_list(
            [c for c in contacts.filter(status=ContactStatus.AWAITING_AUTHORISATION)
             .in_queue_order() if c.proposals and may_review(c.proposals[0], request.user)],
            request, param="authorise_page")
    if request.user.has_hearth_permission("mash.sign_off") and may_sign_off(
            None, request.user):
        # R-MASH-5: analyses waiting for a CRS manager's sign-off.
        to_sign_off = paginate_list(
            [c for c in contacts.filter(mash__status=MashStatus.AWAITING_SIGN_OFF)
             .select_related("mash__analysed_by").in_queue_order()
             if may_sign_off(c.mash, request.user)], request, param="sign_off_page")
    # 25 a page, in the queue's order (issue 14: the whole queue was read and rendered).
    page = paginate(crs_queue(contacts, now).in_queue_order(now), request)
    return render(request, "frontdoor/queue.html", {
        "rows": _rows(request.user, page.items, now, handover=True), "page": page,
        "now": now, "to_authorise": to_authorise, "to_sign_off": to_sign_off,
        "edt_queue": False, **_links(request.user), **_deadline(),
    })


@requires("contacts.queue")
@require_http_methods(["GET"])
def edt_queue(request):
    """Out of hours: the EDT contacts not yet decided (R-EDT-1, R-EDT-2)."""
    now = timezone.now()
    contacts = queue_contacts(request.user).filter(is_edt=True, status__in=UNDECIDED)
    page = paginate(contacts.in_queue_order(now), request)
    return render(request, "frontdoor/queue.html", {
        "rows": _rows(request.user, page.items, now), "page": page, "now": now,
        "edt_queue": True,
        "in_edt_hours": calendar.is_edt(now), **_links(request.user), **_deadline(),
    })


