"""Writes to the children a LADO matter concerns (R-LADO-3): naming another child, and linking
a named child to the record Hearth holds for them. A linked child's record and chronology then
show the marker — that a matter exists and which LADO to contact — and nothing else."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.lado.actions.matters import audit_matter, lock, save
from hearth.lado.models import Matter, MatterChild
from hearth.lado.queries.children import known_children
from hearth.lado.rules.children import ChildLine, child_problems
from hearth.people.models import Person


@transaction.atomic
def do_add_child(matter: Matter, *, acting_user, expected_version: int | None,
                 child: ChildLine) -> MatterChild:
    """Name another child the allegation concerns (by name and, where known, date of birth);
    link them to their record afterwards (``do_link_child``)."""
    current = lock(matter, acting_user, expected_version)
    refuse_if(child_problems(child, today=timezone.localdate()))
    added = MatterChild.objects.create(
        matter=current, given_name=child.given_name.strip(),
        family_name=child.family_name.strip(), date_of_birth=child.date_of_birth,
        added_by=acting_user, added_at=timezone.now())
    save(current, [], acting_user)
    audit_matter("lado.child_added", current, acting_user, child=added.pk)
    return added


@transaction.atomic
def do_link_child(child: MatterChild, person: Person, *, acting_user,
                  expected_version: int | None) -> MatterChild:
    """Link a named child to their record: only one of the records Hearth matched for the
    child's name and date of birth (``queries.children.known_children``), and only once per
    matter. The child's chronology gets the marker."""
    current = lock(child.matter, acting_user, expected_version)
    row = MatterChild.objects.select_for_update().get(pk=child.pk)
    if row.person_id is not None:
        raise Refused(f"{row.name} is linked to their record already.", why=Why.STATE)
    known = {p.pk for p in known_children(row.given_name, row.family_name, row.date_of_birth)}
    if person.pk not in known:
        raise Refused(f"That is not a record Hearth matched for {row.name}: choose one of the "
                      "records listed.", "person")
    if current.children.filter(person=person).exists():
        raise Refused(f"{person.display_name} is already one of the children on this matter.",
                      "person")
    row.person = person
    row.save(update_fields=["person"])
    save(current, [], acting_user)
    chronology.sync(row)
    audit_matter("lado.child_linked", current, acting_user, child=row.pk, person=str(person.pk))
    return row
