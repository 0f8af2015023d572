"""LADO pages (R-LADO-1..4): the queue (responses waiting, overdue first), recording a
notification (a consultation, or from a front-door contact), a matter with everything recorded
on it, and the forms that move it on. Views parse, call one action and render; a matter is 404
outside the LADO service (R-LADO-3); a stale form is 409 keeping what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page, refuse_on_form
from hearth.core.paging import paginate
from hearth.core.refusals import Refused
from hearth.core.visibility import get_visible_or_404
from hearth.frontdoor.models import Contact
from hearth.lado.actions import matters as actions
from hearth.lado.actions import notifications
from hearth.lado.codes import CRITERION_FIELDS, Origin
from hearth.lado.forms import matters as forms
from hearth.lado.queries import children as child_queries
from hearth.lado.queries import matters as queries
from hearth.lado.queries.meetings import meetings_of

STALE = ("Someone else changed this matter while you were working on it. Check the matter as "
         "it is now: what you entered is kept in the form.")
NOT_LADO = "Only the LADO service and its service manager see LADO matters."


def this_minute():
    """Now, to the minute: what a form offers for "when" (a person types no seconds)."""
    return timezone.now().replace(second=0, microsecond=0)


def lado_service_only(user) -> None:
    """Lists and figures of matters: the LADO service's alone (R-LADO-3)."""
    if not queries.in_lado_service(user):
        raise PermissionDenied(NOT_LADO)


@requires("lado.view")
@require_http_methods(["GET"])
def queue(request):
    """The LADO's queue: open matters waiting for a response first, soonest (overdue) first;
    ``?show=closed`` the closed ones. 25 a page, sorted in the database."""
    user = request.user
    lado_service_only(user)
    closed = request.GET.get("show") == "closed"
    page = paginate(queries.queue(user, closed=closed), request)
    now = timezone.now()
    return render(request, "lado/queue.html", {
        "page": page, "rows": [queries.describe(m, now) for m in page.items],
        "closed": closed, "contacts": [] if closed else queries.contacts_waiting(user),
        "may_manage": user.has_hearth_permission("lado.manage")})


def _record(request, form, act: Callable[[Any], Any], template: str, context: dict):
    """The notification pages: validate, record, or show the problems on the rows."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                matter = act(form)
            except Refused as refusal:
                status = refuse_on_form(form, refusal, field_for=form.field_map())
            else:
                return done_with(request, f"LADO matter {matter.reference} recorded.",
                                 "lado:matter", lado_matter_id=matter.pk)
    return render(request, template, {**context, "form": form}, status=status)


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def new(request):
    """A LADO officer records a consultation or notification they received themselves."""
    user = request.user
    form = forms.NotificationForm(request.POST or None, initial={"notified_at": this_minute()})
    return _record(request, form, lambda f: notifications.do_record_notification(
        acting_user=user, origin=Origin.CONSULTATION, notification=f.notification(),
        children=f.children()), "lado/new.html", {"contact": None, "contact_children": []})


def _from_contact(contact: Contact) -> dict:
    """What a contact carries over: the caller, when it came in, the worries."""
    who = contact.caller_contact or contact.caller_email
    if contact.caller_email and contact.caller_email not in who:
        who = f"{who}, {contact.caller_email}"
    return {"notifier_name": contact.caller_name, "notifier_role": contact.caller_role,
            "notifier_organisation": contact.caller_agency, "notifier_contact": who,
            "notified_at": contact.received_at, "concern_shared_at": contact.received_at,
            "allegation": contact.worries}


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def from_contact(request, contact_id):
    """Open a matter from a front-door contact decided "LADO": its details are carried over
    (the caller, the worries, its children linked to their records)."""
    user = request.user
    contact = get_visible_or_404(Contact, user, contact_id, "contact")
    form = forms.NotificationForm(request.POST or None, initial=_from_contact(contact))
    return _record(request, form, lambda f: notifications.do_open_from_contact(
        contact, acting_user=user, notification=f.notification(), children=f.children()),
        "lado/new.html", {"contact": contact,
                          "contact_children": [p for _line, p in
                                               notifications.contact_children(contact)]})


@requires("lado.view")
@require_http_methods(["GET"])
def matter(request, lado_matter_id):
    user = request.user
    found = queries.get_visible_matter(user, lado_matter_id)
    meetings = list(meetings_of(found))
    actions.record_view(found, user=user)
    row = queries.describe(found, timezone.now(), meetings=len(meetings))
    return render(request, "lado/matter.html", {
        "matter": found, "row": row, "children": child_queries.children_of(found),
        "meetings": meetings, "may_manage": user.has_hearth_permission("lado.manage")
        and found.is_open})


#: The forms that move a matter on: name -> (form, template's words, the action, message).
STEPS: dict[str, dict[str, Any]] = {
    "criteria": {"form": forms.CriteriaForm, "heading": "Which criteria are met?",
                 "button": "Save the criteria", "done": "Criteria recorded.",
                 "act": lambda m, u, d: actions.do_record_criteria(
                     m, acting_user=u, expected_version=d["version"],
                     criteria=d["criteria"], advice=d["advice"]),
                 "initial": lambda m: {"criteria": [c for c, f in
                                                    CRITERION_FIELDS.items()
                                                    if getattr(m, f)],
                                       "advice": m.advice}},
    "respond": {"form": forms.ResponseForm, "heading": "Record your response",
                "button": "Save the response", "done": "Response recorded.",
                "act": lambda m, u, d: actions.do_respond(
                    m, acting_user=u, expected_version=d["version"],
                    responded_at=d["responded_at"], response=d["response"]),
                "initial": lambda m: {"responded_at": max(this_minute(), m.notified_at)}},
    "employer": {"form": forms.EmployerForm,
                 "heading": "The employer's actions, the police and children's social care",
                 "button": "Save", "done": "Employer's actions recorded.",
                 "act": lambda m, u, d: actions.do_record_employer_actions(
                     m, acting_user=u, expected_version=d["version"],
                     **{k: v for k, v in d.items() if k != "version"}),
                 "initial": lambda m: {
                     "suspension_considered": {True: "yes", False: "no"}.get(
                         m.suspension_considered),
                     **{k: getattr(m, k) for k in (*actions.EMPLOYER_CODES,
                                                   *actions.EMPLOYER_NOTES)}}},
    "outcome": {"form": forms.OutcomeForm, "heading": "Record the outcome",
                "button": "Save the outcome", "done": "Outcome recorded.",
                "act": lambda m, u, d: actions.do_record_outcome(
                    m, acting_user=u, expected_version=d["version"], outcome=d["outcome"],
                    outcome_on=d["outcome_on"], outcome_notes=d["outcome_notes"]),
                "initial": lambda m: {"outcome": m.outcome, "outcome_on": m.outcome_on,
                                      "outcome_notes": m.outcome_notes}},
    "referrals": {"form": forms.ReferralsForm,
                  "heading": "Referrals to the DBS and a regulator",
                  "button": "Save the referrals", "done": "Referrals recorded.",
                  "act": lambda m, u, d: actions.do_record_referrals(
                      m, acting_user=u, expected_version=d["version"],
                      dbs_referred_on=d["dbs_referred_on"], regulator=d["regulator"],
                      regulator_referred_on=d["regulator_referred_on"]),
                  "initial": lambda m: {"dbs_referred_on": m.dbs_referred_on,
                                        "regulator": m.regulator,
                                        "regulator_referred_on": m.regulator_referred_on}},
    "close": {"form": forms.CloseForm, "heading": "Close the matter",
              "button": "Close the matter", "done": "Matter closed.",
              "act": lambda m, u, d: actions.do_close(m, acting_user=u,
                                                      expected_version=d["version"]),
              "initial": lambda m: {}},
}


def _step(request, lado_matter_id, name: str):
    user = request.user
    found = queries.get_visible_matter(user, lado_matter_id)
    step = STEPS[name]
    form = step["form"](request.POST or None,
                        initial={"version": found.version, **step["initial"](found)})
    return form_page(request, "lado/step.html", {"matter": found, "step": step, "name": name},
                     form, lambda data: step["act"](found, user, data),
                     lambda _m: done_with(request, step["done"], "lado:matter",
                                          lado_matter_id=found.pk), stale_message=STALE)


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def criteria(request, lado_matter_id):
    return _step(request, lado_matter_id, "criteria")


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def respond(request, lado_matter_id):
    return _step(request, lado_matter_id, "respond")


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def employer(request, lado_matter_id):
    return _step(request, lado_matter_id, "employer")


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def outcome(request, lado_matter_id):
    return _step(request, lado_matter_id, "outcome")


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def referrals(request, lado_matter_id):
    return _step(request, lado_matter_id, "referrals")


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def close(request, lado_matter_id):
    return _step(request, lado_matter_id, "close")
