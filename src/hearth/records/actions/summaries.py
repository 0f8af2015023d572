"""Plain-language summaries for parents (R-REC-8, R-REC-9): writing one, audited on the
parent's and the child's record, and reading one (audited the same way)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.refusals import refuse_if
from hearth.people.models import Person, Relationship
from hearth.records.models import CaseNote, ParentSummary, SummaryAction
from hearth.records.queries import parenting
from hearth.records.rules import summaries as rules
from hearth.records.rules.summaries import ActionLine, needs_of

__all__ = ["ActionLine", "do_write_summary", "record_list_view", "record_summary_view"]


def _links_problems(parent: Person, child: Person | None, visit, case_note) -> dict[str, str]:
    problems: dict[str, str] = {}
    if child is not None and (child.pk == parent.pk or not Relationship.objects.filter(
            parenting(person=parent, relative=child)).exists()):
        problems["child"] = "Choose one of the parent's children"
    if visit is not None and child is not None and visit.child_id != child.pk:
        problems["visit"] = "That visit was not to this child"
    if case_note is not None and case_note.person_id not in {parent.pk, getattr(child, "pk", 0)}:
        problems["note"] = "That case note is not about this parent or child"
    return problems


@transaction.atomic
def do_write_summary(parent: Person, *, acting_user, purpose: str, what_was_done: str,
                     method: str, delivered_at: datetime | None, actions: Sequence[ActionLine],
                     child: Person | None = None, visit=None, case_note: CaseNote | None = None,
                     language: str = "", interpreter: str = "") -> ParentSummary:
    """Record the summary ``acting_user`` gave ``parent``. Refused (``Refused`` naming each
    field at fault, nothing written) without a purpose, what was done, or at least one
    complete action dated today or later, or when translated into no language. An empty
    language is the parent's first language when translated or interpreted, else English.
    Warnings (literacy, translation, wording) do not stop it: they are kept with the summary
    and shown to the worker."""
    if child is None and visit is not None:
        child = visit.child
    if child is None and case_note is not None and case_note.person_id != parent.pk:
        child = case_note.person
    purpose, what_was_done = purpose.strip(), what_was_done.strip()
    interpreter = interpreter.strip()
    language = rules.language_given(language, parent.first_language, method=method,
                                    interpreter=interpreter)
    now = timezone.now()
    problems = rules.summary_problems(purpose=purpose, what_was_done=what_was_done,
                                      method=method, language=language,
                                      interpreter=interpreter, delivered_at=delivered_at,
                                      lines=actions, today=timezone.localdate(now), now=now)
    problems.update(_links_problems(parent, child, visit, case_note))
    refuse_if(problems)
    assert delivered_at is not None  # summary_problems refuses a missing one
    lines = [line for line in actions if not line.is_blank]
    warnings = rules.summary_warnings(needs_of(parent), method=method, interpreter=interpreter,
                                      language=language, purpose=purpose,
                                      what_was_done=what_was_done, lines=lines)
    summary = ParentSummary.objects.create(
        person=parent, child=child, visit=visit, case_note=case_note, purpose=purpose,
        what_was_done=what_was_done, method=method, language=language,
        interpreter=interpreter, delivered_at=delivered_at, warnings=warnings,
        given_by=acting_user, created_at=now)
    SummaryAction.objects.bulk_create(
        SummaryAction(summary=summary, position=n, who=line.who.strip(),
                      what=line.what.strip(), by_when=line.by_when)  # type: ignore[misc]
        for n, line in enumerate(lines, start=1))
    fields: dict[str, Any] = {
        "summary": summary.pk, "parent": str(parent.pk),
        "child": str(child.pk) if child else None, "visit": getattr(visit, "pk", None),
        "note": getattr(case_note, "pk", None), "method": method, "language": language,
        "interpreter": interpreter, "delivered_at": delivered_at.isoformat(),
        "actions": [[ln.who.strip(), ln.what.strip(), str(ln.by_when)] for ln in lines],
        "warnings": warnings}
    for person in _subjects(summary):
        audit.record("parent_summary.write", user=acting_user, obj=person, fields=fields)
    return summary


def _subjects(summary: ParentSummary) -> list[Person]:
    return [summary.person] + ([summary.child] if summary.child else [])


def record_summary_view(summary: ParentSummary, *, user,
                        what: str = "view_parent_summary") -> None:
    """Reading (or downloading) a summary is reading the parent's and the child's record."""
    with transaction.atomic():
        for person in _subjects(summary):
            audit.record(what, user=user, obj=person, fields={"summary": summary.pk})


def record_list_view(person: Person, *, user) -> None:
    audit.record_read("view_parent_summaries", user=user, obj=person)
