"""Every write to people and families: one transaction, one audit row each (practice 1)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify_managers
from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.core.registry import Registry
from hearth.people.models import (
    Address,
    AgencyShare,
    BreakGlass,
    Household,
    HouseholdMembership,
    Merge,
    Person,
    PersonAddress,
    PersonName,
    Relationship,
    RestrictedAccess,
)
from hearth.people.queries.search import (
    DuplicateCheck,
    LikelyDuplicates,
    check_duplicates,
    reindex_person,
)
from hearth.people.rules.persons import date_problems

PERSON_FIELDS = [
    "given_name", "middle_names", "family_name", "date_of_birth", "expected_date_of_birth",
    "sex", "ethnicity", "disabilities", "first_language", "interpreter_needed",
    "literacy_needs", "nhs_number", "upn", "date_of_death", "restricted",
]


#: What higher apps do when a person's address or household membership is written (the
#: chronology follows it, R-PPL-3): ``handler(record)``, inside the action's transaction.
#: Registered from their AppConfig.ready(), so people never imports them.
RECORD_CHANGED = Registry("people records changed")


def _clean(record: models.Model, exclude: list[str] | None = None) -> None:
    """The model's own validation, as a refusal naming each field (nothing is written)."""
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise Refused({"" if field == NON_FIELD_ERRORS else field: " ".join(messages)
                       for field, messages in exc.message_dict.items()}) from exc


def _check_dates(person: Person) -> None:
    """A person's dates in a sensible range before anything is written (issue 13 item 1)."""
    problems = date_problems(date_of_birth=person.date_of_birth,
                             expected_date_of_birth=person.expected_date_of_birth,
                             date_of_death=person.date_of_death, today=timezone.localdate())
    if problems:
        raise Refused(problems)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def do_create_checked_person(*, acting_user, checked_duplicates: bool, confirm: str,
                             **data: Any) -> Person:
    """Create a person after the one duplicate check (R-PPL-2, issue 13 item 11): when they
    probably have a record already and the caller has not said they checked, refuse (409,
    ``LikelyDuplicates``; ``confirm`` tells the caller how to say so) and write nothing but
    the audit of what the check showed them."""
    check = check_duplicates(acting_user, given_name=data.get("given_name", ""),
                             family_name=data.get("family_name", ""),
                             date_of_birth=data.get("date_of_birth")
                             or data.get("expected_date_of_birth"))
    if check and not checked_duplicates:
        audit.record_read("duplicate_check", user=acting_user, object_type="people.person",
                          fields=check.audit_fields())
        raise LikelyDuplicates(check, confirm=confirm)
    return do_create_person(acting_user=acting_user, **data,
                            checked=check if checked_duplicates else None)


@transaction.atomic
def do_create_person(*, acting_user, checked: DuplicateCheck | None = None,
                     **data: Any) -> Person:
    """``checked``: the caller confirmed that the person is none of the check's likely
    duplicates; the audit row says so, and which they were."""
    person = Person(created_by=acting_user, **{k: v for k, v in data.items() if k in PERSON_FIELDS})
    _check_dates(person)
    _clean(person, ["created_by"])
    person.save()
    if person.restricted and acting_user is not None:
        # Whoever restricts a record at its creation is its first named user.
        RestrictedAccess.objects.create(person=person, user=acting_user)
    reindex_person(person)
    fields = {k: _jsonable(getattr(person, k)) for k in PERSON_FIELDS}
    if checked is not None:
        fields.update(checked_duplicates=True,
                      possible_duplicates=[str(m.person.pk) for m in checked.matches],
                      possible_duplicates_outside_access=len(checked.elsewhere))
    audit.record("create", user=acting_user, obj=person, fields=fields)
    return person


@transaction.atomic
def do_update_person(person: Person, *, acting_user, expected_version: int,
                     **changes: Any) -> Person:
    """Apply ``changes`` if nobody saved since ``expected_version`` (no lost updates)."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != expected_version:
        raise StaleEdit(current.version)
    changed: dict[str, list[Any]] = {}
    for field, value in changes.items():
        if field not in PERSON_FIELDS:
            raise ValueError(f"unknown field {field}")
        before = getattr(current, field)
        if before != value:
            changed[field] = [_jsonable(before), _jsonable(value)]
            setattr(current, field, value)
    if not changed:
        return current
    _check_dates(current)
    _clean(current, ["created_by", "merged_into"])
    current.version += 1
    current.save()
    reindex_person(current)
    audit.record("update", user=acting_user, obj=current, fields=changed)
    return current


@transaction.atomic
def do_add_name(person: Person, *, acting_user, kind: str, given_name: str,
                family_name: str, note: str = "") -> PersonName:
    name = PersonName.objects.create(person=person, kind=kind, given_name=given_name,
                                     family_name=family_name, note=note)
    reindex_person(person)
    audit.record("add_name", user=acting_user, obj=person,
                 fields={"kind": kind, "given_name": given_name, "family_name": family_name})
    return name


@transaction.atomic
def do_add_relationship(person: Person, relative: Person, *, acting_user, kind: str,
                        parental_responsibility: bool = False, start_date: date | None = None,
                        end_date: date | None = None) -> Relationship:
    if person.pk == relative.pk:
        raise Refused("A person cannot be related to themselves.", "relative")
    rel = Relationship(person=person, relative=relative, kind=kind,
                       parental_responsibility=parental_responsibility,
                       start_date=start_date, end_date=end_date)
    _clean(rel)
    rel.save()
    audit.record("add_relationship", user=acting_user, obj=relative,
                 fields={"person": str(person.pk), "kind": kind,
                         "parental_responsibility": parental_responsibility})
    return rel


@transaction.atomic
def do_add_address(person: Person, *, acting_user, line1: str, postcode: str, line2: str = "",
                   town: str = "", start_date: date | None = None,
                   end_date: date | None = None) -> PersonAddress:
    """A new address; the open one before it ends the day the new one starts (R-PPL-3)."""
    address = Address.objects.create(line1=line1, line2=line2, town=town, postcode=postcode)
    if start_date and end_date is None:
        PersonAddress.objects.filter(person=person, end_date__isnull=True).exclude(
            start_date__gt=start_date).update(end_date=start_date)
    link = PersonAddress.objects.create(person=person, address=address, start_date=start_date,
                                        end_date=end_date)
    reindex_person(person)
    audit.record("add_address", user=acting_user, obj=person,
                 fields={"start_date": _jsonable(start_date), "end_date": _jsonable(end_date)})
    RECORD_CHANGED.call_all(link)
    return link


@transaction.atomic
def do_join_household(person: Person, household: Household | None = None, *, acting_user,
                      start_date: date | None = None, address: Address | None = None,
                      name: str = "") -> HouseholdMembership:
    if household is None:
        household = Household.objects.create(name=name, address=address)
    membership = HouseholdMembership.objects.create(household=household, person=person,
                                                    start_date=start_date)
    audit.record("join_household", user=acting_user, obj=person,
                 fields={"household": household.pk, "start_date": _jsonable(start_date)})
    RECORD_CHANGED.call_all(membership)
    return membership


@transaction.atomic
def do_leave_household(membership: HouseholdMembership, *, acting_user,
                       end_date: date) -> HouseholdMembership:
    if membership.start_date and end_date < membership.start_date:
        raise Refused("Left on must be on or after the day they joined", "end_date")
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    audit.record("leave_household", user=acting_user, obj=membership.person,
                 fields={"household": membership.household_id, "end_date": end_date.isoformat()})
    RECORD_CHANGED.call_all(membership)
    return membership


@transaction.atomic
def do_share_with_agency(person: Person, *, acting_user, agency, reason: str) -> AgencyShare:
    share = AgencyShare.objects.create(person=person, agency=agency, shared_by=acting_user,
                                       reason=reason)
    audit.record("share", user=acting_user, obj=person, fields={"agency": agency.name},
                 reason=reason)
    return share


@transaction.atomic
def do_break_glass(person: Person, *, acting_user, reason: str) -> BreakGlass:
    """Open a restricted record with a written reason: audited, managers told, time-limited."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise Refused("Explain why you need to see this record (at least 10 characters).",
                      "reason")
    grant = BreakGlass.objects.create(
        person=person, user=acting_user, reason=reason,
        expires_at=timezone.now() + timedelta(minutes=settings.BREAK_GLASS_MINUTES),
    )
    audit.record("break_glass", user=acting_user, obj=person, reason=reason,
                 fields={"expires_at": grant.expires_at.isoformat()})
    notify_managers(
        acting_user,
        subject=f"{acting_user.display_name} broke the glass on a restricted record",
        body=f"Reason given: {reason}\n"
        f"Access expires at {timezone.localtime(grant.expires_at):%H:%M}.",
        link=f"/people/{person.pk}/access-log",
    )
    return grant


@transaction.atomic
def do_set_restricted(person: Person, *, acting_user, restricted: bool, reason: str) -> Person:
    """Restrict a record to named users (the one restricting it is named), or lift that."""
    if not (reason or "").strip():
        raise Refused("Give the reason for this change.", "reason")
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.restricted == restricted:
        return current
    current.restricted = restricted
    current.version += 1
    current.save(update_fields=["restricted", "version", "updated_at"])
    if restricted:
        RestrictedAccess.objects.get_or_create(person=current, user=acting_user)
    audit.record("restrict" if restricted else "unrestrict", user=acting_user, obj=current,
                 reason=reason, fields={"restricted": [not restricted, restricted]})
    return current


@transaction.atomic
def do_name_user(person: Person, user, *, acting_user) -> None:
    RestrictedAccess.objects.get_or_create(person=person, user=user)
    audit.record("name_user", user=acting_user, obj=person, fields={"user": user.username})


@transaction.atomic
def do_unname_user(person: Person, user, *, acting_user) -> None:
    RestrictedAccess.objects.filter(person=person, user=user).delete()
    audit.record("unname_user", user=acting_user, obj=person, fields={"user": user.username})


def record_view(person: Person, *, user, what: str = "view") -> None:
    """Reads of a person's record are audited too (practice 6)."""
    audit.record_read(what, user=user, obj=person)


def _references_to(person: Person) -> list[tuple[type[models.Model], str]]:
    """Every (model, field) that points at a Person: moved across on merge."""
    refs = []
    for rel in Person._meta.related_objects:
        if rel.many_to_many or rel.one_to_one or rel.related_model is Person:
            continue
        if rel.related_model._meta.label_lower == "people.personsearchname":
            continue
        refs.append((rel.related_model, rel.field.name))
    return refs


@transaction.atomic
def do_merge(kept: Person, merged: Person, *, acting_user, reason: str) -> Merge:
    """Move everything attached to ``merged`` onto ``kept``; keep the old name as an alias."""
    if kept.pk == merged.pk:
        raise Refused("Choose two different records.", "other")
    kept = Person.objects.select_for_update().get(pk=kept.pk)
    merged = Person.objects.select_for_update().get(pk=merged.pk)
    if kept.merged_into_id or merged.merged_into_id:
        raise Refused("One of these records has already been merged.", why=Why.STATE)
    if not (reason or "").strip():
        raise Refused("Give the reason these are the same person.", "reason")
    moved: list[list[str]] = []
    for model, field in _references_to(merged):
        ids = list(model._default_manager.filter(**{field: merged}).values_list("pk", flat=True))
        if ids:
            model._default_manager.filter(pk__in=ids).update(**{field: kept})
            moved.extend([model._meta.label_lower, field, str(pk)] for pk in ids)
    # Remove self-relationships the merge would create (e.g. a duplicate's sibling link).
    loops = Relationship.objects.filter(person=kept, relative=kept)
    dropped = [
        {"kind": r.kind, "pr": r.parental_responsibility, "pk": r.pk} for r in loops
    ]
    loops.delete()
    alias = None
    if (merged.given_name, merged.family_name) != (kept.given_name, kept.family_name):
        alias = PersonName.objects.create(person=kept, kind="alias", given_name=merged.given_name,
                                          family_name=merged.family_name,
                                          note="Name on a merged duplicate record")
    merged.merged_into = kept
    merged.version += 1
    merged.save(update_fields=["merged_into", "version", "updated_at"])
    kept.version += 1
    kept.save(update_fields=["version", "updated_at"])
    record = Merge.objects.create(kept=kept, merged=merged, reason=reason, moved=moved,
                                  merged_by=acting_user)
    if alias is not None:
        record.moved.append(["people.personname", "__created__", str(alias.pk)])
    if dropped:
        record.moved.append(["people.relationship", "__dropped__", str(dropped)])
    record.save(update_fields=["moved"])
    reindex_person(kept)
    reindex_person(merged)
    for person in (kept, merged):
        audit.record("merge", user=acting_user, obj=person, reason=reason,
                     fields={"kept": str(kept.pk), "merged": str(merged.pk),
                             "rows_moved": len(moved)})
    return record


@transaction.atomic
def do_reverse_merge(merge: Merge, *, acting_user, reason: str) -> Merge:
    """An administrator puts back what a merge moved (rows attached since stay on the kept one)."""
    from django.apps import apps

    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.reversed_at:
        raise Refused("This merge has already been reversed.", why=Why.STATE)
    if not (reason or "").strip():
        raise Refused("Give the reason the merge is being reversed.", "reason")
    merged = merge.merged
    for label, field, pk in merge.moved:
        model = apps.get_model(label)
        if field == "__created__":
            model._default_manager.filter(pk=pk).delete()
        elif field != "__dropped__":
            model._default_manager.filter(pk=pk).update(**{field: merged})
    merged.merged_into = None
    merged.version += 1
    merged.save(update_fields=["merged_into", "version", "updated_at"])
    kept = merge.kept
    kept.version += 1
    kept.save(update_fields=["version", "updated_at"])
    merge.reversed_at = timezone.now()
    merge.reversed_by = acting_user
    merge.reversal_reason = reason
    merge.save(update_fields=["reversed_at", "reversed_by", "reversal_reason"])
    reindex_person(kept)
    reindex_person(merged)
    for person in (kept, merged):
        audit.record("unmerge", user=acting_user, obj=person, reason=reason,
                     fields={"merge": merge.pk})
    return merge
