"""Reads that pages and the API share; all go through ``visible_to``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

from hearth.people.models import Person


def get_visible_person(user, person_id) -> Person:
    """The live person, or 404 when it does not exist, is merged away, is not visible, or the
    id is not an id at all (pages, the API and ``?person=`` parameters all come here)."""
    try:
        return Person.objects.visible_to(user).live().get(pk=person_id)
    except (Person.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("No such person.") from exc


def person_contacts(user, person: Person) -> list:
    """Contacts about this person that the user may see, newest first (R-EDT-3: every
    contact, EDT's included, is on the child's record)."""
    from hearth.frontdoor.models import Contact

    return list(Contact.objects.visible_to(user).filter(links__person=person)
                .order_by("-received_at")[:50])


def person_detail(person: Person) -> dict:
    from hearth.casework.models import Involvement
    from hearth.people.models import HouseholdMembership, PersonAddress, Relationship

    return {
        "involvements": list(Involvement.objects.filter(person=person)
                             .select_related("team", "worker").order_by("-opened_on")),
        "names": list(person.other_names.all()),
        "relationships": list(
            Relationship.objects.filter(relative=person).select_related("person")
        ) + list(Relationship.objects.filter(person=person).select_related("relative")),
        "addresses": list(PersonAddress.objects.filter(person=person).select_related("address")),
        "households": list(
            HouseholdMembership.objects.filter(person=person).select_related("household")
        ),
    }
