"""Reads that front-door pages and the API share."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from hearth.access.codes import Role
from hearth.frontdoor.models import ContactPerson, Decision, MashAgencyRequest
from hearth.people.models import Person
from hearth.people.queries import NO_CASEWORK_ROLES, manages_front_door


def own_requests(user) -> QuerySet[MashAgencyRequest]:
    """The MASH requests addressed to the user's agency (none without one): all a partner may
    see of a family (R-MASH-4)."""
    if not user.agency_id:
        return MashAgencyRequest.objects.none()
    return MashAgencyRequest.objects.filter(agency_id=user.agency_id).select_related("agency")


CONTACT_ALL_ROLES = {Role.FRONT_DOOR, Role.ADVANCED_PRACTITIONER, Role.SERVICE_MANAGER}


def contact_scope(user) -> Q | None:
    """Who may see a contact (registered with ``core.visibility``): front-door staff, EDT and
    service managers see every contact; the front door's team managers too. Others see
    contacts about people they may see (LADO: also those passed to the LADO). Partners see
    none: they see only the MASH requests addressed to their agency (R-MASH-4)."""
    if user.role in NO_CASEWORK_ROLES or user.role == Role.MASH_PARTNER:
        return None
    if user.role in CONTACT_ALL_ROLES or manages_front_door(user):
        return Q()
    about_visible = Q(Exists(ContactPerson.objects.filter(
        contact=OuterRef("pk"), person__in=Person.objects.visible_to(user).values("pk"))))
    if user.role == Role.LADO:
        passed = Exists(Decision.objects.filter(contact=OuterRef("pk"), outcome="lado",
                                                status="decided"))
        return about_visible | Q(passed)
    return about_visible


def contacts_panel(user, person):
    """The person page's contacts about this person that the user may see, newest first
    (R-EDT-3: every contact, EDT's included, is on the child's record). Registered from
    FrontdoorConfig.ready on ``people.queries.persons.PERSON_PANELS``."""
    from hearth.frontdoor.models import Contact
    from hearth.people.queries.persons import Panel

    return Panel("frontdoor/_person_contacts.html", {
        "contacts": list(Contact.objects.visible_to(user).filter(links__person=person)
                         .order_by("-received_at")[:50])})
