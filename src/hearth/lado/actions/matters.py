"""Writes to a LADO matter (R-LADO-1..4), each in one transaction with its audit row:

- ``do_record_notification``: a matter starts from a notification — through the API (an
  employer's or partner's system) or a LADO officer's consultation page; the two clocks of
  R-LADO-2 are set (late notification flagged, the response due in 24 working hours);
- ``do_open_from_contact``: the LADO opens a matter from a front-door contact decided "LADO",
  its caller, worries and children carried over (``Matter.contact`` links the two);
- ``do_record_criteria``: which of the four criteria are met (R-LADO-1); none is a low-level
  concern, closed by the LADO with the advice given;
- ``do_respond``: the LADO's response (R-LADO-2);
- ``do_record_employer_actions``, ``do_record_outcome``, ``do_record_referrals``: the
  employer's actions, police and children's social care, the outcome and the referrals to the
  DBS and a regulator (R-LADO-4);
- ``do_close``: only with an outcome (and the DBS referral where the person was dismissed).

The audit rows are about the matter (``lado.matter``), never on a child's record: a child's
access log, which the child's managers read, says nothing of the LADO (R-LADO-3).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.frontdoor.codes import DecisionStatus, PersonRole
from hearth.frontdoor.codes import Outcome as ContactOutcome
from hearth.frontdoor.models import Contact
from hearth.lado.codes import CRITERION_FIELDS, MatterStatus, Origin
from hearth.lado.models import Matter, MatterChild
from hearth.lado.queries.children import linked_ids, visible_people
from hearth.lado.queries.matters import lado_officers
from hearth.lado.rules import matters as rules
from hearth.lado.rules.children import ChildLine, children_problems
from hearth.people.models import Person

WHAT = "LADO matter"


def audit_matter(action: str, matter: Matter, user, **fields) -> None:
    audit.record(action, user=user, obj=matter, fields={"matter": matter.reference, **fields})


def _manager_only(acting_user) -> None:
    if not acting_user.has_hearth_permission("lado.manage"):
        raise Refused("Only a LADO officer records this.", why=Why.FORBIDDEN)


def sync_markers(matter: Matter) -> None:
    """Each linked child's chronology marker says which LADO to contact (R-LADO-3)."""
    for child in matter.children.filter(person__isnull=False).select_related(
            "matter__lado_officer"):
        chronology.sync(child)


def _take(matter: Matter, acting_user) -> bool:
    """The first LADO officer to act on a matter takes it (the name a child's record gives)."""
    if matter.lado_officer_id is None and acting_user.role == Role.LADO:
        matter.lado_officer = acting_user
        return True
    return False


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


def _create(*, acting_user, origin: str, n: rules.Notification, children: list,
            contact: Contact | None = None, subject_person=None) -> Matter:
    assert n.concern_shared_at is not None and n.notified_at is not None
    assert n.incident_on is not None
    now = timezone.now()
    matter = Matter(origin=origin, contact=contact, subject_person=subject_person,
                    created_by=acting_user, created_at=now,
                    notification_due=rules.notification_due(n.concern_shared_at),
                    late_notification=rules.notified_late(concern_shared_at=n.concern_shared_at,
                                                          notified_at=n.notified_at),
                    response_due=rules.response_due(n.notified_at),
                    subject_key=rules.subject_key(n.subject_given_name, n.subject_family_name,
                                                  n.subject_date_of_birth),
                    **{f: getattr(n, f) for f in rules.Notification.__dataclass_fields__})
    _take(matter, acting_user)
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
           children=len(children), linked=[str(p.pk) for _c, p in children if p is not None])
    if acting_user.role != Role.LADO:
        url = reverse("lado:matter", args=[matter.pk])
        notify(lado_officers(), subject=f"New LADO notification {matter.reference}", link=url,
               body=f"From {matter.notifier_organisation}. The response is due by "
                    f"{timezone.localtime(matter.response_due):%-d %B %Y %H:%M}.")
    return matter


@transaction.atomic
def do_record_notification(*, acting_user, origin: str, notification: rules.Notification,
                           children: Sequence[ChildLine], subject_person_id=None) -> Matter:
    """Record a notification: refused, naming each field, when anything is missing or wrong
    (an unknown sector, dates out of order or in the future, no child, a child's record the
    notifier cannot see); nothing is written then."""
    if origin not in (Origin.NOTIFICATION, Origin.CONSULTATION):
        raise ValueError("a contact's matter is opened with do_open_from_contact")
    now = timezone.now()
    problems = rules.notification_problems(notification, now=now)
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
def do_open_from_contact(contact: Contact, *, acting_user, notification: rules.Notification,
                         children: Sequence[ChildLine] = ()) -> Matter:
    """Open a matter from a contact the front door decided "LADO" (once per contact): the
    contact's children come with it, linked to their records; ``children`` adds others."""
    _manager_only(acting_user)
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
    problems = rules.notification_problems(notification, now=timezone.now())
    child_problems, resolved = _resolve_children(
        lines, acting_user, today=timezone.localdate(),
        known={p.pk: p for _line, p in from_contact})
    problems.update(child_problems)
    refuse_if(problems)
    return _create(acting_user=acting_user, origin=Origin.CONTACT, n=notification,
                   children=resolved, contact=locked)


def lock(matter: Matter, acting_user, expected_version: int | None) -> Matter:
    """The matter, locked, at the version the change was made from, and still open."""
    _manager_only(acting_user)
    current = (Matter.objects.select_for_update(of=("self",)).select_related("lado_officer")
               .get(pk=matter.pk))
    check_version(current, expected_version, WHAT)
    problem = rules.state_problem(current.status)
    if problem:
        raise Refused(problem, why=Why.STATE)
    return current


def save(current: Matter, names: list[str], acting_user) -> Matter:
    """Save ``names`` with the version moved on; the LADO who acted takes an untaken matter."""
    took = _take(current, acting_user)
    current.version += 1
    current.save(update_fields=[*names, "version", *(["lado_officer"] if took else [])])
    if took:
        sync_markers(current)
    return current


@transaction.atomic
def do_record_criteria(matter: Matter, *, acting_user, expected_version: int | None,
                       criteria: Sequence[str], advice: str = "") -> Matter:
    """R-LADO-1: which criteria are met. None met: a low-level concern, closed by the LADO
    with the advice recorded (which is also the LADO's response, if none was given yet)."""
    current = lock(matter, acting_user, expected_version)
    chosen = list(dict.fromkeys(criteria))
    refuse_if(rules.criteria_problems(chosen, advice))
    now = timezone.now()
    for code, name in CRITERION_FIELDS.items():
        setattr(current, name, code in chosen)
    current.criteria_decided_at, current.criteria_decided_by = now, acting_user
    current.advice = (advice or "").strip()
    names = [*CRITERION_FIELDS.values(), "criteria_decided_at", "criteria_decided_by", "advice",
             "status"]
    if rules.is_low_level(chosen):
        current.status = MatterStatus.LOW_LEVEL
        current.closed_at, current.closed_by = now, acting_user
        names += ["closed_at", "closed_by"]
        if current.responded_at is None:
            current.responded_at, current.responded_by = now, acting_user
            current.response = current.advice
            names += ["responded_at", "responded_by", "response"]
    else:
        current.status = MatterStatus.OPEN
    save(current, names, acting_user)
    audit_matter("lado.criteria", current, acting_user, criteria=chosen,
           low_level=rules.is_low_level(chosen))
    return current


@transaction.atomic
def do_respond(matter: Matter, *, acting_user, expected_version: int | None,
               responded_at: datetime | None, response: str) -> Matter:
    """R-LADO-2: the LADO's response to the notification (once)."""
    current = lock(matter, acting_user, expected_version)
    if current.responded_at is not None:
        raise Refused("The response was recorded already, on "
                      f"{timezone.localtime(current.responded_at):%-d %B %Y at %H:%M}.",
                      why=Why.STATE)
    refuse_if(rules.response_problems(responded_at=responded_at, response=response,
                                      notified_at=current.notified_at, now=timezone.now()))
    current.responded_at, current.responded_by = responded_at, acting_user
    current.response = response.strip()
    save(current, ["responded_at", "responded_by", "response"], acting_user)
    assert responded_at is not None
    audit_matter("lado.responded", current, acting_user, responded_at=responded_at.isoformat(),
           within_time=responded_at <= current.response_due)
    return current


EMPLOYER_CODES = ("suspension", "investigation", "disciplinary", "police", "social_care")
EMPLOYER_NOTES = ("employer_notes", "agencies_notes")


@transaction.atomic
def do_record_employer_actions(matter: Matter, *, acting_user, expected_version: int | None,
                               suspension_considered: bool | None, **answers: str) -> Matter:
    """R-LADO-4: the employer's actions (suspension considered and the decision,
    investigation, disciplinary), and the police's and children's social care's involvement.
    ``answers``: the codes of ``EMPLOYER_CODES`` and the notes of ``EMPLOYER_NOTES``."""
    unknown = set(answers) - set(EMPLOYER_CODES) - set(EMPLOYER_NOTES)
    if unknown:
        raise ValueError(f"unknown answer(s): {', '.join(sorted(unknown))}")
    current = lock(matter, acting_user, expected_version)
    codes = {k: (answers.get(k) or "") for k in EMPLOYER_CODES}
    notes = {k: (answers.get(k) or "").strip() for k in EMPLOYER_NOTES}
    refuse_if(rules.employer_problems(suspension_considered=suspension_considered,
                                      notes=notes, **codes))
    current.suspension_considered = suspension_considered
    for name, value in {**codes, **notes}.items():
        setattr(current, name, value)
    save(current, ["suspension_considered", *codes, *notes], acting_user)
    audit_matter("lado.employer_actions", current, acting_user,
           suspension_considered=suspension_considered, **codes)
    return current


def _criteria_first(current: Matter) -> None:
    if current.status == MatterStatus.NEW:
        raise Refused(rules.CRITERIA_FIRST, why=Why.STATE)


@transaction.atomic
def do_record_outcome(matter: Matter, *, acting_user, expected_version: int | None,
                      outcome: str, outcome_on: date | None, outcome_notes: str = "") -> Matter:
    """R-LADO-4: the outcome and its date (not before the LADO was told, not in the
    future), once the criteria are met."""
    current = lock(matter, acting_user, expected_version)
    _criteria_first(current)
    refuse_if(rules.outcome_problems(
        outcome=outcome, outcome_on=outcome_on, notes=outcome_notes,
        notified_on=timezone.localtime(current.notified_at).date(),
        today=timezone.localdate()))
    current.outcome, current.outcome_on = outcome, outcome_on
    current.outcome_notes = (outcome_notes or "").strip()
    save(current, ["outcome", "outcome_on", "outcome_notes"], acting_user)
    assert outcome_on is not None
    audit_matter("lado.outcome", current, acting_user, outcome=outcome,
           outcome_on=outcome_on.isoformat())
    return current


@transaction.atomic
def do_record_referrals(matter: Matter, *, acting_user, expected_version: int | None,
                        dbs_referred_on: date | None, regulator: str = "",
                        regulator_referred_on: date | None = None) -> Matter:
    """R-LADO-4: the referral to the Disclosure and Barring Service and to a regulator, each
    with its date."""
    current = lock(matter, acting_user, expected_version)
    _criteria_first(current)
    refuse_if(rules.referral_problems(
        dbs_referred_on=dbs_referred_on, regulator=regulator,
        regulator_referred_on=regulator_referred_on,
        notified_on=timezone.localtime(current.notified_at).date(),
        today=timezone.localdate()))
    current.dbs_referred_on = dbs_referred_on
    current.regulator = (regulator or "").strip()
    current.regulator_referred_on = regulator_referred_on
    save(current, ["dbs_referred_on", "regulator", "regulator_referred_on"], acting_user)
    audit_matter("lado.referrals", current, acting_user,
           dbs_referred_on=dbs_referred_on.isoformat() if dbs_referred_on else None,
           regulator=current.regulator,
           regulator_referred_on=(regulator_referred_on.isoformat()
                                  if regulator_referred_on else None))
    return current


@transaction.atomic
def do_close(matter: Matter, *, acting_user, expected_version: int | None) -> Matter:
    """Close a matter: only with its outcome, and with the referral to the DBS recorded
    where the person was dismissed or left when they would have been (R-LADO-4)."""
    _manager_only(acting_user)
    current = (Matter.objects.select_for_update(of=("self",)).select_related("lado_officer")
               .get(pk=matter.pk))
    check_version(current, expected_version, WHAT)
    problems, state = rules.close_problems(status=current.status, outcome=current.outcome,
                                           disciplinary=current.disciplinary,
                                           dbs_referred_on=current.dbs_referred_on)
    refuse_if(problems, why=Why.STATE if state else None)
    current.status = MatterStatus.CLOSED
    current.closed_at, current.closed_by = timezone.now(), acting_user
    save(current, ["status", "closed_at", "closed_by"], acting_user)
    audit_matter("lado.closed", current, acting_user, outcome=current.outcome)
    return current


def record_view(matter: Matter, *, user, what: str = "view_lado_matter") -> None:
    """Reading a matter is audited like reading a person's record (practice 6): one read row
    on the matter naming the children's records it shows, kept off the children's own access
    logs (R-LADO-3)."""
    audit.record_read(what, user=user, obj=matter,
                      fields={"matter": matter.reference, "people": linked_ids(matter)})
