"""Reads of MASH information gathering (R-MASH-1..5): the enquiry on a contact the user may
see, who holds parental responsibility, who may sign off, and a partner's own requests."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from hearth.core.visibility import get_visible_or_404
from hearth.frontdoor import rules
from hearth.frontdoor.models import Contact, ContactPerson, MashAgencyRequest, MashEnquiry
from hearth.people.models import Relationship


def get_visible_enquiry(user, contact_id, *, related: tuple[str, ...] = ()) -> MashEnquiry:
    """The MASH enquiry on a contact the user may see; 404 when the contact is not theirs to
    see or has no MASH information gathering."""
    contact = get_visible_or_404(Contact, user, contact_id)
    enquiry = MashEnquiry.objects.filter(contact=contact).select_related(
        "contact", *related).first()
    if enquiry is None:
        raise Http404("This contact has no MASH information gathering.")
    return enquiry


def own_requests(user) -> QuerySet[MashAgencyRequest]:
    """The MASH requests addressed to the user's agency (none without one): all a partner may
    see of a family (R-MASH-4)."""
    if not user.agency_id:
        return MashAgencyRequest.objects.none()
    return MashAgencyRequest.objects.filter(agency_id=user.agency_id).select_related("agency")


def subject_people(requests) -> list:
    """The ids of the people ``requests`` are about: their ``subjects`` are a copy of these
    people's details, so showing them is a read to audit (issue 13 item 3). One query."""
    return list(ContactPerson.objects.filter(contact__mash__requests__in=list(requests))
                .values_list("person_id", flat=True).distinct())


def get_own_request(user, request_id) -> MashAgencyRequest:
    """A request addressed to the user's agency; another agency's answers 404 (R-MASH-4)."""
    try:
        return own_requests(user).get(pk=request_id)
    except (MashAgencyRequest.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No request with that id for your agency.") from exc


def people_with_pr(enquiry: MashEnquiry) -> list:
    """The adults with parental responsibility for the children on the contact."""
    children = [link.person_id for link in enquiry.contact.links.all() if link.role == "child"]
    rels = Relationship.objects.filter(relative_id__in=children, parental_responsibility=True,
                                       end_date__isnull=True).select_related("person")
    seen, result = set(), []
    for rel in rels:
        if rel.person_id not in seen:
            seen.add(rel.person_id)
            result.append(rel.person)
    return result


def may_sign_off(enquiry: MashEnquiry | None, user) -> bool:
    """R-MASH-5: whether ``user`` may sign off or return this enquiry's analysis (with no
    enquiry: whether they sign off analyses at all)."""
    return rules.may_sign_off_analysis(
        user_id=user.pk, role=user.role,
        team_service=user.team.service if user.team_id else None,
        analysed_by_id=enquiry.analysed_by_id if enquiry else None)


def rag_deadlines() -> dict[str, tuple[str, int]]:
    """R-MASH: the response deadlines by RAG rating (settings.MASH_RAG_DEADLINES)."""
    return getattr(settings, "MASH_RAG_DEADLINES", None) or rules.DEFAULT_RAG_DEADLINES


def deadline_text(rag: str) -> str:
    unit, amount = rag_deadlines()[rag]
    noun = "hour" if unit == "hours" else "working day"
    return f"{amount} {noun}{'' if amount == 1 else 's'}"
