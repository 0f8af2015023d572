"""A visit to several children of one family, recorded once (issue 15): the shared part once,
each child's own part (seen, seen alone, their words, what was observed: R-REC-6) for each.
Each child gets a visit of their own, written by ``do_record_visit`` with its own audit row,
chronology entry and worker-safety checks, all in one transaction; the visits share a
``group``. A later correction of a shared part may be made to the other children's visits too
(R-REC-4), each with an amendment of its own; a child's own part is never copied."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from hearth.casework.actions import check_family_parts, refused_for_child
from hearth.casework.queries import live_involvement
from hearth.core.refusals import Refused
from hearth.visits import queries
from hearth.visits.actions.visits import do_amend_visit, do_record_visit
from hearth.visits.codes import CHILD_FIELDS, SHARED_FIELDS
from hearth.visits.models import Visit, VisitAmendment

NO_CHILD = "Choose the children who were part of the visit"


@transaction.atomic
def do_record_family_visit(child, parts: Sequence[Mapping[str, Any]], *, acting_user,
                           joint_worker=None, **shared: Any) -> list[Visit]:
    """Record one visit to several children of ``child``'s family. ``parts``: for each child
    visited, ``{"child": person, <CHILD_FIELDS>...}``; ``shared``: the ``SHARED_FIELDS``.
    Every child must be one of the family's children the acting user may see (``child``'s
    siblings, by a shared parent or a sibling relationship). All or nothing: when any child's
    visit is refused, none is written. Returns the visits in the order of ``parts``."""
    many = check_family_parts(parts, acting_user=acting_user, person=child, shared=shared,
                              shared_fields=SHARED_FIELDS, own_fields=CHILD_FIELDS,
                              none_chosen=NO_CHILD)
    group = uuid.uuid4() if many else None
    visits = []
    for index, part in enumerate(parts):
        person = part["child"]
        if part.get("child_seen") is None:
            raise Refused(f"Select whether {person.display_name} was seen",
                          f"children.{index}.child_seen")
        own = {field: part[field] for field in CHILD_FIELDS if field in part}
        try:
            visits.append(do_record_visit(
                person, acting_user=acting_user, involvement=live_involvement(person),
                joint_worker=joint_worker, group=group, **shared, **own))
        except Refused as refusal:
            raise refused_for_child(refusal, index, person, own_fields=CHILD_FIELDS,
                                    many=many) from refusal
    return visits


@transaction.atomic
def do_amend_family_visit(visit: Visit, *, acting_user, expected_version: int, reason: str,
                          to_all: bool = False, **changes: Any) -> list[VisitAmendment]:
    """Correct ``visit`` (``do_amend_visit``, R-REC-4) and, when ``to_all``, make the same
    correction of its shared parts to the visits recorded with it that the acting user may
    see: each gets its own amendments, with the same reason. A child's own parts are never
    copied. When any of them is refused, nothing is written. Returns every amendment."""
    amendments = do_amend_visit(visit, acting_user=acting_user,
                                expected_version=expected_version, reason=reason, **changes)
    shared = {a.field for a in amendments} & set(SHARED_FIELDS)
    if not (to_all and shared and visit.group):
        return amendments
    copied = {field: changes[field] for field in SHARED_FIELDS if field in shared}
    for other in queries.recorded_with(acting_user, visit):
        try:
            amendments += do_amend_visit(other, acting_user=acting_user,
                                         expected_version=other.version, reason=reason,
                                         **copied)
        except Refused as refusal:
            raise refused_for_child(refusal, 0, other.child, own_fields=CHILD_FIELDS,
                                    many=True) from refusal
    return amendments
