"""Deciding on a contact (R-FD-4, R-FD-5): the worker decides or proposes, a manager authorises
or returns. The contact's version is posted back, so that when two people decide at once one
wins and the other is told (409) without losing what they wrote."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.core.visibility import get_visible_or_404
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.codes import ContactStatus, DecisionStatus, Outcome
from hearth.frontdoor.forms.decisions import FIELD_FOR, DecisionForm, ReturnForm
from hearth.frontdoor.models import Contact
from hearth.frontdoor.queries.contacts import get_visible_decision
from hearth.frontdoor.views.contacts import render_contact


def _lost_entries(form: DecisionForm) -> list[tuple[str, str]]:
    """What the loser of a race wrote, to show back to them (nothing is lost)."""
    shown = []
    for name in ("outcome", "rationale", "advice", "referrer_plan"):
        value = form.data.get(name, "")
        if name == "outcome":
            value = dict(Outcome.choices).get(value, value)
        if value:
            shown.append((str(form.fields[name].label), value))
    return shown


def _conflict(request, contact: Contact, form: DecisionForm, refusal: Refused):
    """Someone else decided or changed the contact first: what they wrote is shown back; while
    the contact is still open, the form again at the contact's new version."""
    contact.refresh_from_db()
    decided = contact.status != ContactStatus.OPEN
    conflict = {"title": "Someone else decided this contact" if decided
                else "Someone else changed this contact",
                "message": refusal.message, "entries": _lost_entries(form)}
    if decided:
        return render_contact(request, contact, status=refusal.page_status, conflict=conflict)
    # Still open: offer the form again, with what they wrote, at the contact's new version
    # (``attempt`` has moved the form's version on).
    again = DecisionForm(form.data)
    again.is_valid()
    return render_contact(request, contact, status=refusal.page_status, conflict=conflict,
                          decision_form=again)


@requires("contacts.decide")
@require_http_methods(["POST"])
def decide(request, contact_id):
    contact = get_visible_or_404(Contact, request.user, contact_id)
    form = DecisionForm(request.POST)
    outcome = attempt(form, lambda _: actions.do_decide(
        contact, acting_user=request.user, **form.action_arguments()), field_for=FIELD_FOR)
    refusal = outcome.refusal
    if refusal is not None and (isinstance(refusal, StaleEdit) or refusal.why == Why.STATE):
        return _conflict(request, contact, form, refusal)
    if not outcome:
        return render_contact(request, contact, decision_form=form, status=outcome.status)
    decision = outcome.result
    if decision.status == DecisionStatus.PROPOSED:
        message = (f"Your decision ({decision.get_outcome_display()}) was sent to a manager to "
                   "authorise.")
    else:
        message = f"Decision recorded: {decision.get_outcome_display()}."
    return done_with(request, message, "contacts:contact", contact_id=contact.pk)


def _reviewing(request, decision, act):
    """Run a manager's review: 403 for who may not review (R-FD-5); a decision already
    reviewed shows the contact page with the reason."""
    try:
        return act()
    except Refused as refusal:
        if refusal.why == Why.FORBIDDEN:
            raise PermissionDenied(refusal.message) from refusal
        if refusal.why != Why.STATE:
            raise
        messages.error(request, refusal.message)
        return render_contact(request, decision.contact, status=refusal.page_status)


@requires("contacts.authorise")
@require_http_methods(["POST"])
def authorise(request, decision_id):
    """R-FD-5: a manager of the front door or of the proposer's team authorises a referral,
    a no-further-action outcome or a strategy discussion; never the proposer (403)."""
    decision = get_visible_decision(request.user, decision_id)

    def act():
        actions.do_authorise(decision, acting_user=request.user)
        return done_with(request, "You authorised the decision: "
                         f"{decision.get_outcome_display()}.",
                         "contacts:contact", contact_id=decision.contact_id)
    return _reviewing(request, decision, act)


@requires("contacts.authorise")
@require_http_methods(["POST"])
def return_decision(request, decision_id):
    """The manager sends the proposal back to the worker with a comment."""
    decision = get_visible_decision(request.user, decision_id)
    form = ReturnForm(request.POST)

    def act():
        actions.check_reviewer(decision, request.user)  # before the form: 403, not its errors
        outcome = attempt(form, lambda data: actions.do_return(
            decision, acting_user=request.user, comment=data["comment"]))
        if outcome.refusal is not None and outcome.refusal.why != Why.INPUT:
            raise outcome.refusal
        if not outcome:
            return render_contact(request, decision.contact, return_form=form,
                                  status=outcome.status)
        return done_with(request, "The decision was returned to "
                         f"{decision.proposed_by.display_name} with your comment.",
                         "contacts:contact", contact_id=decision.contact_id)
    return _reviewing(request, decision, act)
