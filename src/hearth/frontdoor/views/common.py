"""Reads the front-door pages share. Every contact is read through ``visible_to``: a contact
the user may not see answers 404, so its existence does not leak."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch
from django.http import Http404

from hearth.access.actions import audit
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.frontdoor.models import Contact, ContactPerson, Decision
from hearth.people.models import Person

FORM_ERROR_STATUS = 400


def links_prefetch() -> Prefetch:
    """The contact's people with their records, children first ("child" > "adult")."""
    return Prefetch("links", queryset=ContactPerson.objects.select_related("person")
                    .order_by("-role", "person__family_name", "person__given_name"))


def get_visible_contact(user, contact_id) -> Contact:
    try:
        return Contact.objects.visible_to(user).get(pk=contact_id)
    except (Contact.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such contact.") from exc


def get_visible_decision(user, decision_id) -> Decision:
    visible = Contact.objects.visible_to(user).values("pk")
    try:
        return Decision.objects.select_related("contact").get(pk=decision_id,
                                                              contact__in=visible)
    except (Decision.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such decision.") from exc


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


def record_contact_view(contact: Contact, user) -> None:
    """Reading a contact is reading the children's record: it is audited."""
    audit.record_read("view_contact", user=user, obj=contact)
