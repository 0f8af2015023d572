"""How a LADO matter starts (R-LADO-2, R-LADO-3), in one transaction with its audit row:

- ``do_record_notification``: a notification through the API (an employer's or partner's
  system) or a consultation the LADO records; the notification clock is checked (a late one
  flagged) and the response falls due in 24 working hours; the LADO officers are told of a
  notification someone else recorded;
- ``do_open_from_contact``: the LADO opens a matter from a front-door contact decided "LADO",
  once, its children carried over and linked to their records (``Matter.contact``).

A child named by their record must be one the notifier may see; refused, naming each field,
and nothing is written otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.frontdoor.codes import DecisionStatus, PersonRole
from hearth.frontdoor.codes import Outcome as ContactOutcome
from hearth.frontdoor.models import Contact
from hearth.lado.actions.matters import audit_matter, manager_only, sync_markers, take
from hearth.lado.codes import Origin
from hearth.lado.models import Matter, MatterChild
from hearth.lado.queries.children import visible_people
from hearth.lado.queries.matters import lado_officers
from hearth.lado.rules import matters as rules
from hearth.lado.rules.children import ChildLine, children_problems
from hearth.lado.rules.notifications import (
    Notification,
    notification_due,
    notification_problems,
    notified_late,
)
from hearth.people.models import Person


def _resolve_children(children: Sequence[ChildLine], acting_user, *, today: date,
                      known: dict | None = None) -> tuple[dict[str, str], list]:
    """The problems with the children, and each child with their record (or None)."""
    problems = children_problems(children, today=today)
    ids = [c.person_id for c in children if c.person_id is not None]
    people = {**visible_people(acting_user, ids), **(known or {})}
    resolved = []
    for i, child in enumerate(children):
        person = people.get(child.person_id) if child.person_id is not None else None
        if child.person_id is not None and person is None:
            problems.setdefault(f"children.{i}.person_id",
                                f"No record of child {i + 1} that you can see: give the "
                                "child's name and date of birth instead")
        resolved.append((child, person))
    return problems, resolved


def _create(*, acting_user, origin: str, n: Notification, children: list,
            contact: Contact | None = None, subject_person=None) -> Matter:
    assert n.concern_shared_at is not None and n.notified_at is not None
    assert n.incident_on is not None
    now = timezone.now()
    matter = Matter(origin=origin, contact=contact, subject_person=subject_person,
                    created_by=acting_user, created_at=now,
                    notification_due=notification_due(n.concern_shared_at),
                    late_notification=notified_late(concern_shared_at=n.concern_shared_at,
                                                    notified_at=n.notified_at),
                    response_due=rules.response_due(n.notified_at),
                    subject_key=rules.subject_key(n.subject_given_name, n.subject_family_name,
                                                  n.subject_date_of_birth),
                    **{f: getattr(n, f) for f in Notification.__dataclass_fields__})
    take(matter, acting_user)
    matter.save()
    for child, person in children:
        MatterChild.objects.create(
            matter=matter, person=person,
            given_name=(child.given_name or (person.given_name if person else "")).strip(),
            family_name=(child.family_name or (person.family_name if person else "")).strip(),
            date_of_birth=child.date_of_birth or (person.date_of_birth if person else None),
            added_by=acting_user, added_at=now)
    sync_markers(matter)
    audit_matter("lado.notified", matter, acting_user, origin=origin, sector=matter.sector,
                 late_notification=matter.late_notification,
                 response_due=matter.response_due.isoformat(),
                 children=len(children),
                 linked=[str(p.pk) for _c, p in children if p is not None])
    if acting_user.role != Role.LADO:
        url = reverse("lado:matter", args=[matter.pk])
        notify(lado_officers(), subject=f"New LADO notification {matter.reference}", link=url,
               body=f"From {matter.notifier_organisation}. The response is due by "
                    f"{timezone.localtime(matter.response_due):%-d %B %Y %H:%M}.")
    return matter


@transaction.atomic
def do_record_notification(*, acting_user, origin: str, notification: Notification,
                           children: Sequence[ChildLine], subject_person_id=None) -> Matter:
    """Record a notification: refused, naming each field, when anything is missing or wrong
    (an unknown sector, dates out of order or in the future, no child, a child's record the
    notifier cannot see); nothing is written then."""
    if origin not in (Origin.NOTIFICATION, Origin.CONSULTATION):
        raise ValueError("a contact's matter is opened with do_open_from_contact")
    now = timezone.now()
    problems = notification_problems(notification, now=now)
    child_problems, resolved = _resolve_children(children, acting_user,
                                                 today=timezone.localdate())
    problems.update(child_problems)
    subject = None
    if subject_person_id is not None:
        subject = visible_people(acting_user, [subject_person_id]).get(subject_person_id)
        if subject is None:
            problems["subject_person_id"] = ("No record of the person the allegation is about "
                                             "that you can see")
        elif any(p is not None and p.pk == subject.pk for _c, p in resolved):
            problems["subject_person_id"] = ("The person the allegation is about cannot also be "
                                             "a child it concerns")
    refuse_if(problems)
    return _create(acting_user=acting_user, origin=origin, n=notification, children=resolved,
                   subject_person=subject)


def contact_children(contact: Contact) -> list[tuple[ChildLine, Person]]:
    """The children of a front-door contact, with their records."""
    return [(ChildLine(link.person.given_name, link.person.family_name,
                       link.person.date_of_birth, link.person_id), link.person)
            for link in contact.links.filter(role=PersonRole.CHILD).select_related("person")
            .order_by("pk")]


@transaction.atomic
def do_open_from_contact(contact: Contact, *, acting_user, notification: Notification,
                         children: Sequence[ChildLine] = ()) -> Matter:
    """Open a matter from a contact the front door decided "LADO" (once per contact): the
    contact's children come with it, linked to their records; ``children`` adds others."""
    manager_only(acting_user)
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if not locked.decisions.filter(outcome=ContactOutcome.LADO,
                                   status=DecisionStatus.DECIDED).exists():
        raise Refused(f"Contact {locked.reference} was not passed to the LADO.", why=Why.STATE)
    existing = Matter.objects.filter(contact=locked).first()
    if existing is not None:
        raise Refused(f"A LADO matter was opened from contact {locked.reference} already "
                      f"({existing.reference}).", why=Why.STATE)
    from_contact = contact_children(locked)
    lines = [line for line, _p in from_contact] + list(children)
    problems = notification_problems(notification, now=timezone.now())
    child_problems, resolved = _resolve_children(
        lines, acting_user, today=timezone.localdate(),
        known={p.pk: p for _line, p in from_contact})
    problems.update(child_problems)
    refuse_if(problems)
    return _create(acting_user=acting_user, origin=Origin.CONTACT, n=notification,
                   children=resolved, contact=locked)
