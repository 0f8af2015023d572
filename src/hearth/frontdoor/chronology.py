"""What the front door adds to a child's chronology (R-CHR-1): each contact received, and the
decision taken on it, for every person the contact is about. Registered from the app's
AppConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, name_of, shorten
from hearth.frontdoor.codes import DecisionStatus, ReferralSource
from hearth.frontdoor.models import Contact

ORIGIN = "contact"
LINK = Link("contacts:contact", "contact_id")


def contact_events(contact) -> list[Spec]:
    source = contact.caller_agency or dict(ReferralSource.choices).get(
        contact.referral_source, "Not recorded")
    said_by = ", ".join(p for p in (contact.caller_name, contact.caller_role) if p)
    received = (f"{contact.get_caller_kind_display()} contacted us by "
                f"{contact.get_channel_display().lower()}: {shorten(contact.worries, 300)}")
    decision = None
    if contact.decided_at or contact.status == "in_mash":
        taken = [d for d in contact.decisions.all()
                 if d.status in (DecisionStatus.AUTHORISED, DecisionStatus.DECIDED)]
        decision = max(taken, key=lambda d: (d.proposed_at, d.pk), default=None)
    specs = []
    for link in contact.links.all():
        specs.append(Spec(link.person_id, Kind.CONTACT_RECEIVED, contact.received_at,
                          received, source_agency=source, source_person=said_by,
                          recorded_by_id=contact.recorded_by_id))
        if decision is not None:
            when = decision.reviewed_at or contact.decided_at or decision.proposed_at
            specs.append(Spec(link.person_id, Kind.CONTACT_DECISION, when,
                              f"Decision: {decision.get_outcome_display()}. "
                              f"{shorten(decision.rationale, 250)}",
                              source_person=name_of(decision.reviewed_by
                                                    or decision.proposed_by),
                              recorded_by_id=decision.proposed_by_id))
    return specs


def all_contacts():
    return Contact.objects.prefetch_related(
        "links", "decisions__proposed_by", "decisions__reviewed_by")
