"""Every write to a care leaver's record (R-CL-1..3): one transaction, the audit row on the
young person's record, the chronology kept in step, the record's version moved on."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why
from hearth.core.versions import check_version
from hearth.leaving_care import queries, rules
from hearth.leaving_care.models import CareLeaver, Contact, KeepingInTouch, PathwayPlan

PERSON = "people.person"
WHAT = "care leaver's record"


def _text(value: Any) -> str:
    return str(value or "").strip()


def _audit(action: str, record: CareLeaver, user, **fields: Any) -> None:
    audit.record(action, user=user, object_type=PERSON, object_id=str(record.person_id),
                 fields={"care_leaver": record.pk,
                         **{k: v.isoformat() if isinstance(v, date) else v
                            for k, v in fields.items()}})


def record_view(person, *, user) -> None:
    audit.record_read("view_care_leaver", user=user, object_type=PERSON,
                      object_id=str(person.pk))


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise Refused(problems)


def _locked(record: CareLeaver, expected_version: int | None) -> CareLeaver:
    current = CareLeaver.objects.select_for_update().select_related("person").get(pk=record.pk)
    check_version(current, expected_version, WHAT)
    return current


def _saved(record: CareLeaver, fields: list[str] | None = None) -> CareLeaver:
    record.version += 1
    record.save(update_fields=[*(fields or []), "version"])
    chronology.sync(record)
    return record


@transaction.atomic
def do_open(person, *, acting_user, category: str | None = None) -> CareLeaver:
    """Open the young person's care-leaver record. Refused (nothing written) when the dates
    make them no care leaver, or when ``category`` (given by hand) contradicts the dates
    (R-CL-1); 409 when a record is open already."""
    found = queries.category_of(person)
    problem = rules.category_problem(category, found)
    if problem:
        raise Refused(problem, "category")
    if not found.is_care_leaver:
        raise Refused(found.reason, "category")
    if CareLeaver.objects.filter(person=person).exists():
        raise Refused("This young person already has a care leaver's record.", why=Why.STATE)
    record = CareLeaver.objects.create(person=person, opened_as=found.category,
                                       opened_reason=found.reason, opened_by=acting_user,
                                       opened_at=timezone.now())
    _audit("open_care_leaver", record, acting_user, category=found.category)
    chronology.sync(record)
    return record


@transaction.atomic
def do_allocate_adviser(person, *, acting_user, adviser, expected_version: int | None = None
                        ) -> CareLeaver:
    """A manager allocates the personal adviser (R-CL-2), opening the record if need be; the
    adviser is told."""
    if not getattr(acting_user, "is_manager", False):
        raise Refused("Only a team or service manager allocates a personal adviser.",
                      why=Why.FORBIDDEN)
    if adviser is None or adviser.role != Role.PERSONAL_ADVISER or not adviser.is_active:
        raise Refused("Choose a personal adviser.", "adviser")
    record = CareLeaver.objects.filter(person=person).first()
    if record is None:
        record = do_open(person, acting_user=acting_user)
        expected_version = None
    record = _locked(record, expected_version)
    record.adviser = adviser
    record.adviser_allocated_by = acting_user
    record.adviser_allocated_at = timezone.now()
    _audit("allocate_personal_adviser", record, acting_user, adviser=adviser.pk)
    notify([adviser], subject=f"Allocated as personal adviser on {person.display_name}",
           body=f"{acting_user.display_name} allocated you as {person.display_name}'s personal "
                "adviser.", link=reverse("leaving_care:record", args=[person.pk]),
           people=[person.pk])
    return _saved(record, ["adviser", "adviser_allocated_by", "adviser_allocated_at"])


@transaction.atomic
def do_record_contact(record: CareLeaver, *, acting_user, expected_version: int | None,
                      contacted_on: date, in_touch: bool, method: str, accommodation: str,
                      activity: str, activity_reason: str = "", notes: str = "") -> Contact:
    """A contact (R-CL-2): in touch or not, how, accommodation (ACCOM) and activity (ACTIV)."""
    record = _locked(record, expected_version)
    accommodation, activity = _text(accommodation).upper(), _text(activity).upper()
    _refuse(rules.contact_problems(contacted_on=contacted_on, in_touch=in_touch, method=method,
                                   accommodation=accommodation, activity=activity,
                                   activity_reason=activity_reason,
                                   today=timezone.localdate()))
    contact = Contact.objects.create(
        care_leaver=record, contacted_on=contacted_on, in_touch=in_touch, method=method,
        accommodation=accommodation, activity=activity,
        activity_reason=_text(activity_reason), notes=_text(notes), recorded_by=acting_user,
        recorded_at=timezone.now())
    _audit("record_care_leaver_contact", record, acting_user, contacted_on=contacted_on,
           in_touch=in_touch)
    _saved(record)
    return contact


@transaction.atomic
def do_record_keeping_in_touch(record: CareLeaver, *, acting_user,
                               expected_version: int | None, age: int, in_touch: str,
                               activity: str, accommodation: str) -> KeepingInTouch:
    """Keeping in touch around the birthday ``age`` (R-CL-3; SSDA903 OC3 and its rules)."""
    record = _locked(record, expected_version)
    accommodation, activity = _text(accommodation).upper(), _text(activity).upper()
    _refuse(rules.kit_problems(age=age, in_touch=in_touch, activity=activity,
                               accommodation=accommodation))
    born = record.person.date_of_birth
    today = timezone.localdate()
    if born is not None:
        opens, _due = calendar.keeping_in_touch_window(born, age)
        if today < opens:
            raise Refused(f"The window around the {age}th birthday opens on "
                          f"{opens:%d/%m/%Y}.", "age")
    if record.keeping_in_touch.filter(age=age).exists():
        raise Refused(f"Keeping in touch around the {age}th birthday is already recorded.",
                      why=Why.STATE)
    kit = KeepingInTouch.objects.create(
        care_leaver=record, age=age, in_touch=in_touch, activity=activity,
        accommodation=accommodation, recorded_on=today, recorded_by=acting_user,
        recorded_at=timezone.now())
    _audit("record_keeping_in_touch", record, acting_user, age=age, in_touch=in_touch)
    _saved(record)
    return kit


@transaction.atomic
def do_record_plan(record: CareLeaver, *, acting_user, expected_version: int | None,
                   assessed_on: date, planned_on: date, summary: str) -> PathwayPlan:
    """A needs assessment and the pathway plan from it, or its review (R-CL-2)."""
    record = _locked(record, expected_version)
    today = timezone.localdate()
    problems = {}
    if planned_on > today:
        problems["planned_on"] = "The date of the pathway plan cannot be in the future."
    if assessed_on > planned_on:
        problems["assessed_on"] = "The needs assessment comes before the plan made from it."
    if not _text(summary):
        problems["summary"] = "Enter what the pathway plan says."
    _refuse(problems)
    plan = PathwayPlan.objects.create(care_leaver=record, assessed_on=assessed_on,
                                      planned_on=planned_on, summary=_text(summary),
                                      recorded_by=acting_user, recorded_at=timezone.now())
    _audit("record_pathway_plan", record, acting_user, planned_on=planned_on)
    _saved(record)
    return plan


@transaction.atomic
def do_request_support_to_25(record: CareLeaver, *, acting_user,
                             expected_version: int | None, requested_on: date) -> CareLeaver:
    """The young person asked for support up to 25: former relevant to 25 (R-CL-1)."""
    record = _locked(record, expected_version)
    if requested_on > timezone.localdate():
        raise Refused("The date of the request cannot be in the future.", "requested_on")
    record.support_to_25_requested_on = requested_on
    _audit("request_support_to_25", record, acting_user, requested_on=requested_on)
    return _saved(record, ["support_to_25_requested_on"])
