"""Deciding on a contact (R-FD-4, R-FD-5): the worker decides or proposes, a manager authorises
or returns. The contact's version is posted back, so that when two people decide at once one
wins and the other is told (409) without losing what they wrote."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.frontdoor import actions
from hearth.frontdoor.codes import ContactStatus, DecisionStatus, Outcome
from hearth.frontdoor.errors import InvalidContact, NotAllowed, WrongState
from hearth.frontdoor.forms import DecisionForm, ReturnForm, add_domain_errors
from hearth.frontdoor.models import Contact
from hearth.frontdoor.views.common import (
    FORM_ERROR_STATUS,
    get_visible_contact,
    get_visible_decision,
)
from hearth.frontdoor.views.contact_page import render_contact

CONFLICT = 409


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


def _conflict(request, contact: Contact, form: DecisionForm, message: str):
    contact.refresh_from_db()
    decided = contact.status != ContactStatus.OPEN
    conflict = {"title": "Someone else decided this contact" if decided
                else "Someone else changed this contact",
                "message": message, "entries": _lost_entries(form)}
    if decided:
        return render_contact(request, contact, status=CONFLICT, conflict=conflict)
    # Still open: offer the form again, with what they wrote, at the contact's new version.
    data = request.POST.copy()
    data["version"] = str(contact.version)
    again = DecisionForm(data)
    again.is_valid()
    return render_contact(request, contact, status=CONFLICT, conflict=conflict,
                          decision_form=again)


@requires("contacts.decide")
@require_http_methods(["POST"])
def decide(request, contact_id):
    contact = get_visible_contact(request.user, contact_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = actions.do_decide(contact, acting_user=request.user,
                                         **form.action_arguments())
        except WrongState as exc:
            return _conflict(request, contact, form, str(exc))
        except InvalidContact as exc:
            add_domain_errors(form, exc.errors)
        else:
            if decision.status == DecisionStatus.PROPOSED:
                messages.success(request, f"Your decision ({decision.get_outcome_display()}) "
                                 "was sent to a manager to authorise.")
            else:
                messages.success(request, f"Decision recorded: {decision.get_outcome_display()}.")
            return redirect("contacts:contact", contact_id=contact.pk)
    return render_contact(request, contact, decision_form=form, status=FORM_ERROR_STATUS)


def _reviewed(request, decision, message: str):
    messages.success(request, message)
    return redirect("contacts:contact", contact_id=decision.contact_id)


@requires("contacts.authorise")
@require_http_methods(["POST"])
def authorise(request, decision_id):
    """R-FD-5: a manager of the front door or of the proposer's team authorises a referral,
    a no-further-action outcome or a strategy discussion; never the proposer (403)."""
    decision = get_visible_decision(request.user, decision_id)
    try:
        actions.do_authorise(decision, acting_user=request.user)
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except WrongState as exc:
        messages.error(request, str(exc))
        return render_contact(request, decision.contact, status=CONFLICT)
    return _reviewed(request, decision, f"You authorised the decision: "
                     f"{decision.get_outcome_display()}.")


@requires("contacts.authorise")
@require_http_methods(["POST"])
def return_decision(request, decision_id):
    """The manager sends the proposal back to the worker with a comment."""
    decision = get_visible_decision(request.user, decision_id)
    try:
        actions.check_reviewer(decision, request.user)  # before the form: 403, not its errors
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            actions.do_return(decision, acting_user=request.user,
                              comment=form.cleaned_data["comment"])
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except WrongState as exc:
            messages.error(request, str(exc))
            return render_contact(request, decision.contact, status=CONFLICT)
        except InvalidContact as exc:
            add_domain_errors(form, exc.errors)
        else:
            return _reviewed(request, decision, "The decision was returned to "
                             f"{decision.proposed_by.display_name} with your comment.")
    return render_contact(request, decision.contact, return_form=form,
                          status=FORM_ERROR_STATUS)
