"""What each module's records say in the chronology (R-CHR-1, R-CHR-2).

One builder per kind of record turns it into the events it contributes, dated and sourced.
``events.sync`` calls them inside the action that changed the record; ``events.rebuild``
calls them for every record when an operator rebuilds the chronology. Builders only read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from hearth import calendar
from hearth.chronology.codes import LANE_OF, OWN_SERVICE, Kind

SUMMARY_LIMIT = 400


@dataclass(frozen=True)
class Spec:
    """One event a record contributes, before it is stored."""

    person_id: Any
    kind: str
    occurred_at: datetime
    summary: str
    source_agency: str = OWN_SERVICE
    source_person: str = ""
    time_known: bool = True
    recorded_by_id: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def lane(self) -> str:
        return LANE_OF[self.kind]


def on_day(day: date) -> datetime:
    """An event known only by its date: noon, London time, so it sorts within its day and
    never crosses midnight in another time zone."""
    return datetime.combine(day, time(12, 0), tzinfo=calendar.LONDON)


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# --- front door ---------------------------------------------------------------------------

def contact_events(contact) -> list[Spec]:
    from hearth.frontdoor.codes import DecisionStatus, ReferralSource

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
                              source_person=_name(decision.reviewed_by or decision.proposed_by),
                              recorded_by_id=decision.proposed_by_id))
    return specs


# --- assessments ---------------------------------------------------------------------------

def assessment_events(assessment) -> list[Spec]:
    specs = [Spec(assessment.child_id, Kind.ASSESSMENT_STARTED, assessment.started_at,
                  f"Child and family assessment started; due "
                  f"{assessment.due.astimezone(calendar.LONDON):%-d %B %Y}.",
                  source_person=_name(assessment.started_by),
                  recorded_by_id=assessment.started_by_id)]
    if assessment.authorised_at:
        outcome = assessment.get_outcome_display() if assessment.outcome else "not recorded"
        specs.append(Spec(assessment.child_id, Kind.ASSESSMENT_COMPLETED,
                          assessment.authorised_at,
                          f"Assessment authorised. Outcome: {outcome}. "
                          f"{shorten(assessment.summary, 250)}",
                          source_person=_name(assessment.authorised_by),
                          recorded_by_id=assessment.authorised_by_id))
    return specs


# --- visits --------------------------------------------------------------------------------

VISIT_KIND = {"completed": Kind.VISIT, "cut_short": Kind.VISIT_CUT_SHORT,
              "no_access": Kind.NO_ACCESS, "cancelled_by_family": Kind.VISIT_CANCELLED}


def visit_events(visit) -> list[Spec]:
    seen = ("child seen alone" if visit.child_seen_alone
            else "child seen" if visit.child_seen else "child not seen")
    summary = (f"{visit.get_kind_display()} visit at {visit.place}: "
               f"{visit.get_outcome_display().lower()}, {seen}.")
    if visit.who_present:
        summary += f" Present: {shorten(visit.who_present, 150)}"
    who = _name(visit.recorded_by)
    specs = [Spec(visit.child_id, VISIT_KIND[visit.outcome], visit.starts_at, summary,
                  source_person=who, recorded_by_id=visit.recorded_by_id)]
    if visit.unknown_adult_seen:
        specs.append(Spec(visit.child_id, Kind.UNKNOWN_ADULT, visit.starts_at,
                          f"An adult not known to us was at the visit: "
                          f"{shorten(visit.unknown_adult_details, 250)}",
                          source_person=who, recorded_by_id=visit.recorded_by_id))
    return specs


# --- records -------------------------------------------------------------------------------

def case_note_events(note) -> list[Spec]:
    if not (note.significant_event and note.status == "finalised"):
        return []
    summary = shorten(note.who_said_what, 300)
    if note.actions_taken:
        summary += f" Action: {shorten(note.actions_taken, 100)}"
    return [Spec(note.person_id, Kind.CASE_NOTE, note.occurred_at, summary,
                 source_person=_name(note.author), recorded_by_id=note.author_id)]


# --- people: addresses and households (R-PPL-3) ----------------------------------------------

def address_events(link) -> list[Spec]:
    if link.start_date is None:
        return []
    address = link.address
    where = ", ".join(p for p in (address.line1, address.town, address.postcode) if p)
    return [Spec(link.person_id, Kind.ADDRESS_MOVE, on_day(link.start_date),
                 f"Living at {where}.", time_known=False)]


def membership_events(membership) -> list[Spec]:
    """A person joining or leaving a household is a change for everyone living there then."""
    from hearth.people.models import HouseholdMembership

    others = list(HouseholdMembership.objects.filter(household_id=membership.household_id)
                  .exclude(pk=membership.pk).values("person_id", "start_date", "end_date"))
    name = membership.person.display_name

    def living_there(day: date) -> list[Any]:
        return [o["person_id"] for o in others
                if (o["start_date"] is None or o["start_date"] <= day)
                and (o["end_date"] is None or o["end_date"] >= day)]

    specs = []
    for kind, day, verb in ((Kind.JOINED_HOUSEHOLD, membership.start_date, "joined"),
                            (Kind.LEFT_HOUSEHOLD, membership.end_date, "left")):
        if day is None:
            continue
        for person_id in {membership.person_id, *living_there(day)}:
            specs.append(Spec(person_id, kind, on_day(day),
                              f"{name} {verb} the household.", time_known=False))
    return specs


# --- the registry ----------------------------------------------------------------------------

#: Sources registered by later apps (``register``), in addition to the built-in ones below.
EXTRA: list[tuple[type, str, Callable[[Any], list[Spec]], Callable[[], Any]]] = []


def register(model: type, origin: str, build: Callable[[Any], list[Spec]],
             queryset: Callable[[], Any]) -> None:
    """An app adds a kind of record to the chronology (call from ``AppConfig.ready``):
    ``build(record)`` returns its events; ``queryset()`` every such record, for rebuilds."""
    if not any(m is model for m, *_ in EXTRA):
        EXTRA.append((model, origin, build, queryset))


def builders() -> dict[type, tuple[str, Callable[[Any], list[Spec]]]]:
    from hearth.assessments.models import Assessment
    from hearth.frontdoor.models import Contact
    from hearth.people.models import HouseholdMembership, PersonAddress
    from hearth.records.models import CaseNote
    from hearth.visits.models import Visit

    return {Contact: ("contact", contact_events),
            Assessment: ("assessment", assessment_events),
            Visit: ("visit", visit_events),
            CaseNote: ("case_note", case_note_events),
            PersonAddress: ("address", address_events),
            HouseholdMembership: ("membership", membership_events),
            **{model: (origin, build) for model, origin, build, _ in EXTRA}}


def querysets() -> Iterable[tuple[str, Any, Callable[[Any], list[Spec]]]]:
    """Every record that may contribute events, fetched with what its builder reads."""
    from hearth.assessments.models import Assessment
    from hearth.frontdoor.models import Contact
    from hearth.people.models import HouseholdMembership, PersonAddress
    from hearth.records.models import CaseNote
    from hearth.visits.models import Visit

    yield "contact", Contact.objects.prefetch_related(
        "links", "decisions__proposed_by", "decisions__reviewed_by"), contact_events
    yield "assessment", Assessment.objects.select_related(
        "started_by", "authorised_by"), assessment_events
    yield "visit", Visit.objects.select_related("recorded_by"), visit_events
    yield "case_note", CaseNote.objects.filter(significant_event=True).select_related(
        "author"), case_note_events
    yield "address", PersonAddress.objects.select_related("address"), address_events
    yield "membership", HouseholdMembership.objects.select_related("person"), membership_events
    for _, origin, build, queryset in EXTRA:
        yield origin, queryset(), build
