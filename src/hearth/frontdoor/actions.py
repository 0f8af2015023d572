"""Every write at the front door: one transaction and an audit row each (R-FD, R-EDT)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.users import notify
from hearth.access.codes import Role
from hearth.access.models import Team, User
from hearth.access.rules import FRONT_DOOR_SERVICES
from hearth.casework.actions import do_open_involvement
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.chronology import actions as chronology
from hearth.frontdoor import duty, rules
from hearth.frontdoor.codes import (
    ContactStatus,
    DecisionStatus,
    Outcome,
    PersonRole,
    PrimaryNeed,
    ReferralSource,
    Urgency,
)
from hearth.frontdoor.errors import InvalidContact, NotAllowed, WrongState
from hearth.frontdoor.models import Contact, ContactPerson, Decision, MashEnquiry

CONTACT_FIELDS = [
    "received_at", "channel", "caller_kind", "caller_name", "caller_agency", "caller_role",
    "caller_contact", "caller_email", "caller_relationship", "referral_source", "worries",
    "strengths", "caller_actions", "child_words", "questions_asked", "advice_given", "urgency",
    "family_aware", "family_told_sharing", "not_told_reason", "primary_need",
]


def validate_contact(data: dict[str, Any], now: datetime) -> dict[str, str]:
    """Field errors for a contact (empty when it may be recorded)."""
    errors: dict[str, str] = {}
    received = data.get("received_at")
    if received is None:
        errors["received_at"] = "Enter when the contact was received"
    elif received > now + timedelta(minutes=5):
        errors["received_at"] = "When received cannot be in the future"
    if data.get("referral_source") not in ReferralSource.values:
        errors["referral_source"] = "Choose the referral source (a DfE code such as 2A or 6)"
    if data.get("urgency") not in Urgency.values:
        errors["urgency"] = "Select the urgency: immediate, today or routine"
    if data.get("primary_need") and data["primary_need"] not in PrimaryNeed.values:
        errors["primary_need"] = "Choose a primary need code N0 to N9"
    for field, message in (("caller_name", "Enter the caller's name"),
                           ("caller_contact", "Enter how to reach the caller"),
                           ("worries", "Enter what the caller is worried about")):
        if not (data.get(field) or "").strip():
            errors[field] = message
    if rules.reason_required_for_not_telling(bool(data.get("family_told_sharing"))) and not (
            data.get("not_told_reason") or "").strip():
        errors["not_told_reason"] = ("Enter the exceptional reason the family was not told "
                                     "information would be shared (R-FD-2)")
    return errors


@transaction.atomic
def do_record_contact(*, acting_user, people: list[tuple[Any, str]] | None = None, now=None,
                      new_records: Collection = (), **data: Any) -> Contact:
    """Record the conversation (R-FD-1, R-FD-2); out-of-hours contacts are EDT's (R-EDT-1).
    ``new_records``: the pks of the people whose records were first made while taking it."""
    now = now or timezone.now()
    people = people or []
    errors = validate_contact(data, now)
    for _, role in people:
        if role not in PersonRole.values:
            errors["people"] = f"Unknown role {role!r}: use child or adult"
    if errors:
        raise InvalidContact(errors)
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


def immediate_hours() -> int:
    """R-FD-4: the deadline of an immediate contact (HEARTH_IMMEDIATE_DEADLINE_HOURS)."""
    return int(getattr(settings, "IMMEDIATE_DEADLINE_HOURS",
                       rules.DEFAULT_IMMEDIATE_DEADLINE_HOURS))


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
        raise InvalidContact({"role": "Choose child or adult"})
    link = _link(contact, person, role, acting_user, new_record=new_record)
    chronology.sync(contact)
    return link


@transaction.atomic
def do_record_edt_actions(contact: Contact, *, acting_user, actions: str) -> Contact:
    """R-EDT-2: what the Emergency Duty Team did out of hours."""
    if not actions.strip():
        raise InvalidContact({"edt_actions": "Enter what you did"})
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
        raise WrongState("Only an EDT contact that has been handed to CRS can be checked.")
    if contact.status != ContactStatus.DECIDED:
        raise WrongState("This contact is still to be decided: deciding it completes the "
                         "handover.")
    if contact.handover_checked_at:
        raise WrongState("CRS has already checked this contact.")
    if contact.decided_at is None or contact.decided_at >= contact.handover_at:
        raise WrongState("CRS decided this contact: there is no EDT handover to check.")
    contact.handover_checked_at, contact.handover_checked_by = now, acting_user
    contact.version += 1
    contact.save(update_fields=["handover_checked_at", "handover_checked_by", "version"])
    audit.record("edt_handover_checked", user=acting_user, obj=contact)
    return contact


def _lock_open(contact: Contact, expected_version: int | None, allowed: set[str]) -> Contact:
    current = Contact.objects.select_for_update().get(pk=contact.pk)
    if current.status not in allowed:
        raise WrongState(f"This contact is {current.get_status_display().lower()}: "
                         "it cannot be decided again.")
    if expected_version is not None and current.version != expected_version:
        raise WrongState("Someone else changed this contact since you opened it. Nothing was "
                         "saved: reload it to see their change.")
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
    if errors:
        raise InvalidContact(errors)
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
        raise NotAllowed("Only a manager can authorise or return a decision.")
    if user.pk == decision.proposed_by_id:
        raise NotAllowed("You proposed this decision: another manager must authorise or "
                         "return it (R-FD-5).")
    if not may_review(decision, user):
        team = decision.proposed_by.team
        theirs = f" or of {team.name}, the proposer's team," if team else ""
        raise NotAllowed(f"Only a manager of the front door{theirs} can authorise or return "
                         "this decision (R-FD-5).")


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
        raise WrongState("This decision has already been reviewed.")
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
        raise InvalidContact({"comment": "Enter a comment for the worker"})
    if decision.status != DecisionStatus.PROPOSED:
        raise WrongState("This decision has already been reviewed.")
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
        from hearth.frontdoor.mash import start_enquiry

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
                                primary_need=decision.primary_need,
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
