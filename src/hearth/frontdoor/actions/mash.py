"""MASH information gathering: consent or an approved override, partner requests, analysis
and its sign-off (R-MASH-1..5). Every function here is an action: one transaction, audited;
a refusal is ``Refused`` and nothing is written."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.access.models import Agency, User
from hearth.access.models.users import AgencyKind
from hearth.access.rules import FRONT_DOOR_SERVICES
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.frontdoor import rules
from hearth.frontdoor.codes import ConsentStatus, ContactStatus, MashScope, MashStatus, Rag
from hearth.frontdoor.models import (
    Consent,
    ConsentOverride,
    Contact,
    MashAgencyRequest,
    MashEnquiry,
)
from hearth.frontdoor.queries import duty
from hearth.frontdoor.queries.mash import may_sign_off, people_with_pr, rag_deadlines

PARTNER_KINDS = [k for k in AgencyKind.values if k != AgencyKind.SOCIAL_CARE]  # R-MASH-1


def start_enquiry(contact: Contact, *, acting_user, scope: str, rag: str,
                  agencies: list[Agency] | None = None) -> MashEnquiry:
    """Called by the MASH decision inside its transaction (R-MASH-2)."""
    errors = {}
    if scope not in MashScope.values:
        errors["scope"] = "Choose targeted or full information gathering"
    if rag not in Rag.values:
        errors["rag"] = "Choose a RAG rating: red, amber or green"
    if scope == MashScope.TARGETED and not agencies:
        errors["agencies"] = "Choose the agencies to ask"
    refuse_if(errors)
    if scope == MashScope.FULL:
        agencies = list(Agency.objects.filter(kind__in=PARTNER_KINDS))
    enquiry = MashEnquiry.objects.create(contact=contact, scope=scope, rag=rag,
                                         started_by=acting_user, started_at=timezone.now())
    enquiry.agencies.set(agencies or [])
    audit.record("mash_started", user=acting_user, obj=contact,
                 fields={"scope": scope, "rag": rag,
                         "agencies": sorted(a.name for a in agencies or [])})
    return enquiry


@transaction.atomic
def do_record_consent(enquiry: MashEnquiry, person, *, acting_user, status: str,
                      sought_by: str = "", answered_on=None, note: str = "") -> Consent:
    """One person's answer (R-MASH-3): sought, given, refused or not sought."""
    if status not in ConsentStatus.values:
        raise Refused({"status": "Choose sought, given, refused or not sought"})
    if person.pk not in {p.pk for p in people_with_pr(enquiry)}:
        raise Refused({"person": "Consent is recorded for people with parental "
                                 "responsibility for the children on this contact"})
    if answered_on and answered_on > timezone.now():
        raise Refused({"answered_on": "The date of the answer cannot be in the future"})
    consent, _ = Consent.objects.update_or_create(
        enquiry=enquiry, person=person,
        defaults={"status": status, "sought_by": sought_by, "answered_on": answered_on,
                  "note": note, "recorded_by": acting_user, "recorded_at": timezone.now()})
    audit.record("consent", user=acting_user, obj=person,
                 fields={"contact": enquiry.contact.reference, "status": status})
    return consent


@transaction.atomic
def do_request_override(enquiry: MashEnquiry, *, acting_user, justification: str
                        ) -> ConsentOverride:
    """R-MASH-3: gathering without consent needs a reason that seeking it would put a child at
    risk of significant harm, and a manager's approval."""
    if len((justification or "").strip()) < 20:
        raise Refused({"justification": "Explain why seeking consent would place a child "
                                        "at risk of significant harm (at least 20 characters)"})
    if hasattr(enquiry, "override"):
        raise Refused("An override has already been requested for this enquiry.", why=Why.STATE)
    override = ConsentOverride.objects.create(
        enquiry=enquiry, justification=justification.strip(), requested_by=acting_user,
        requested_at=timezone.now(), out_of_hours=calendar.is_edt(timezone.now()))
    audit.record("override_requested", user=acting_user, obj=enquiry.contact,
                 reason=justification)
    approvers = _approvers(timezone.now(), override.out_of_hours)
    notify([u for u in approvers if u.pk != acting_user.pk],
           subject=f"A consent override on {enquiry.contact.reference} needs your approval",
           link=f"/contacts/{enquiry.contact_id}/mash")
    return override


def _approvers(now, out_of_hours: bool) -> list:
    """Who may approve now (R-MASH-3): the CRS managers in office hours; out of hours the
    senior manager on call (with nobody on the rota, the service managers are told so that one
    of them can go on call)."""
    if not out_of_hours:
        return list(User.objects.filter(is_active=True, team__service__in=FRONT_DOOR_SERVICES,
                                        role__in=[Role.TEAM_MANAGER, Role.SERVICE_MANAGER]))
    return duty.on_call_at(now) or list(User.objects.filter(is_active=True,
                                                            role=Role.SERVICE_MANAGER))


@transaction.atomic
def do_approve_override(enquiry: MashEnquiry, *, acting_user) -> ConsentOverride:
    override = ConsentOverride.objects.select_for_update().filter(enquiry=enquiry).first()
    if override is None:
        raise Refused("No override has been requested.", why=Why.STATE)
    if override.approved_at:
        raise Refused("This override is already approved.", why=Why.STATE)
    now = timezone.now()
    out_of_hours = calendar.is_edt(now)
    team_service = acting_user.team.service if acting_user.team_id else None
    on_call = duty.on_call_at(now) if out_of_hours else []
    if not rules.may_approve_override(role=acting_user.role, team_service=team_service,
                                      out_of_hours=out_of_hours,
                                      on_call_now=any(u.pk == acting_user.pk for u in on_call)):
        if out_of_hours:
            who = ", ".join(u.display_name for u in on_call) or "nobody (add them with hearth "\
                "oncall)"
            raise Refused("Out of hours only the senior manager on call now can approve a "
                          f"consent override (R-MASH-3). On call now: {who}.", why=Why.FORBIDDEN)
        raise Refused("Only a CRS manager can approve a consent override in office hours "
                      "(out of hours, the senior manager on call).", why=Why.FORBIDDEN)
    if acting_user.pk == override.requested_by_id:
        raise Refused("A manager cannot approve their own override request.", why=Why.FORBIDDEN)
    override.approved_by, override.approved_at = acting_user, now
    override.out_of_hours = out_of_hours
    override.save()
    audit.record("override_approved", user=acting_user, obj=enquiry.contact,
                 reason=override.justification)
    return override


def _subjects(enquiry: MashEnquiry) -> list[dict]:
    """The minimum a partner needs to find their records (R-MASH-4)."""
    result = []
    for link in enquiry.contact.links.select_related("person"):
        person = link.person
        address = person.addresses.filter(end_date__isnull=True).select_related("address").first()
        result.append({
            "name": person.display_name,
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
            "role": link.role,
            "address": str(address.address) if address else "",
        })
    return result


@transaction.atomic
def do_start_gathering(enquiry: MashEnquiry, *, acting_user, question: str = "") -> list:
    """Send the requests to the partner agencies, once consent or an approved override allows."""
    enquiry = MashEnquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.status != MashStatus.AWAITING_CONSENT:
        raise Refused("Information gathering has already started.", why=Why.STATE)
    pr_people = people_with_pr(enquiry)
    answers = [c.status for c in enquiry.consents.filter(person__in=pr_people)]
    override = getattr(enquiry, "override", None)
    if not rules.consent_allows_gathering(answers, len(pr_people),
                                          bool(override and override.approved_at)):
        raise Refused("Every person with parental responsibility must consent, or a manager "
                      "must approve an override, before partners are asked (R-MASH-3).",
                      why=Why.FORBIDDEN)
    now = timezone.now()
    due = rules.mash_due(enquiry.rag, now, rag_deadlines())
    subjects = _subjects(enquiry)
    requests = [MashAgencyRequest.objects.create(enquiry=enquiry, agency=agency,
                                                 subjects=subjects, question=question,
                                                 due_at=due)
                for agency in enquiry.agencies.all()]
    enquiry.status = MashStatus.GATHERING
    enquiry.gathering_from = now
    enquiry.version += 1
    enquiry.save()
    audit.record("mash_requests_sent", user=acting_user, obj=enquiry.contact,
                 fields={"agencies": [r.agency.name for r in requests],
                         "due": due.isoformat()})
    for request in requests:
        notify(list(User.objects.filter(is_active=True, role=Role.MASH_PARTNER,
                                        agency=request.agency)),
               subject="A new MASH information request for your agency",
               link=f"/mash/requests/{request.pk}")
    return requests


@transaction.atomic
def do_answer_request(request: MashAgencyRequest, *, acting_user, answer: str, sources: str,
                      information_date: date) -> MashAgencyRequest:
    """A partner answers for their own agency only, with dated, sourced information."""
    request = MashAgencyRequest.objects.select_for_update().get(pk=request.pk)
    if acting_user.role != Role.MASH_PARTNER or acting_user.agency_id != request.agency_id:
        raise Refused("You can answer only the requests addressed to your agency.",
                      why=Why.FORBIDDEN)
    if request.answered_at:
        raise Refused("This request has already been answered.", why=Why.STATE)
    errors = {}
    if not answer.strip():
        errors["answer"] = "Enter what your agency knows (or that it holds nothing)"
    if not sources.strip():
        errors["sources"] = "Enter where the information comes from"
    if information_date is None:
        errors["information_date"] = "Enter the date of the information"
    elif information_date > timezone.localdate():
        errors["information_date"] = "The date of the information cannot be in the future"
    refuse_if(errors)
    request.answer, request.sources = answer.strip(), sources.strip()
    request.information_date = information_date
    request.answered_by, request.answered_at = acting_user, timezone.now()
    request.save()
    audit.record("mash_answered", user=acting_user, obj=request.enquiry.contact,
                 fields={"agency": request.agency.name, "late": request.is_late})
    notify([request.enquiry.started_by], subject=f"{request.agency.name} answered the MASH "
           f"request on {request.enquiry.contact.reference}",
           link=f"/contacts/{request.enquiry.contact_id}/mash")
    return request


@transaction.atomic
def do_record_analysis(enquiry: MashEnquiry, *, acting_user, analysis: str) -> MashEnquiry:
    """R-MASH-5: the worker records their analysis of what the partners said; a CRS manager
    signs it off (``do_sign_off_analysis``) before the contact returns to the decision step."""
    if not analysis.strip():
        raise Refused({"analysis": "Enter your analysis of what the partners said"})
    enquiry = MashEnquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.status == MashStatus.AWAITING_SIGN_OFF:
        raise Refused("The analysis is waiting for a CRS manager's sign-off.", why=Why.STATE)
    if enquiry.status != MashStatus.GATHERING:
        raise Refused("Record the analysis once information gathering has started.", why=Why.STATE)
    enquiry.analysis, enquiry.analysed_by = analysis.strip(), acting_user
    enquiry.analysed_at = timezone.now()
    enquiry.status = MashStatus.AWAITING_SIGN_OFF
    enquiry.version += 1
    enquiry.save()
    contact = Contact.objects.select_for_update().get(pk=enquiry.contact_id)
    contact.version += 1
    contact.save(update_fields=["version"])
    audit.record("mash_analysed", user=acting_user, obj=contact)
    notify(_sign_off_managers(contact, acting_user),
           subject=f"The MASH analysis on {contact.reference} needs your sign-off",
           link=f"/contacts/{contact.pk}/mash#analysis")
    return enquiry


def _sign_off_managers(contact: Contact, analyst) -> list:
    """Who is asked to sign off (R-MASH-5): out of hours, the on-call senior manager for an EDT
    contact; otherwise the front door's managers (or, failing them, the service managers)."""
    users = User.objects.filter(is_active=True).exclude(pk=analyst.pk)
    now = timezone.now()
    if contact.is_edt and calendar.is_edt(now):
        on_call = [u for u in duty.on_call_at(now) if u.pk != analyst.pk]
        return on_call or list(users.filter(role=Role.SERVICE_MANAGER))
    managers = list(users.filter(role=Role.TEAM_MANAGER, team__service__in=FRONT_DOOR_SERVICES))
    return managers or list(users.filter(role=Role.SERVICE_MANAGER))


def _check_signer(enquiry: MashEnquiry, user) -> None:
    if not may_sign_off(None, user):
        raise Refused("Only a CRS manager (out of hours, the on-call senior manager) can "
                      "sign off or return a MASH analysis (R-MASH-5).", why=Why.FORBIDDEN)
    if not may_sign_off(enquiry, user):
        raise Refused("You wrote this analysis: another CRS manager must sign it off "
                      "(R-MASH-5).", why=Why.FORBIDDEN)


def _awaiting_sign_off(enquiry: MashEnquiry, user) -> MashEnquiry:
    enquiry = MashEnquiry.objects.select_for_update().get(pk=enquiry.pk)
    _check_signer(enquiry, user)
    if enquiry.status != MashStatus.AWAITING_SIGN_OFF:
        raise Refused("There is no analysis waiting for sign-off on this contact.", why=Why.STATE)
    return enquiry


@transaction.atomic
def do_sign_off_analysis(enquiry: MashEnquiry, *, acting_user) -> MashEnquiry:
    """R-MASH-5: a CRS manager signs off the analysis; the contact returns to the decision."""
    enquiry = _awaiting_sign_off(enquiry, acting_user)
    enquiry.status = MashStatus.ANALYSED
    enquiry.signed_off_by, enquiry.signed_off_at = acting_user, timezone.now()
    enquiry.version += 1
    enquiry.save()
    contact = Contact.objects.select_for_update().get(pk=enquiry.contact_id)
    contact.status = ContactStatus.OPEN
    contact.version += 1
    contact.save(update_fields=["status", "version"])
    audit.record("mash_analysis_signed_off", user=acting_user, obj=contact)
    if enquiry.analysed_by is not None:
        notify([enquiry.analysed_by], subject=f"The MASH analysis on {contact.reference} was "
               "signed off: decide what happens next", link=f"/contacts/{contact.pk}")
    return enquiry


@transaction.atomic
def do_return_analysis(enquiry: MashEnquiry, *, acting_user, reason: str) -> MashEnquiry:
    """R-MASH-5: the manager returns the analysis to the worker with a reason; the worker
    records it again and the contact stays in the MASH."""
    enquiry = _awaiting_sign_off(enquiry, acting_user)
    if not (reason or "").strip():
        raise Refused({"reason": "Enter what the worker should look at again"})
    enquiry.status = MashStatus.GATHERING
    enquiry.returned_by, enquiry.returned_at = acting_user, timezone.now()
    enquiry.return_reason = reason.strip()
    enquiry.version += 1
    enquiry.save()
    contact = Contact.objects.select_for_update().get(pk=enquiry.contact_id)
    contact.version += 1
    contact.save(update_fields=["version"])
    audit.record("mash_analysis_returned", user=acting_user, obj=contact, reason=reason.strip())
    if enquiry.analysed_by is not None:
        notify([enquiry.analysed_by], subject=f"Your MASH analysis on {contact.reference} was "
               "returned", body=reason.strip(), link=f"/contacts/{contact.pk}/mash#analysis")
    return enquiry
