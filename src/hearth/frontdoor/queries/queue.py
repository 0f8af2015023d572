"""Reads for the queues (R-FD-4, R-EDT-3): the contacts a user may see with what a queue row
shows, the daytime (CRS) queue's filter, and the children each contact names."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q

from hearth.frontdoor.codes import ContactStatus, DecisionStatus, PersonRole
from hearth.frontdoor.models import Contact, ContactPerson, Decision
from hearth.frontdoor.queries.contacts import children, links_prefetch, visible_person_ids

UNDECIDED = [ContactStatus.OPEN, ContactStatus.AWAITING_AUTHORISATION, ContactStatus.IN_MASH]
AWAITING_DECISION = [ContactStatus.OPEN, ContactStatus.AWAITING_AUTHORISATION]


def queue_contacts(user):
    """The contacts the user may see, with their people, MASH enquiry and open proposals."""
    return Contact.objects.visible_to(user).select_related("mash").prefetch_related(
        links_prefetch(),
        Prefetch("decisions", to_attr="proposals", queryset=Decision.objects.filter(
            status=DecisionStatus.PROPOSED).select_related("proposed_by")))


def children_rows(user, contacts) -> list[tuple]:
    """Each contact with the children the user may see, and how many they may not."""
    contacts = list(contacts)
    found = [(c, children(c)) for c in contacts]
    visible = visible_person_ids(user, (p for _, kids in found for p in kids))
    return [(c, [p for p in kids if p.pk in visible], sum(p.pk not in visible for p in kids))
            for c, kids in found]


def crs_queue(contacts, now: datetime):
    """Daytime contacts; EDT contacts only from their handover, and then those still undecided
    (CRS decides them), and those EDT decided about a child not known (none identified yet, or
    a record first made while taking the contact) until CRS has checked them (R-EDT-3,
    ``rules.goes_to_crs``)."""
    kids = ContactPerson.objects.filter(contact=OuterRef("pk"), role=PersonRole.CHILD)
    child_unknown = ~Exists(kids) | Exists(kids.filter(new_record=True))
    edt_decided_unknown = child_unknown & Q(decided_at__lt=F("handover_at"),
                                            handover_checked_at__isnull=True)
    return contacts.filter(
        Q(is_edt=False, status__in=UNDECIDED)
        | (Q(is_edt=True, handover_at__lte=now)
           & (Q(status__in=UNDECIDED) | edt_decided_unknown)))
