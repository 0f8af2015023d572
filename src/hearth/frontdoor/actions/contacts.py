"""Writes on a contact at the front door: recording it (R-FD-1, R-FD-2), its people, what EDT
did (R-EDT-2, R-EDT-3), and the decision on it (R-FD-4, R-FD-5). One transaction and an audit
row each; a refusal is ``Refused`` and nothing is written."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.access.models import Team, User
from hearth.access.rules import FRONT_DOOR_SERVICES
from hearth.casework.actions import do_open_involvement
from hearth.casework.codes import PrimaryNeed
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, StaleEdit, Why, refuse_if
from hearth.frontdoor import rules
from hearth.frontdoor.actions.mash import start_enquiry
from hearth.frontdoor.codes import (
    ContactStatus,
    DecisionStatus,
    Outcome,
    PersonRole,
    Urgency,
)
from hearth.frontdoor.models import Contact, ContactPerson, Decision, MashEnquiry
from hearth.frontdoor.queries import duty
from hearth.frontdoor.queries.contacts import immediate_hours

CONTACT_FIELDS = [
    "received_at", "channel", "caller_kind", "caller_name", "caller_agency", "caller_role",
    "caller_contact", "caller_email", "caller_relationship", "referral_source", "worries",
    "strengths", "caller_actions", "child_words", "questions_asked", "advice_given", "urgency",
    "family_aware", "family_told_sharing", "not_told_reason", "primary_need",
]
#: What the loser of a race is told (the page shows it with what they wrote; the API's 412).
STALE = ("Someone else changed this contact since you opened it. Nothing was saved: reload it "
         "to see their change.")


@transaction.atomic
def do_record_contact(*, acting_user, people: list[tuple[Any, str]] | None = None, now=None,
                      new_records: Collection = (), **data: Any) -> Contact:
    """Record the conversation (R-FD-1, R-FD-2); out-of-hours contacts are EDT's (R-EDT-1).
    ``new_records``: the pks of the people whose records were first made while taking it."""
    now = now or timezone.now()
    people = people or []
    errors = rules.contact_problems(data, now)
    for _, role in people:
        if role not in PersonRole.values:
            errors["people"] = f"Unknown role {role!r}: use child or adult"
    refuse_if(errors)
    received = data["received_at"]
    contact = Contact(recorded_by=acting_user,
                      **{k: v for k, v in data.items() if k in CONTACT_FIELDS})
    contact.is_edt = calendar.is_edt(received)
    contact.decision_due = rules.decision_due(received, contact.urgency, immediate_hours())
    contact.handover_at = rules.handover_at(received) if contact.is_edt else None
    contact.save()
    audit.record("contact_recorded", user=acting_user, obj=contact,
                 fields={"edt": contact.is_edt, "people": len(people),
                         "urgency": contact.urgency})
    for person, role in people:
        _link(contact, person, role, acting_user, new_record=person.pk in new_records)
    chronology.sync(contact)
    if contact.urgency == Urgency.IMMEDIATE:
        _tell_duty_manager(contact, now)
    return contact


def _tell_duty_manager(contact: Contact, now: datetime) -> None:
    """R-FD-4: an immediate contact tells the CRS manager (out of hours, EDT's) at once; the
    e-mail goes after the commit (``notify``)."""
    due = timezone.localtime(contact.decision_due, calendar.LONDON)
    notify([u for u in duty.managers_on_duty(now) if u.pk != contact.recorded_by_id],
           subject=f"Immediate contact {contact.reference}: a decision is due by "
           f"{due:%H:%M} on {due.day} {due:%B}",
           body="A child may be at risk of significant harm now.",
           link=f"/contacts/{contact.pk}")


def _link(contact: Contact, person, role: str, acting_user, *,
          new_record: bool = False) -> ContactPerson:
    link, _ = ContactPerson.objects.get_or_create(
        contact=contact, person=person, defaults={"role": role, "new_record": new_record})
    audit.record("contact_linked", user=acting_user, obj=person,
                 fields={"contact": contact.reference, "role": role, "new_record": new_record})
    return link


@transaction.atomic
def do_link_person(contact: Contact, person, *, role: str, acting_user,
                   new_record: bool = False) -> ContactPerson:
    """Link a person to a recorded contact; ``new_record`` when their record was just made for
    it (a child so recorded is not known to children's services, R-EDT-3)."""
    if role not in PersonRole.values:
        raise Refused("Choose child or adult", "role")
    link = _link(contact, person, role, acting_user, new_record=new_record)
    chronology.sync(contact)
    return link


@transaction.atomic
def do_record_edt_actions(contact: Contact, *, acting_user, actions: str) -> Contact:
    """R-EDT-2: what the Emergency Duty Team did out of hours."""
    if not actions.strip():
        raise Refused("Enter what you did", "edt_actions")
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    contact.edt_actions = (contact.edt_actions + "\n\n" if contact.edt_actions else "") + (
        f"{timezone.localtime():%d/%m/%Y %H:%M} {acting_user.display_name}: {actions.strip()}")
    contact.version += 1
    contact.save(update_fields=["edt_actions", "version"])
    audit.record("edt_actions", user=acting_user, obj=contact)
    return contact


@transaction.atomic
def do_check_handover(contact: Contact, *, acting_user) -> Contact:
    """R-EDT-3: CRS has checked an EDT contact that EDT decided about a child who was not known
    (none identified, or a record first made for it): it leaves the CRS queue."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    now = timezone.now()
    if not contact.is_edt or contact.handover_at is None or now < contact.handover_at:
        raise Refused("Only an EDT contact that has been handed to CRS can be checked.",
                      why=Why.STATE)
    if contact.status != ContactStatus.DECIDED:
        raise Refused("This contact is still to be decided: deciding it completes the "
                      "handover.", why=Why.STATE)
    if contact.handover_checked_at:
        raise Refused("CRS has already checked this contact.", why=Why.STATE)
    if contact.decided_at is None or contact.decided_at >= contact.handover_at:
        raise Refused("CRS decided this contact: there is no EDT handover to check.", why=Why.STATE)
    contact.handover_checked_at, contact.handover_checked_by = now, acting_user
    contact.version += 1
    contact.save(update_fields=["handover_checked_at", "handover_checked_by", "version"])
    audit.record("edt_handover_checked", user=acting_user, obj=contact)
    return contact


def _lock_open(contact: Contact, expected_version: int | None, allowed: set[str]) -> Contact:
    """The contact, locked: refused when someone changed it since ``expected_version`` (a stale
    edit) or when its status is not one of ``allowed``."""
    current = Contact.objects.select_for_update().get(pk=contact.pk)
    if expected_version is not None and current.version != expected_version:
        stale = StaleEdit(current.version, "contact")
        stale.problems, stale.args = {"": STALE}, (STALE,)  # the front door's own wording
        raise stale
    if current.status not in allowed:
        raise Refused(f"This contact is {current.get_status_display().lower()}: it cannot be "
                      "decided again.", why=Why.STATE)
    return current


@transaction.atomic
def do_decide(contact: Contact, *, acting_user, outcome: str, rationale: str,
              expected_version: int | None = None, advice: str = "", referrer_plan: str = "",
              team: Team | None = None, primary_need: str = "",
              mash: dict | None = None) -> Decision:
    """The worker decides (R-FD-5): NFA, referral and strategy discussion wait for a manager;
    others apply now."""
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = f"Unknown outcome {outcome!r}"
    if not rationale.strip():
        errors["rationale"] = "Enter the reasons for the decision"
    if outcome == Outcome.NFA and not (advice.strip() and referrer_plan.strip()):
        errors["referrer_plan"] = ("Record the advice given and the steps the referring agency "
                                   "agreed to take")
    if outcome == Outcome.REFERRAL and team is None:
        errors["team"] = "Choose the team the child is referred to"
    if primary_need and primary_need not in PrimaryNeed.values:
        errors["primary_need"] = "Choose a primary need code N0 to N9"
    if outcome == Outcome.MASH and not mash:
        errors["mash"] = "Choose the scope and RAG rating for MASH information gathering"
    if outcome == Outcome.MASH and MashEnquiry.objects.filter(contact=contact).exists():
        errors["outcome"] = ("MASH information has already been gathered for this contact: "
                             "decide on what came back")
    refuse_if(errors)
    current = _lock_open(contact, expected_version, {ContactStatus.OPEN})
    now = timezone.now()
    decision = Decision.objects.create(
        contact=current, outcome=outcome, rationale=rationale, advice=advice,
        referrer_plan=referrer_plan, team=team, primary_need=primary_need,
        status=DecisionStatus.PROPOSED if rules.needs_authorisation(outcome)
        else DecisionStatus.DECIDED,
        proposed_by=acting_user, proposed_at=now)
    if primary_need:
        current.primary_need = primary_need
    current.version += 1
    audit.record("decision_proposed" if decision.status == DecisionStatus.PROPOSED
                 else "decided", user=acting_user, obj=current, fields={"outcome": outcome})
    if decision.status == DecisionStatus.PROPOSED:
        current.status = ContactStatus.AWAITING_AUTHORISATION
        current.save()
        notify(_reviewers(current, acting_user), subject=f"A decision on contact "
               f"{current.reference} needs your authorisation", link=f"/contacts/{current.pk}")
    else:
        current.save()
        _apply(current, decision, acting_user, mash=mash)
        chronology.sync(current)
    return decision


def _reviewers(contact: Contact, proposer) -> list[User]:
    """Who is asked to authorise (R-FD-5): out of hours, the on-call senior manager for an EDT
    contact; otherwise the front door's managers and the proposer's own team manager."""
    users = User.objects.filter(is_active=True).exclude(pk=proposer.pk)
    if contact.is_edt and calendar.is_edt(timezone.now()):
        return list(users.filter(role=Role.SERVICE_MANAGER))
    managers = Q(role=Role.TEAM_MANAGER, team__service__in=FRONT_DOOR_SERVICES)
    if proposer.team_id:
        managers |= Q(role=Role.TEAM_MANAGER, team_id=proposer.team_id)
    found = list(users.filter(managers))
    return found or list(users.filter(role=Role.SERVICE_MANAGER))


def may_review(decision: Decision, user) -> bool:
    """R-FD-5: whether ``user`` may authorise or return ``decision`` (see the rule)."""
    return rules.may_review_decision(
        user_id=user.pk, role=user.role, team_id=user.team_id,
        team_service=user.team.service if user.team_id else None,
        proposer_id=decision.proposed_by_id, proposer_team_id=decision.proposed_by.team_id)


def check_reviewer(decision: Decision, user) -> None:
    """Refuse (403, nothing written) anyone but a manager of the front door or of the
    proposer's team; never the proposer (R-FD-5)."""
    if user.role not in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        raise Refused("Only a manager can authorise or return a decision.", why=Why.FORBIDDEN)
    if user.pk == decision.proposed_by_id:
        raise Refused("You proposed this decision: another manager must authorise or "
                      "return it (R-FD-5).", why=Why.FORBIDDEN)
    if not may_review(decision, user):
        team = decision.proposed_by.team
        theirs = f" or of {team.name}, the proposer's team," if team else ""
        raise Refused(f"Only a manager of the front door{theirs} can authorise or return "
                      "this decision (R-FD-5).", why=Why.FORBIDDEN)


def _lock_decision(decision: Decision) -> Decision:
    """The decision, locked (not its proposer's row), with who proposed it."""
    return Decision.objects.select_for_update(of=("self",)).select_related(
        "proposed_by__team").get(pk=decision.pk)


@transaction.atomic
def do_authorise(decision: Decision, *, acting_user) -> Decision:
    """R-FD-5: a manager of the front door or of the proposer's team authorises."""
    decision = _lock_decision(decision)
    check_reviewer(decision, acting_user)
    if decision.status != DecisionStatus.PROPOSED:
        raise Refused("This decision has already been reviewed.", why=Why.STATE)
    contact = _lock_open(decision.contact, None, {ContactStatus.AWAITING_AUTHORISATION})
    decision.status = DecisionStatus.AUTHORISED
    decision.reviewed_by, decision.reviewed_at = acting_user, timezone.now()
    decision.save()
    contact.version += 1
    contact.save(update_fields=["version"])
    audit.record("decision_authorised", user=acting_user, obj=contact,
                 fields={"outcome": decision.outcome})
    _apply(contact, decision, acting_user)
    chronology.sync(contact)
    return decision


@transaction.atomic
def do_return(decision: Decision, *, acting_user, comment: str) -> Decision:
    """The manager sends the proposal back to the worker with a comment (R-FD-5)."""
    decision = _lock_decision(decision)
    check_reviewer(decision, acting_user)
    if not comment.strip():
        raise Refused("Enter a comment for the worker", "comment")
    if decision.status != DecisionStatus.PROPOSED:
        raise Refused("This decision has already been reviewed.", why=Why.STATE)
    contact = _lock_open(decision.contact, None, {ContactStatus.AWAITING_AUTHORISATION})
    decision.status = DecisionStatus.RETURNED
    decision.reviewed_by, decision.reviewed_at = acting_user, timezone.now()
    decision.manager_comment = comment
    decision.save()
    contact.status = ContactStatus.OPEN
    contact.version += 1
    contact.save(update_fields=["status", "version"])
    audit.record("decision_returned", user=acting_user, obj=contact, reason=comment)
    notify([decision.proposed_by], subject=f"Your decision on {contact.reference} was returned",
           body=comment, link=f"/contacts/{contact.pk}")
    return decision


def _children(contact: Contact):
    return [link.person for link in contact.links.select_related("person")
            if link.role == PersonRole.CHILD]


def _apply(contact: Contact, decision: Decision, acting_user, mash: dict | None = None) -> None:
    """Carry out an outcome (R-FD-5)."""
    now = timezone.now()
    if decision.outcome == Outcome.MASH:
        start_enquiry(contact, acting_user=acting_user, **(mash or {}))
        contact.status = ContactStatus.IN_MASH
        contact.save(update_fields=["status"])
        return
    contact.status = ContactStatus.DECIDED
    contact.decided_at = now
    contact.save(update_fields=["status", "decided_at"])
    if decision.outcome == Outcome.REFERRAL:
        team = decision.team
        assert team is not None  # do_decide requires a team for a referral
        for child in _children(contact):
            do_open_involvement(child, team=team, acting_user=acting_user,
                                received_at=contact.received_at,
                                primary_need=decision.primary_need, urgency=contact.urgency,
                                audit_fields={"contact": contact.reference})
        notify(list(User.objects.filter(is_active=True, role=Role.TEAM_MANAGER,
                                        team=decision.team)),
               subject=f"New referral for allocation ({contact.reference})",
               link="/")
    elif decision.outcome == Outcome.LADO:
        notify(list(User.objects.filter(is_active=True, role=Role.LADO)),
               subject=f"Contact {contact.reference} passed to the LADO",
               link=f"/contacts/{contact.pk}")
    elif decision.outcome == Outcome.ALREADY_OPEN:
        workers = {inv.worker for inv in Involvement.objects.filter(
            person__in=_children(contact), worker__isnull=False).exclude(
            status=InvolvementStatus.CLOSED).select_related("worker")}
        notify(sorted(workers, key=lambda u: u.pk),
               subject=f"New contact {contact.reference} about a child you work with",
               link=f"/contacts/{contact.pk}")


def record_contact_view(contact: Contact, user) -> None:
    """Reading a contact is reading the children's record: it is audited."""
    audit.record_read("view_contact", user=user, obj=contact)
