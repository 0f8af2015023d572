"""Taking a call: the conversation (R-FD-1, R-FD-2), then the people concerned (R-FD-3), then
one action records it all (nothing is half-written). Out of hours, EDT records what it did.
The contact page: everything recorded, the people and their existing involvement, the EDT
record, the decision history and whatever the user may do next (R-FD-1..6, R-EDT-3)."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.access.rules import FRONT_DOOR_SERVICES
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Refused
from hearth.core.registry import Registry
from hearth.core.visibility import get_visible_or_404
from hearth.frontdoor import rules
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.codes import ContactStatus, DecisionStatus, MashStatus
from hearth.frontdoor.forms.contacts import FIELD_FOR, ContactForm, EdtActionsForm
from hearth.frontdoor.forms.decisions import DecisionForm, ReturnForm
from hearth.frontdoor.models import Contact, MashEnquiry
from hearth.frontdoor.queries.contacts import immediate_hours, links_prefetch, people_rows
from hearth.frontdoor.queries.letters import final_decision
from hearth.frontdoor.queries.mash import may_sign_off
from hearth.frontdoor.views.people import DRAFT, ContactPeople, DraftPeople, people_page


def _conversation(request, form: ContactForm, *, status: int = 200):
    return render(request, "frontdoor/contact_form.html", {
        "form": form, "draft": request.session.get(DRAFT)}, status=status)


@requires("contacts.record")
@require_http_methods(["GET", "POST"])
def new(request):
    """Step 1: the conversation. Kept in the session until the contact is recorded."""
    if request.method == "POST" and request.POST.get("step") == "discard":
        request.session.pop(DRAFT, None)
        return done_with(request, "The contact you had started was discarded.", "contacts:new")
    draft = request.session.get(DRAFT)
    if request.method == "GET":
        return _conversation(request, ContactForm(initial=draft["form"] if draft else None))
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _conversation(request, form, status=400)
    request.session[DRAFT] = {"form": form.draft(),
                              "people": draft.get("people", []) if draft else [],
                              "started": (draft or {}).get("started")
                              or timezone.now().isoformat()}
    return redirect("contacts:new_people")


@requires("contacts.record")
@require_http_methods(["GET", "POST"])
def new_people(request):
    """Step 2: the children and adults concerned; then record the contact."""
    draft = request.session.get(DRAFT)
    if draft is None:
        return redirect("contacts:new")
    people = DraftPeople(request)
    if request.method == "POST" and request.POST.get("step") == "record":
        return _record(request, draft, people)
    return people_page(request, people, here=reverse("contacts:new_people"), template_context={
        "title": "Who is the contact about?", "caption": "Record a contact",
        "back": reverse("contacts:new"), "back_text": "Back to the conversation"})


def _record(request, draft: dict, people: DraftPeople):
    form = ContactForm(draft["form"])
    outcome = attempt(form, lambda _: actions.do_record_contact(
        acting_user=request.user, people=people.pairs(), new_records=people.new_records(),
        **form.contact_fields()), field_for=FIELD_FOR)
    if not outcome:
        return _conversation(request, form, status=outcome.status)
    contact = outcome.result
    request.session.pop(DRAFT, None)
    due = timezone.localtime(contact.decision_due)
    where = "the Emergency Duty Team's queue" if contact.is_edt else "the front-door queue"
    return done_with(request, f"Contact {contact.reference} was recorded and is in {where}. "
                     f"A decision is due by {due:%H:%M} on {due.day} {due:%B %Y}.",
                     "contacts:contact", contact_id=contact.pk)


@requires("contacts.record")
@require_http_methods(["GET", "POST"])
def contact_people(request, contact_id):
    """Link more people to a recorded contact (e.g. the child EDT could not identify)."""
    contact = get_visible_or_404(Contact, request.user, contact_id)
    here = reverse("contacts:contact_people", kwargs={"contact_id": contact.pk})
    return people_page(request, ContactPeople(request, contact), here=here, template_context={
        "title": "People concerned", "caption": f"Contact {contact.reference}",
        "contact": contact,
        "back": reverse("contacts:contact", kwargs={"contact_id": contact.pk}),
        "back_text": "Back to the contact"})


@requires("contacts.record")
@require_http_methods(["POST"])
def edt_actions(request, contact_id):
    """R-EDT-2: what the Emergency Duty Team did out of hours."""
    contact = get_visible_or_404(Contact, request.user, contact_id)
    form = EdtActionsForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_record_edt_actions(
        contact, acting_user=request.user, actions=data["actions"]),
        field_for={"edt_actions": "actions"})
    if outcome:
        return done_with(request, "What you did was added to the EDT record.",
                         "contacts:contact", contact_id=contact.pk)
    return render_contact(request, contact, edt_form=form, status=outcome.status)


@requires("contacts.decide")
@require_http_methods(["POST"])
def handover_checked(request, contact_id):
    """R-EDT-3: CRS has checked an EDT contact whose child was not known."""
    contact = get_visible_or_404(Contact, request.user, contact_id)
    try:
        actions.do_check_handover(contact, acting_user=request.user)
    except Refused as refusal:
        return render_contact(request, contact, status=refusal.page_status, conflict={
            "title": "The handover could not be marked as checked",
            "message": refusal.message, "entries": []})
    return done_with(request, f"Contact {contact.reference} is checked and leaves the queue.",
                     "contacts:contact", contact_id=contact.pk)


# --- The contact page ------------------------------------------------------------------------

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
    user = request.user
    contact = get_visible_or_404(Contact.objects.prefetch_related(links_prefetch())
                                 .select_related("recorded_by", "handover_checked_by"),
                                 user, contact.pk)
    decisions = list(contact.decisions.select_related("proposed_by__team", "reviewed_by", "team")
                     .order_by("-proposed_at", "-pk"))
    proposed = next((d for d in decisions if d.status == DecisionStatus.PROPOSED), None)
    can = {p.split(".")[1]: user.has_hearth_permission(p) for p in (
        "contacts.decide", "contacts.authorise", "contacts.respond", "contacts.record")}
    can["mash"] = user.has_hearth_permission("mash.manage")
    is_open = contact.status == ContactStatus.OPEN
    now = timezone.now()
    enquiry = MashEnquiry.objects.filter(contact=contact).select_related(
        "analysed_by", "signed_off_by").first()
    context = {
        "contact": contact, "decisions": decisions, "proposed": proposed,
        "final": final_decision(contact), "can": can, "now": now,
        "people": people_rows(((link.person, link.role) for link in contact.links.all()), user),
        "time_left": rules.describe_time_left(contact.decision_due, now),
        "overdue": contact.decision_due < now and contact.status != ContactStatus.DECIDED,
        "handover": _handover(contact, now),
        "immediate_hours": immediate_hours(),
        "mash": enquiry,
        "may_sign_off_mash": bool(enquiry and enquiry.status == MashStatus.AWAITING_SIGN_OFF
                                  and user.has_hearth_permission("mash.sign_off")
                                  and may_sign_off(enquiry, user)),
        "responses": list(contact.responses.select_related("sent_by").order_by("-sent_at")),
        "next_steps": [step for steps in NEXT_STEPS.call_all(contact, user) for step in steps],
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


#: What may follow a contact, shown as links on its page: ``steps(contact, user)`` answers a
#: list of (label, URL). The looked_after app registers "Record that <child> became looked
#: after" on a contact decided as immediate protection.
NEXT_STEPS = Registry("after a contact")


@requires("contacts.view")
@require_http_methods(["GET"])
def contact(request, contact_id):
    found = get_visible_or_404(Contact, request.user, contact_id)
    actions.record_contact_view(found, request.user)
    return render_contact(request, found)
