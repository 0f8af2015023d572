"""The MASH page of a contact: consent, override, asking the partners, their answers and the
analysis (R-MASH-2..5). Every write is one action of ``frontdoor.actions.mash``; a refusal shows
as a GOV.UK error with the page's status for it (400, or 403 when the user may not) and nothing
is written."""

from __future__ import annotations

from functools import partial

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.frontdoor.actions import mash
from hearth.frontdoor.codes import MashStatus
from hearth.frontdoor.forms.mash import (
    AnalysisForm,
    ConsentForm,
    OverrideForm,
    ReturnAnalysisForm,
    StartForm,
)
from hearth.frontdoor.queries.mash import (
    deadline_text,
    get_visible_enquiry,
    may_sign_off,
    people_with_pr,
)

SECTIONS = {"consent": "consent", "override": "override", "approve": "override",
            "start": "start", "analysis": "analysis", "sign_off": "analysis",
            "return_analysis": "analysis"}


def error_links(form: forms.Form, anchor: str) -> list[tuple[str, str]]:
    """(href, message) for the error summary: field errors link to their field, the others
    to the section of the page they are about."""
    links = [(f"#{anchor}", str(e)) for e in form.non_field_errors()]
    for field in form:
        target = field.id_for_label or f"{field.auto_id}_0"
        links += [(f"#{target}", str(e)) for e in field.errors]
    return links


@requires("mash.manage")
@require_http_methods(["GET", "POST"])
def enquiry_page(request, contact_id):
    enquiry = get_visible_enquiry(request.user, contact_id, related=(
        "started_by", "analysed_by", "signed_off_by", "returned_by"))
    people = people_with_pr(enquiry)
    consents = {c.person_id: c for c in enquiry.consents.all()}
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if posted is not None else None
    person_id = request.POST.get("person", "")
    consent_rows = [
        {"person": p, "consent": consents.get(p.pk),
         "form": ConsentForm(posted if action == "consent" and str(p.pk) == person_id else None,
                             prefix=f"consent-{i}",
                             initial=_consent_initial(consents.get(p.pk)))}
        for i, p in enumerate(people)]
    for row in consent_rows:
        row["form"].fields["status"].label = f"Consent from {row['person'].display_name}"
    page_forms = {
        "override": OverrideForm(posted if action == "override" else None),
        "approve": forms.Form(posted if action == "approve" else None),
        "start": StartForm(posted if action == "start" else None),
        "analysis": AnalysisForm(posted if action == "analysis" else None,
                                 initial={"analysis": enquiry.analysis}),
        "sign_off": forms.Form(posted if action == "sign_off" else None),
        "return_analysis": ReturnAnalysisForm(posted if action == "return_analysis" else None),
    }
    status = 200
    errors = []
    if action is not None:
        form = next((r["form"] for r in consent_rows if r["form"].is_bound), None) \
            if action == "consent" else page_forms.get(action)
        if form is None:
            form = forms.Form(posted)
            form.is_valid()
            form.add_error(None, "Choose a person with parental responsibility, or an action "
                           "on this page")
            status = 400
        else:
            outcome = attempt(form, partial(_act, request, enquiry, action, people, person_id))
            if outcome:
                return done_with(request, outcome.result, "mash:enquiry",
                                 contact_id=enquiry.contact_id)
            status = outcome.status
        errors = error_links(form, SECTIONS.get(action, "main-content"))
    requests = list(enquiry.requests.select_related("agency", "answered_by").order_by(
        "agency__name"))
    override = getattr(enquiry, "override", None)
    return render(request, "frontdoor/mash_enquiry.html", {
        "enquiry": enquiry, "contact": enquiry.contact, "consent_rows": consent_rows,
        "forms": page_forms, "errors": errors, "requests": requests, "override": override,
        "agencies": sorted(a.name for a in enquiry.agencies.all()),
        "deadline": deadline_text(enquiry.rag),
        "due_at": min((r.due_at for r in requests), default=None),
        "awaiting_consent": enquiry.status == MashStatus.AWAITING_CONSENT,
        "gathering": enquiry.status == MashStatus.GATHERING,
        "may_approve": request.user.has_hearth_permission("mash.approve_override"),
        "awaiting_sign_off": enquiry.status == MashStatus.AWAITING_SIGN_OFF,
        "may_sign_off": request.user.has_hearth_permission("mash.sign_off")
        and may_sign_off(enquiry, request.user),
    }, status=status)


def _consent_initial(consent) -> dict:
    if consent is None:
        return {}
    return {"status": consent.status, "sought_by": consent.sought_by, "note": consent.note,
            "answered_on": consent.answered_on}


def _act(request, enquiry, action, people, person_id, data) -> str:
    """Run one action; the success message (a refusal propagates to ``attempt``)."""
    user = request.user
    if action == "consent":
        person = next(p for p in people if str(p.pk) == person_id)
        mash.do_record_consent(enquiry, person, acting_user=user, status=data["status"],
                               sought_by=data["sought_by"], answered_on=data["answered_on"],
                               note=data["note"])
        return f"{person.display_name}'s consent was recorded."
    if action == "override":
        mash.do_request_override(enquiry, acting_user=user,
                                 justification=data["justification"])
        return "The override was requested. A manager must approve it before the partners " \
               "are asked."
    if action == "approve":
        mash.do_approve_override(enquiry, acting_user=user)
        return "You approved the consent override."
    if action == "start":
        sent = mash.do_start_gathering(enquiry, acting_user=user, question=data["question"])
        names = ", ".join(sorted(r.agency.name for r in sent)) or "no agencies"
        return f"The partners were asked: {names}."
    if action == "sign_off":
        mash.do_sign_off_analysis(enquiry, acting_user=user)
        return f"You signed off the analysis. Contact {enquiry.contact.reference} is back at " \
               "the decision step."
    if action == "return_analysis":
        mash.do_return_analysis(enquiry, acting_user=user, reason=data["reason"])
        worker = enquiry.analysed_by.display_name if enquiry.analysed_by else "the worker"
        return f"The analysis was returned to {worker} with your reason."
    mash.do_record_analysis(enquiry, acting_user=user, analysis=data["analysis"])
    return "The analysis was recorded. A CRS manager must sign it off before contact " \
           f"{enquiry.contact.reference} returns to the decision step."
