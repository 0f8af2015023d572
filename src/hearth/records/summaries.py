"""Plain-language summaries for parents (R-REC-8, R-REC-9): writing one (an action, audited on
the parent's and the child's record), the reads pages share, and its printed form (HTML and a
PDF, as ``hearth.frontdoor.letters`` does for the referrer's letter).

A summary is visible exactly when its parent is, and its child (if any) too; otherwise 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from hearth.access.actions import audit
from hearth.people.codes import RelationshipKind
from hearth.people.models import Person
from hearth.records import summary_rules as rules
from hearth.records.codes import RECORDS_NOTICE
from hearth.records.models import CaseNote, ParentSummary, SummaryAction
from hearth.records.summary_rules import ActionLine, ParentNeeds

#: A relationship that makes someone a parent or carer a summary can be written for.
PARENT_KINDS = (RelationshipKind.MOTHER, RelationshipKind.FATHER, RelationshipKind.STEP_PARENT,
                RelationshipKind.CARER)


class SummaryRefused(Exception):
    """The summary may not be saved; ``problems`` are by form field. Nothing was written."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(next(iter(problems.values())))
        self.problems = problems


def needs_of(parent: Person) -> ParentNeeds:
    return ParentNeeds(name=parent.given_name or parent.display_name,
                       first_language=parent.first_language,
                       interpreter_needed=parent.interpreter_needed,
                       literacy_needs=parent.literacy_needs)


def _links_problems(parent: Person, child: Person | None, visit, case_note) -> dict[str, str]:
    from hearth.people.models import Relationship

    problems: dict[str, str] = {}
    if child is not None and (child.pk == parent.pk or not Relationship.objects.filter(
            _parenting(person=parent, relative=child)).exists()):
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
    """Record the summary ``acting_user`` gave ``parent``. Refused (``SummaryRefused``, nothing
    written) without a purpose, what was done, or at least one complete action dated today or
    later, or when translated into no language. An empty language is the parent's first
    language when translated or interpreted, else English. Warnings (literacy, translation,
    wording) do not stop it: they are kept with the summary and shown to the worker."""
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
    if problems:
        raise SummaryRefused(problems)
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


# --- Reads ------------------------------------------------------------------------------------

def visible_summaries(user) -> QuerySet[ParentSummary]:
    people = Person.objects.visible_to(user)
    return ParentSummary.objects.filter(person__in=people).filter(
        Q(child__isnull=True) | Q(child__in=people))


def _with_parts(qs: QuerySet[ParentSummary]) -> QuerySet[ParentSummary]:
    return qs.select_related("person", "child", "given_by", "visit").prefetch_related("actions")


def summaries_of(user, person: Person) -> QuerySet[ParentSummary]:
    """Summaries given to ``person`` or about them (as the child), newest first."""
    return _with_parts(visible_summaries(user).filter(Q(person=person) | Q(child=person))
                       ).order_by("-delivered_at", "-pk")


def get_visible_summary(user, summary_id) -> ParentSummary:
    try:
        return _with_parts(visible_summaries(user)).get(pk=summary_id)
    except (ParentSummary.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such summary.") from exc


def _parenting(**kwargs: Any) -> Q:
    return (Q(kind__in=PARENT_KINDS) | Q(parental_responsibility=True)) & Q(end_date__isnull=True,
                                                                            **kwargs)


def children_of(user, parent: Person) -> QuerySet[Person]:
    """The children ``parent`` is a parent or carer of, that ``user`` may see."""
    from hearth.people.models import Relationship

    ids = Relationship.objects.filter(_parenting(person=parent)).values("relative_id")
    return Person.objects.visible_to(user).filter(pk__in=ids).exclude(pk=parent.pk)


def parents_of(user, child: Person) -> QuerySet[Person]:
    """The parents and carers of ``child`` that ``user`` may see."""
    from hearth.people.models import Relationship

    ids = Relationship.objects.filter(_parenting(relative=child)).values("person_id")
    return Person.objects.visible_to(user).filter(pk__in=ids).exclude(pk=child.pk)


# --- The printed form -------------------------------------------------------------------------

def render_html(summary: ParentSummary) -> str:
    """The summary as the parent receives it, ending with the R-REC-9 notice."""
    return render_to_string("records/summary_letter.html", {
        "summary": summary, "records_notice": RECORDS_NOTICE})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
