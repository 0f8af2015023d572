"""The contact page: everything recorded, the people and their existing involvement, the EDT
record, the decision history and whatever the user may do next (R-FD-1..6, R-EDT-3)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.access.rules import FRONT_DOOR_SERVICES
from hearth.frontdoor import actions, letters, mash, rules
from hearth.frontdoor.codes import ContactStatus, DecisionStatus, MashStatus
from hearth.frontdoor.forms import DecisionForm, EdtActionsForm, ReturnForm
from hearth.frontdoor.models import Contact, MashEnquiry
from hearth.frontdoor.views.common import (
    get_visible_contact,
    links_prefetch,
    people_rows,
    record_contact_view,
)


def _contact(user, contact_id) -> Contact:
    get_visible_contact(user, contact_id)  # 404 unless the user may see it
    return Contact.objects.prefetch_related(links_prefetch()).select_related(
        "recorded_by", "handover_checked_by").get(pk=contact_id)


def _handover(contact: Contact, now) -> dict | None:
    """R-EDT-3: whether and when an EDT contact goes to CRS, and whether CRS may mark it
    checked (EDT decided it, its child is not known, it is in the CRS queue)."""
    if not contact.is_edt or contact.handover_at is None:
        return None
    unknown = rules.child_unknown(link.new_record for link in contact.links.all()
                                  if link.role == "child")
    decided_first = contact.status == ContactStatus.DECIDED and (
        contact.decided_at is None or contact.decided_at < contact.handover_at)
    goes = rules.goes_to_crs(decided_before_handover=decided_first, child_unknown=unknown,
                             checked=False)
    return {"text": rules.describe_handover(contact.handover_at, now, goes=goes),
            "checked_by": contact.handover_checked_by, "checked_at": contact.handover_checked_at,
            "may_check": goes and unknown and decided_first and now >= contact.handover_at
            and contact.handover_checked_at is None}


def render_contact(request, contact: Contact, *, status: int = 200, **extra):
    """The contact page, with any forms the caller passes (bound, with their errors)."""
    contact = _contact(request.user, contact.pk)
    user = request.user
    decisions = list(contact.decisions.select_related("proposed_by__team", "reviewed_by", "team")
                     .order_by("-proposed_at", "-pk"))
    proposed = next((d for d in decisions if d.status == DecisionStatus.PROPOSED), None)
    final = letters.final_decision(contact)
    can = {p.split(".")[1]: user.has_hearth_permission(p) for p in (
        "contacts.decide", "contacts.authorise", "contacts.respond", "contacts.record")}
    can["mash"] = user.has_hearth_permission("mash.manage")
    is_open = contact.status == ContactStatus.OPEN
    now = timezone.now()
    enquiry = MashEnquiry.objects.filter(contact=contact).select_related(
        "analysed_by", "signed_off_by").first()
    context = {
        "contact": contact, "decisions": decisions, "proposed": proposed, "final": final,
        "can": can, "now": now,
        "people": people_rows(((link.person, link.role) for link in contact.links.all()), user),
        "time_left": rules.describe_time_left(contact.decision_due, now),
        "overdue": contact.decision_due < now and contact.status != ContactStatus.DECIDED,
        "handover": _handover(contact, now),
        "immediate_hours": actions.immediate_hours(),
        "mash": enquiry,
        "may_sign_off_mash": bool(enquiry and enquiry.status == MashStatus.AWAITING_SIGN_OFF
                                  and user.has_hearth_permission("mash.sign_off")
                                  and mash.may_sign_off(enquiry, user)),
        "responses": list(contact.responses.select_related("sent_by").order_by("-sent_at")),
    }
    if is_open and can["decide"] and "decision_form" not in extra:
        context["decision_form"] = DecisionForm(initial={"version": contact.version})
    # R-FD-5: only a manager of the front door or of the proposer's team, never the proposer.
    context["may_review"] = bool(proposed and can["authorise"]
                                 and actions.may_review(proposed, user))
    team = proposed.proposed_by.team if proposed else None
    context["proposer_team"] = team if team and team.service not in FRONT_DOOR_SERVICES else None
    if context["may_review"] and "return_form" not in extra:
        context["return_form"] = ReturnForm()
    if contact.is_edt and can["record"] and "edt_form" not in extra:
        context["edt_form"] = EdtActionsForm()
    context.update(extra)
    if "decision_form" in context and not is_open:
        context.pop("decision_form")  # someone else decided meanwhile: no form to fill in
    return render(request, "frontdoor/contact.html", context, status=status)


@requires("contacts.view")
@require_http_methods(["GET"])
def contact(request, contact_id):
    found = get_visible_contact(request.user, contact_id)
    record_contact_view(found, request.user)
    return render_contact(request, found)
