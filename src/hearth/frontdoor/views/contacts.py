"""Taking a call: the conversation (R-FD-1, R-FD-2), then the people concerned (R-FD-3), then
one action records it all (nothing is half-written). Out of hours, EDT records what it did."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.frontdoor import actions
from hearth.frontdoor.errors import FrontDoorError, InvalidContact
from hearth.frontdoor.forms import ContactForm, EdtActionsForm, add_domain_errors
from hearth.frontdoor.views.common import FORM_ERROR_STATUS, get_visible_contact
from hearth.frontdoor.views.contact_page import render_contact
from hearth.frontdoor.views.people_step import DRAFT, ContactPeople, DraftPeople, people_page


def _conversation(request, form: ContactForm, *, status: int = 200):
    return render(request, "frontdoor/contact_form.html", {
        "form": form, "draft": request.session.get(DRAFT)}, status=status)


@requires("contacts.record")
@require_http_methods(["GET", "POST"])
def new(request):
    """Step 1: the conversation. Kept in the session until the contact is recorded."""
    if request.method == "POST" and request.POST.get("step") == "discard":
        request.session.pop(DRAFT, None)
        messages.success(request, "The contact you had started was discarded.")
        return redirect("contacts:new")
    draft = request.session.get(DRAFT)
    if request.method == "GET":
        return _conversation(request, ContactForm(initial=draft["form"] if draft else None))
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _conversation(request, form, status=FORM_ERROR_STATUS)
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
    if form.is_valid():
        try:
            contact = actions.do_record_contact(acting_user=request.user, people=people.pairs(),
                                                new_records=people.new_records(),
                                                **form.contact_fields())
        except InvalidContact as exc:
            add_domain_errors(form, exc.errors)
        else:
            request.session.pop(DRAFT, None)
            due = timezone.localtime(contact.decision_due)
            where = "the Emergency Duty Team's queue" if contact.is_edt else "the front-door queue"
            messages.success(request, f"Contact {contact.reference} was recorded and is in "
                             f"{where}. A decision is due by {due:%H:%M} on {due.day} {due:%B %Y}.")
            return redirect("contacts:contact", contact_id=contact.pk)
    return _conversation(request, form, status=FORM_ERROR_STATUS)


@requires("contacts.record")
@require_http_methods(["GET", "POST"])
def contact_people(request, contact_id):
    """Link more people to a recorded contact (e.g. the child EDT could not identify)."""
    contact = get_visible_contact(request.user, contact_id)
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
    contact = get_visible_contact(request.user, contact_id)
    form = EdtActionsForm(request.POST)
    if form.is_valid():
        try:
            actions.do_record_edt_actions(contact, acting_user=request.user,
                                          actions=form.cleaned_data["actions"])
        except InvalidContact as exc:
            add_domain_errors(form, exc.errors)
        else:
            messages.success(request, "What you did was added to the EDT record.")
            return redirect("contacts:contact", contact_id=contact.pk)
    return render_contact(request, contact, edt_form=form, status=FORM_ERROR_STATUS)


@requires("contacts.decide")
@require_http_methods(["POST"])
def handover_checked(request, contact_id):
    """R-EDT-3: CRS has checked an EDT contact whose child was not known."""
    contact = get_visible_contact(request.user, contact_id)
    try:
        actions.do_check_handover(contact, acting_user=request.user)
    except FrontDoorError as exc:
        return render_contact(request, contact, status=exc.status, conflict={
            "title": "The handover could not be marked as checked", "message": str(exc),
            "entries": []})
    messages.success(request, f"Contact {contact.reference} is checked and leaves the queue.")
    return redirect("contacts:contact", contact_id=contact.pk)
