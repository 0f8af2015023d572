"""Reads of contacts that pages and the API share. Every contact is read through
``visible_to``: a contact the user may not see answers 404, so its existence does not leak."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q

from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404, visible_pks
from hearth.frontdoor import rules
from hearth.frontdoor.codes import PersonRole
from hearth.frontdoor.models import Contact, ContactPerson, Decision
from hearth.people.models import Person
from hearth.people.queries.visibility import NO_CASEWORK_ROLES, manages_front_door

CONTACT_ALL_ROLES = {Role.FRONT_DOOR, Role.ADVANCED_PRACTITIONER, Role.SERVICE_MANAGER}


def sees_no_contacts(user) -> bool:
    """Staff without casework, and partners (R-MASH-4), see no contact."""
    return user.role in NO_CASEWORK_ROLES or user.role == Role.MASH_PARTNER


def contact_scope(user) -> Q | None:
    """Who may see a contact (registered with ``core.visibility``): front-door staff, EDT and
    service managers see every contact; the front door's team managers too. Others see
    contacts about people they may see (LADO: also those passed to the LADO). Partners see
    none: they see only the MASH requests addressed to their agency (R-MASH-4)."""
    if sees_no_contacts(user):
        return None
    if user.role in CONTACT_ALL_ROLES or manages_front_door(user):
        return Q()
    about_visible = Q(Exists(ContactPerson.objects.filter(
        contact=OuterRef("pk"), person__in=visible_pks(Person, user))))
    if user.role == Role.LADO:
        passed = Exists(Decision.objects.filter(contact=OuterRef("pk"), outcome="lado",
                                                status="decided"))
        return about_visible | Q(passed)
    return about_visible


def child_of(contact: Contact):
    """The first child a contact is about (who a document attached to it concerns), if any."""
    link = (ContactPerson.objects.filter(contact=contact, role=PersonRole.CHILD)
            .select_related("person").order_by("pk").first())
    return link.person if link else None


def decision_scope(user) -> Q | None:
    """A decision is seen with its contact (registered with ``core.visibility``)."""
    q = contact_scope(user)
    return None if q is None else Q(contact__in=Contact.objects.filter(q).values("pk"))


def get_visible_decision(user, decision_id) -> Decision:
    """The decision, on a contact the user may see (else 404), with its contact."""
    return get_visible_or_404(Decision.objects.select_related("contact"), user, decision_id)


def immediate_hours() -> int:
    """R-FD-4: the deadline of an immediate contact (HEARTH_IMMEDIATE_DEADLINE_HOURS)."""
    return int(getattr(settings, "IMMEDIATE_DEADLINE_HOURS",
                       rules.DEFAULT_IMMEDIATE_DEADLINE_HOURS))


def links_prefetch() -> Prefetch:
    """The contact's people with their records, children first ("child" > "adult")."""
    return Prefetch("links", queryset=ContactPerson.objects.select_related("person")
                    .order_by("-role", "person__family_name", "person__given_name"))


def open_involvements(people: Iterable) -> dict:
    """Each person's open involvements (team and allocated worker), in one query."""
    ids = [p.pk for p in people]
    found: dict = defaultdict(list)
    if ids:
        for inv in (Involvement.objects.filter(person_id__in=ids)
                    .exclude(status=InvolvementStatus.CLOSED)
                    .select_related("team", "worker").order_by("opened_on")):
            found[inv.person_id].append(inv)
    return found


def visible_person_ids(user, people: Iterable) -> set:
    """Which of ``people`` the user may see (a restricted record stays hidden), in one query."""
    ids = {p.pk for p in people}
    if not ids:
        return set()
    return set(Person.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def people_rows(pairs: Iterable[tuple], user) -> list[dict]:
    """[(person, role)] as rows for ``_linked_people.html``, with existing involvement. A person
    the user may not see is shown only as such: no name, no involvement."""
    pairs = list(pairs)
    visible = visible_person_ids(user, (p for p, _ in pairs))
    involvements = open_involvements(p for p, _ in pairs if p.pk in visible)
    return [{"person": p, "role": role, "involvements": involvements.get(p.pk, [])}
            if p.pk in visible else {"person": None, "role": role, "involvements": []}
            for p, role in pairs]


def children(contact: Contact) -> list:
    return [link.person for link in contact.links.all() if link.role == "child"]


@compiled
def _contacts_about(p):
    return (Contact.objects.filter(links__person_id=p.uuid("person"))
            .order_by("-received_at", "-pk")[:50])


def contacts_panel(user, person):
    """The person page's contacts about this person that the user may see, newest first
    (R-EDT-3: every contact, EDT's included, is on the child's record). Registered from
    FrontdoorConfig.ready on ``people.queries.persons.PERSON_PANELS``."""
    from hearth.people.queries.persons import Panel

    # The page is this person's, so the user may see them; and whoever sees contacts at all
    # sees every contact about a person they may see (``contact_scope``). So the contacts
    # about this person are theirs to see without the scope's subquery over every visible
    # person (tests/frontdoor/test_pages_contacts.py checks both against each other).
    if sees_no_contacts(user):
        return Panel("frontdoor/_person_contacts.html", {"contacts": []})
    return Panel("frontdoor/_person_contacts.html", {
        "contacts": _contacts_about.all(person=person.pk)})
