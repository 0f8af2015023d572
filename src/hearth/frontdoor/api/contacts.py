"""``/api/v1/contacts``: contacts from partner systems and the decisions on them (R-FD-1..5).

Refusals (the one status table, ``hearth.core.refusals``): 422 with field errors for bad input,
403 when the caller may not do it, 404 for what the caller may not see, 409 when the contact's
state forbids it, 412 when someone changed it since ``expected_version``. Nothing is written
when a request is refused. (No ``from __future__ import annotations`` here: django-ninja reads
the handlers' annotations at import time.)"""

from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from hearth.access.models import Agency, Team
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.paging import api_page
from hearth.core.problems import WRITE_ERRORS, Problem, api_names
from hearth.core.refusals import refuse_if
from hearth.core.schemas import ApiPageParams
from hearth.core.visibility import get_visible_or_404
from hearth.frontdoor import rules
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.models import Contact, Decision
from hearth.frontdoor.models.contact import AWAITING_DECISION
from hearth.frontdoor.queries.contacts import get_visible_decision
from hearth.frontdoor.schemas import (
    ContactDecisionIn,
    ContactDecisionOut,
    ContactIn,
    ContactOut,
    ContactSummaryOut,
    DecisionReturnIn,
)
from hearth.people.models import Person

router = Router(tags=["contacts"])

ERRORS = {**WRITE_ERRORS, 403: Problem}
#: The action's names for the fields, as the API names them.
DECISION_FIELDS = {"team": "team_id", "scope": "mash.scope", "rag": "mash.rag",
                   "agencies": "mash.agency_ids"}


def user_name(user) -> str | None:
    return user.display_name if user else None


def decision_out(d: Decision) -> dict:
    return {"id": d.pk, "contact_id": d.contact_id, "outcome": d.outcome, "status": d.status,
            "rationale": d.rationale, "team_id": d.team_id,
            "proposed_by": d.proposed_by.display_name, "proposed_at": d.proposed_at,
            "reviewed_by": user_name(d.reviewed_by), "reviewed_at": d.reviewed_at,
            "manager_comment": d.manager_comment, "contact_status": d.contact.status}


def contact_out(contact: Contact) -> dict:
    contact.refresh_from_db()
    data = {f: getattr(contact, f) for f in ContactOut.model_fields
            if f not in ("people", "decisions", "reference")}
    data["reference"] = contact.reference
    data["people"] = [{"person_id": link.person_id, "role": link.role}
                      for link in contact.links.order_by("pk")]
    data["decisions"] = [decision_out(d) for d in contact.decisions.select_related(
        "contact", "proposed_by", "reviewed_by")]
    return data


def _decision(pk: int) -> Decision:
    return Decision.objects.select_related("contact", "proposed_by", "reviewed_by").get(pk=pk)


@router.post("", response={201: ContactOut, **ERRORS}, auth=permission("contacts.record"))
def record_contact(request: AuthedRequest, payload: ContactIn):
    """Record a contact from a partner system, with the page's validation. Each person must
    already exist and be visible to the caller (search ``/api/v1/people`` first)."""
    data = payload.dict()
    links = data.pop("people")
    ids = [link["person_id"] for link in links]
    found = {p.pk: p for p in Person.objects.visible_to(request.auth).filter(pk__in=ids)}
    unseen = {f"people.{i}.person_id": f"No person {link['person_id']} that you can see: "
              "search for them first" for i, link in enumerate(links)
              if link["person_id"] not in found}
    if unseen:
        refuse_if({**rules.contact_problems(data, timezone.now()), **unseen})
    contact = actions.do_record_contact(
        acting_user=request.auth,
        people=[(found[link["person_id"]], link["role"]) for link in links], **data)
    return Status(201, contact_out(contact))


@router.get("", response={200: list[ContactSummaryOut], 422: Problem},
            auth=permission("contacts.queue"))
def waiting_contacts(request: AuthedRequest, response: HttpResponse,
                     paging: Query[ApiPageParams]):
    """The contacts you may see that wait for a decision: immediate ones first, then the
    soonest due (an overdue one is due soonest) (R-FD-4), a page at a time (``page``,
    ``page_size``; ``X-Total-Count`` and ``Link`` headers say how many and where the other
    pages are)."""
    now = timezone.now()
    waiting, _ = api_page(Contact.objects.visible_to(request.auth).filter(
        status__in=AWAITING_DECISION).in_queue_order(now), request, response,
        page=paging.page, size=paging.page_size)
    return [{"id": c.pk, "reference": c.reference, "status": c.status, "urgency": c.urgency,
             "is_edt": c.is_edt, "received_at": c.received_at, "decision_due": c.decision_due,
             "overdue": c.decision_due < now} for c in waiting]


@router.get("/{int:contact_id}", response={200: ContactOut, 404: Problem},
            auth=permission("contacts.view"))
def contact_detail(request: AuthedRequest, contact_id: int):
    contact = get_visible_or_404(Contact, request.auth, contact_id)
    actions.record_contact_view(contact, request.auth)  # as the page does (issue 13 item 3)
    return contact_out(contact)


@router.post("/{int:contact_id}/decisions",
             response={201: ContactDecisionOut, **ERRORS, 412: Problem},
             auth=permission("contacts.decide"))
def decide(request: AuthedRequest, contact_id: int, payload: ContactDecisionIn):
    """Decide the next step (R-FD-5). No further action, referral and strategy discussion
    wait for a manager's authorisation. Send ``expected_version`` (the contact's ``version``)
    to be told, with 412, if someone else changed the contact since you read it."""
    contact = get_visible_or_404(Contact, request.auth, contact_id)
    errors: dict[str, str] = {}
    team = None
    if payload.team_id is not None:
        team = Team.objects.filter(pk=payload.team_id).first()
        if team is None:
            errors["team_id"] = f"No team {payload.team_id}"
    mash_args = None
    if payload.mash is not None:
        agencies = list(Agency.objects.filter(pk__in=payload.mash.agency_ids))
        if len(agencies) != len(set(payload.mash.agency_ids)):
            errors["mash.agency_ids"] = "Use the ids of partner agencies"
        mash_args = {"scope": payload.mash.scope, "rag": payload.mash.rag, "agencies": agencies}
    refuse_if(errors)
    with api_names(DECISION_FIELDS):
        decision = actions.do_decide(
            contact, acting_user=request.auth, outcome=payload.outcome,
            rationale=payload.rationale, expected_version=payload.expected_version,
            advice=payload.advice, referrer_plan=payload.referrer_plan, team=team,
            primary_need=payload.primary_need, mash=mash_args)
    return Status(201, decision_out(_decision(decision.pk)))


@router.post("/decisions/{int:decision_id}/authorise", response={200: ContactDecisionOut, **ERRORS},
             auth=permission("contacts.authorise"))
def authorise(request: AuthedRequest, decision_id: int):
    """A manager of the front door, or of the proposer's team, authorises a proposed
    no-further-action, referral or strategy discussion (R-FD-5); the proposer and other teams'
    managers get 403, and nothing is written."""
    decision = get_visible_decision(request.auth, decision_id)
    actions.do_authorise(decision, acting_user=request.auth)
    return decision_out(_decision(decision.pk))


@router.post("/decisions/{int:decision_id}/return", response={200: ContactDecisionOut, **ERRORS},
             auth=permission("contacts.authorise"))
def return_decision(request: AuthedRequest, decision_id: int, payload: DecisionReturnIn):
    """A manager of the front door, or of the proposer's team, returns a proposal to the
    worker with a comment (R-FD-5); anyone else gets 403."""
    decision = get_visible_decision(request.auth, decision_id)
    actions.do_return(decision, acting_user=request.auth, comment=payload.comment)
    return decision_out(_decision(decision.pk))
