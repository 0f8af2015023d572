"""Pages for parents' plain-language summaries (R-REC-8, R-REC-9): those given to or about a
person, writing one (optionally ending a visit or a case note), one summary in large type that
prints cleanly, and its PDF. A person, summary, visit or note the user may not see is 404."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Refused
from hearth.people.models import Person
from hearth.records import queries
from hearth.records.actions import summaries
from hearth.records.codes import RECORDS_NOTICE
from hearth.records.forms.summaries import FIELD_FOR, SummaryForm
from hearth.records.models import ParentSummary
from hearth.records.queries import get_visible_person, visible_notes
from hearth.records.rules import summaries as rules
from hearth.visits.queries import visible_visits


def _id(value) -> int | None:
    """A database id from an address or hidden field, or None for anything else."""
    text = str(value if value is not None else "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _links(user, visit_id, note_id):
    """The visit and case note the summary ends, if visible (else None)."""
    visit = visible_visits(user).select_related("child").filter(pk=_id(visit_id)).first()
    note = visible_notes(user).select_related("person").filter(pk=_id(note_id)).first()
    return visit, note


def _uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _initial(request, parent: Person, children) -> dict:
    """``?child=&visit=&note=`` preselect the child and the visit or case note it ends."""
    child_id = request.GET.get("child", "")
    child = children.filter(pk=child_id).first() if _uuid(child_id) else None
    visit, note = _links(request.user, request.GET.get("visit"), request.GET.get("note"))
    for linked in (getattr(visit, "child", None), getattr(note, "person", None)):
        if child is None and linked is not None and children.filter(pk=linked.pk).exists():
            child = linked
    return {"child": child, "visit": visit.pk if visit else None,
            "note": note.pk if note else None,
            "language": rules.default_language(parent.first_language),
            "delivered_at": timezone.localtime().strftime("%d/%m/%Y %H:%M")}


def _page(request, parent: Person, form: SummaryForm, *, status: int = 200):
    visit, note = _links(request.user, form["visit"].value(), form["note"].value())
    return render(request, "records/summary_new.html", {
        "person": parent, "form": form, "needs": rules.needs_of(parent),
        "visit": visit, "note": note}, status=status)


def _write_links(person: Person, parents: list[Person], carry: dict) -> list[tuple[str, str]]:
    """(label, address) of each "write a summary" button: the person's parents and carers
    about them first, then the person themselves; a visit or note being ended is carried."""
    links = [(f"Write a summary for {p.display_name} about {person.given_name}",
              reverse("records:summary_new", args=[p.pk]) + "?"
              + urlencode({"child": person.pk, **carry})) for p in parents]
    own = reverse("records:summary_new", args=[person.pk])
    links.append((f"Write a summary for {person.display_name}",
                  own + ("?" + urlencode(carry) if carry else "")))
    return links


@requires("records.view")
@require_http_methods(["GET"])
def person_summaries(request, person_id):
    person = get_visible_person(request.user, person_id)
    found = list(queries.summaries_of(request.user, person))
    parents = list(queries.parents_of(request.user, person))
    carry = {k: v for k in ("visit", "note") if (v := _id(request.GET.get(k))) is not None}
    summaries.record_list_view(person, user=request.user)
    can_write = request.user.has_hearth_permission("records.write")
    return render(request, "records/summary_list.html", {
        "person": person, "summaries": found,
        "write_links": _write_links(person, parents, carry) if can_write else []})


@requires("records.write")
@require_http_methods(["GET", "POST"])
def new_summary(request, person_id):
    parent = get_visible_person(request.user, person_id)
    children = queries.children_of(request.user, parent)
    today = timezone.localdate()
    if request.method == "GET":
        form = SummaryForm(children=children, today=today,
                           initial=_initial(request, parent, children))
        return _page(request, parent, form)
    form = SummaryForm(request.POST, children=children, today=today)

    def act(data):
        visit, note = _links(request.user, data["visit"], data["note"])
        if (data["visit"] and visit is None) or (data["note"] and note is None):
            raise Refused("The visit or case note this summary ends could not be found")
        return summaries.do_write_summary(
            parent, acting_user=request.user, child=data["child"], visit=visit,
            case_note=note, purpose=data["purpose"], what_was_done=data["what_was_done"],
            method=data["method"], language=data["language"], interpreter=data["interpreter"],
            delivered_at=data["delivered_at"], actions=form.lines())

    outcome = attempt(form, act, field_for=FIELD_FOR)
    if not outcome:
        return _page(request, parent, form, status=outcome.status)
    checks = len(outcome.result.warnings)
    return done_with(request, "Summary saved." + (
        f" Check the {checks} point{'s' if checks != 1 else ''} below." if checks else ""),
        "records:summary", summary_id=outcome.result.pk)


@requires("records.view")
@require_http_methods(["GET"])
def show(request, summary_id):
    summary = queries.get_visible_summary(request.user, summary_id)
    summaries.record_summary_view(summary, user=request.user)
    return render(request, "records/summary_show.html", {
        "summary": summary, "person": summary.person, "records_notice": RECORDS_NOTICE})


@requires("records.view")
@require_http_methods(["GET"])
def pdf(request, summary_id):
    summary = queries.get_visible_summary(request.user, summary_id)
    body = render_pdf(render_html(summary))
    summaries.record_summary_view(summary, user=request.user,
                                  what="download_parent_summary_pdf")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="summary-{summary.pk}.pdf"'
    return response


def render_html(summary: ParentSummary) -> str:
    """The summary as the parent receives it, ending with the R-REC-9 notice."""
    return render_to_string("records/summary_letter.html", {
        "summary": summary, "records_notice": RECORDS_NOTICE})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
