"""Everything about a person that the worker can see, as sections of items with stable keys
("visit:12"), ready to be redacted, withheld and released (R-REC-9).

Items are plain JSON (``{"key", "title", "lines": [[label, value], ...]}``) so that the copy
can be frozen as released. The number of queries does not grow with the number of items.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import dateformat, timezone

from hearth.assessments.codes import FACTOR_LABELS
from hearth.assessments.models import Assessment, AssessmentSource, UnassessedArea
from hearth.assessments.queries import visible_assessments
from hearth.frontdoor.models import Contact, Decision
from hearth.people.models import HouseholdMembership, Person, PersonAddress, Relationship
from hearth.records.codes import FIELD_LABELS, NoteStatus
from hearth.records.queries import notes_of
from hearth.releases import rules
from hearth.visits.queries import visits_of


@dataclass
class Compiled:
    """The sections of the copy, and the names the third-party suggestions are drawn from."""

    sections: list[dict[str, Any]]
    subject_names: list[str] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)

    def texts(self) -> Iterator[str]:
        for section in self.sections:
            for item in section["items"]:
                yield item["title"]
                for _, value in item["lines"]:
                    yield value

    def item_titles(self) -> dict[str, str]:
        return {item["key"]: f"{section['title']}: {item['title']}"
                for section in self.sections for item in section["items"]}


def _day(value: date | None) -> str:
    return dateformat.format(value, "j F Y") if value else ""


def _moment(value: datetime | None) -> str:
    return dateformat.format(timezone.localtime(value), "j F Y, H:i") if value else ""


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _who(user) -> str:
    return getattr(user, "display_name", "") or getattr(user, "username", "") if user else ""


def _item(key: str, title: str, lines: list[tuple[str, Any]]) -> dict[str, Any]:
    """An item; lines without a value are left out."""
    return {"key": key, "title": title,
            "lines": [[label, str(value)] for label, value in lines if value not in ("", None)]}


def _full_name(person: Person) -> str:
    return " ".join(p for p in (person.given_name, person.middle_names, person.family_name) if p)


def _names_of(person: Person) -> list[str]:
    return [person.display_name, _full_name(person),
            *(str(n) for n in person.other_names.all())]


# --- About the person ------------------------------------------------------------------------

def _details(person: Person, names: list) -> dict[str, Any]:
    born = _day(person.date_of_birth) or (
        f"Expected {_day(person.expected_date_of_birth)}" if person.expected_date_of_birth
        else "Not known")
    return _item(f"person:{person.pk}", "Your details", [
        ("Full name", _full_name(person)),
        ("Other names", "; ".join(f"{n} ({n.get_kind_display().lower()})" for n in names)),
        ("Date of birth", born),
        ("Sex", person.get_sex_display()),
        ("Ethnicity", person.get_ethnicity_display()),
        ("Disabilities", ", ".join(person.disability_labels)),
        ("First language", person.first_language),
        ("Needs an interpreter", _yes_no(person.interpreter_needed)),
        ("Literacy needs", person.literacy_needs),
        ("NHS number", person.nhs_number),
        ("Unique pupil number", person.upn),
        ("Date of death", _day(person.date_of_death)),
    ])


def _relationship(rel: Relationship, person: Person) -> tuple[dict[str, Any], Person]:
    other = rel.relative if rel.person_id == person.pk else rel.person
    kind = rel.get_kind_display().lower()
    said = (f"{person.display_name} is {kind} of {other.display_name}"
            if rel.person_id == person.pk else
            f"{other.display_name} is {kind} of {person.display_name}")
    return _item(f"relationship:{rel.pk}", f"Relationship with {other.display_name}", [
        ("Relationship", said),
        ("Parental responsibility", _yes_no(rel.parental_responsibility)),
        ("From", _day(rel.start_date)), ("To", _day(rel.end_date)), ("Note", rel.note),
    ]), other


def _household(membership: HouseholdMembership, person: Person) -> tuple[dict, list[Person]]:
    household = membership.household
    others = [m.person for m in household.memberships.all() if m.person_id != person.pk]
    return _item(f"household:{membership.pk}", f"Household: {household}", [
        ("Address", str(household.address or "")),
        ("From", _day(membership.start_date)), ("To", _day(membership.end_date) or "Now"),
        ("Others in the household", ", ".join(p.display_name for p in others)),
    ]), others


def _about(person: Person) -> tuple[dict[str, Any], list[str], list[str]]:
    """The person's own details, addresses, relationships and households; their own names;
    and the names of the other people in them."""
    names = list(person.other_names.all())
    items = [_details(person, names)]
    for link in (PersonAddress.objects.filter(person=person).select_related("address")
                 .order_by("start_date", "pk")):
        items.append(_item(f"address:{link.pk}", "Address", [
            ("Address", str(link.address)), ("From", _day(link.start_date) or "Not known"),
            ("To", _day(link.end_date) or "Now")]))
    others: list[Person] = []
    rels = (Relationship.objects.filter(person=person)
            .select_related("person", "relative").prefetch_related("relative__other_names")
            .order_by("pk"))
    rels_in = (Relationship.objects.filter(relative=person)
               .select_related("person", "relative").prefetch_related("person__other_names")
               .order_by("pk"))
    for rel in [*rels, *rels_in]:
        item, other = _relationship(rel, person)
        items.append(item)
        others.append(other)
    members = Prefetch("household__memberships", queryset=HouseholdMembership.objects
                       .select_related("person").prefetch_related("person__other_names"))
    for membership in (HouseholdMembership.objects.filter(person=person)
                       .select_related("household__address").prefetch_related(members)
                       .order_by("start_date", "pk")):
        item, household_others = _household(membership, person)
        items.append(item)
        others.extend(household_others)
    subject = [person.display_name, _full_name(person), *(str(n) for n in names)]
    other_names = [name for other in others for name in _names_of(other)]
    return ({"title": f"About {person.display_name}", "items": items}, subject, other_names)


# --- Front door, assessments, visits, case notes ---------------------------------------------

def _contact(contact: Contact) -> dict[str, Any]:
    return _item(f"contact:{contact.pk}",
                 f"Contact {contact.reference}, {_day(timezone.localdate(contact.received_at))}",
                 [("Received", _moment(contact.received_at)),
                  ("How", contact.get_channel_display()),
                  ("Who contacted us", contact.caller_name),
                  ("Kind of caller", contact.get_caller_kind_display()),
                  ("Their organisation", contact.caller_agency),
                  ("Their role", contact.caller_role),
                  ("Their relationship to the child", contact.caller_relationship),
                  ("Out of hours (Emergency Duty Team)", "Yes" if contact.is_edt else ""),
                  ("Worries", contact.worries), ("Strengths", contact.strengths),
                  ("What the caller had already done", contact.caller_actions),
                  ("The child's own words", contact.child_words),
                  ("Questions asked", contact.questions_asked),
                  ("Advice given", contact.advice_given),
                  ("Urgency", contact.get_urgency_display()),
                  ("The family knew about the contact", _yes_no(contact.family_aware)),
                  ("The family was told information would be shared",
                   _yes_no(contact.family_told_sharing)),
                  ("Why the family was not told", contact.not_told_reason),
                  ("What the Emergency Duty Team did", contact.edt_actions),
                  ("Status", contact.get_status_display())])


def _decision(decision: Decision, contact: Contact) -> dict[str, Any]:
    return _item(f"decision:{decision.pk}", f"Decision on contact {contact.reference}", [
        ("Decision", decision.get_outcome_display()),
        ("Status", decision.get_status_display()),
        ("Reasons", decision.rationale), ("Advice to the person who contacted us",
                                          decision.advice),
        ("What they agreed to do", decision.referrer_plan),
        ("Team", decision.team.name if decision.team else ""),
        ("Proposed", f"{_moment(decision.proposed_at)} by {_who(decision.proposed_by)}"),
        ("Reviewed", f"{_moment(decision.reviewed_at)} by {_who(decision.reviewed_by)}"
         if decision.reviewed_at else ""),
        ("Manager's comment", decision.manager_comment),
    ])


def _contacts(user, person: Person) -> tuple[list[dict[str, Any]], list[str]]:
    decisions = Decision.objects.select_related("proposed_by", "reviewed_by", "team").order_by(
        "proposed_at", "pk")
    contacts = (Contact.objects.visible_to(user).filter(links__person=person)
                .prefetch_related(Prefetch("decisions", queryset=decisions))
                .order_by("received_at", "pk"))
    items: list[dict[str, Any]] = []
    callers: list[str] = []
    for contact in contacts:
        items.append(_contact(contact))
        items.extend(_decision(d, contact) for d in contact.decisions.all())
        callers.append(contact.caller_name)
    return items, callers


def _assessment(assessment: Assessment) -> dict[str, Any]:
    sources = "\n".join(
        f"{s.get_kind_display()}: {s.who} ({s.get_how_display().lower()}, "
        f"{_day(s.contributed_on)}){': ' + s.note if s.note else ''}"
        for s in assessment.sources.all())
    unassessed = "\n".join(f"{a.area}: {a.reason}" for a in assessment.unassessed_areas.all())
    return _item(f"assessment:{assessment.pk}",
                 f"Child and Family Assessment, started "
                 f"{_day(timezone.localdate(assessment.started_at))}", [
                     ("Referral date", _day(assessment.referral_date)),
                     ("Status", assessment.get_status_display()),
                     ("Started by", _who(assessment.started_by)),
                     ("Summary", assessment.summary), ("Analysis", assessment.analysis),
                     ("Outcome", assessment.get_outcome_display() if assessment.outcome else ""),
                     ("Factors", "; ".join(FACTOR_LABELS.get(f, f) for f in assessment.factors)),
                     ("Who contributed", sources), ("What could not be assessed", unassessed),
                     ("Authorised", f"{_moment(assessment.authorised_at)} by "
                                    f"{_who(assessment.authorised_by)}"
                      if assessment.authorised_at else ""),
                     ("Manager's comment", assessment.manager_comment)])


def _assessments(user, person: Person) -> tuple[list[dict[str, Any]], list[str]]:
    qs = (visible_assessments(user).filter(child=person)
          .select_related("started_by", "authorised_by")
          .prefetch_related(
              Prefetch("sources", queryset=AssessmentSource.objects.order_by(
                  "contributed_on", "pk")),
              Prefetch("unassessed_areas", queryset=UnassessedArea.objects.order_by("pk")))
          .order_by("started_at", "pk"))
    items: list[dict[str, Any]] = []
    sources: list[str] = []
    for assessment in qs:
        items.append(_assessment(assessment))
        sources.extend(s.who for s in assessment.sources.all())
    return items, sources


def _visits(user, person: Person) -> list[dict[str, Any]]:
    return [_item(f"visit:{v.pk}", f"Visit, {_moment(v.starts_at)}", [
        ("Kind of visit", v.get_kind_display()), ("Where", v.place),
        ("Who was there", v.who_present), ("Child seen", _yes_no(v.child_seen)),
        ("Child seen alone", _yes_no(v.child_seen_alone)),
        ("Bedroom seen", _yes_no(v.bedroom_seen)), ("Home conditions", v.home_conditions),
        ("Parent and child together", v.parent_child_interaction),
        ("What was said", v.what_was_said),
        ("An adult not known to us was there", "Yes" if v.unknown_adult_seen else ""),
        ("Who the adult seemed to be", v.unknown_adult_details),
        ("How it went", v.get_outcome_display()),
        ("Recorded", f"{_moment(v.recorded_at)} by {_who(v.recorded_by)}"),
    ]) for v in visits_of(user, person).order_by("starts_at", "pk")]


def _notes(user, person: Person) -> list[dict[str, Any]]:
    items = []
    notes = (notes_of(user, person).filter(status=NoteStatus.FINALISED)
             .order_by("occurred_at", "recorded_at", "pk"))
    for note in notes:
        amendments = "\n".join(
            f"{_moment(a.amended_at)} by {_who(a.amended_by)}: {a.get_field_label()} changed "
            f"from \u201c{a.before}\u201d to \u201c{a.after}\u201d. Why: {a.reason}"
            for a in note.amendments.all())
        items.append(_item(f"note:{note.pk}", f"Case note, {_moment(note.occurred_at)}", [
            (FIELD_LABELS.get("place", "Where"), note.place),
            (FIELD_LABELS.get("who_said_what", "Who said what"), note.who_said_what),
            (FIELD_LABELS.get("worker_said", "What the worker said"), note.worker_said),
            (FIELD_LABELS.get("actions_taken", "Action taken"), note.actions_taken),
            (FIELD_LABELS.get("referrals_made", "Referrals made"), note.referrals_made),
            (FIELD_LABELS.get("agency_response", "What the agency said"), note.agency_response),
            ("Opinion", note.opinion),
            (FIELD_LABELS.get("opinion_basis", "What informed the opinion"),
             note.opinion_basis),
            ("Recorded", f"{_moment(note.recorded_at)} by {_who(note.author)}"),
            ("Amendments", amendments),
        ]))
    return items


def compile_records(user, person: Person) -> Compiled:
    """Everything about ``person`` that ``user`` can see, section by section (oldest first)."""
    about, subject_names, other_names = _about(person)
    contacts, callers = _contacts(user, person)
    assessments, sources = _assessments(user, person)
    sections = [
        about,
        {"title": "Contacts with children's services", "items": contacts},
        {"title": "Assessments", "items": assessments},
        {"title": "Visits", "items": _visits(user, person)},
        {"title": "Case notes", "items": _notes(user, person)},
    ]
    return Compiled(sections=sections, subject_names=subject_names,
                    other_names=[*callers, *other_names, *sources])


def copy_of(release, compiled: Compiled) -> tuple[dict[str, Any], dict[str, int]]:
    """The copy as it would be released now (redacted, items withheld), and its counts."""
    sections, counts = rules.apply(compiled.sections, release.redaction_terms,
                                   release.withheld)
    content = {"reference": release.reference, "person": release.person.display_name,
               "requested_by": release.requested_by,
               "requested_on": release.requested_on.isoformat(), "sections": sections}
    return content, {**counts, "terms": len(release.redaction_terms)}
