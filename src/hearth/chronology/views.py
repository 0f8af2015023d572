"""Chronology pages: the analytical chronology of a child or family, its CSV and PDF exports,
and hand entries with visible corrections. A person the user may not see is 404; every read
and export is audited."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.permissions import requires
from hearth.chronology import actions, queries, report
from hearth.chronology.codes import Lane
from hearth.chronology.forms import CorrectForm, EntryForm
from hearth.chronology.models import Event
from hearth.people.actions import StaleEdit
from hearth.people.models import Person

FORM_ERROR_STATUS = 400
CONFLICT = 409


def _filters_or_error(request):
    try:
        return queries.parse_filters(request.GET), None
    except queries.BadFilter as exc:
        return queries.Filters(), exc


def _when(event: Event) -> str:
    local = timezone.localtime(event.occurred_at, calendar.LONDON)
    return f"{local:%-d %b %Y, %H:%M}" if event.time_known else f"{local:%-d %b %Y}"


def _rows(chron: report.Chronology) -> list[dict]:
    return [{"event": e, "when": _when(e), "link": queries.link_of(e),
             "person": e.person if chron.filters.family else None} for e in chron.events]


@requires("chronology.view")
@require_http_methods(["GET"])
def chronology(request, person_id):
    person = queries.get_visible_person(request.user, person_id)
    filters, problem = _filters_or_error(request)
    chron = report.build(request.user, person, filters)
    actions.record_view(person, user=request.user, scope="family" if filters.family else "child")
    query = filters.query()
    pages = []
    for number in range(max(1, filters.page - 3), min(chron.page_count, filters.page + 3) + 1):
        pages.append({"number": number, "current": number == filters.page,
                      "href": "?" + urlencode({**query, "page": number}, doseq=True)})
    context = {
        "person": person, "chron": chron, "rows": _rows(chron), "problem": problem,
        "lanes": Lane.choices, "query": urlencode(query, doseq=True), "pages": pages,
        "previous": ("?" + urlencode({**query, "page": filters.page - 1}, doseq=True)
                     if filters.page > 1 else None),
        "next": ("?" + urlencode({**query, "page": filters.page + 1}, doseq=True)
                 if filters.page < chron.page_count else None),
        "can_add": request.user.has_hearth_permission("chronology.write"),
    }
    return render(request, "chronology/page.html", context,
                  status=FORM_ERROR_STATUS if problem else 200)


def _export(request, person_id):
    person = queries.get_visible_person(request.user, person_id)
    filters, problem = _filters_or_error(request)
    if problem:
        return person, None, HttpResponse(f"{problem}\n", status=FORM_ERROR_STATUS,
                                          content_type="text/plain; charset=utf-8")
    filters.oldest_first = request.GET.get("order", "oldest") != "newest"
    return person, report.build(request.user, person, filters, everything=True), None


def _filename(person: Person, ext: str) -> str:
    # The opaque id only: no names in file names that end up in downloads folders and logs.
    return f"chronology-{str(person.pk)[:8]}-{timezone.localdate():%Y%m%d}.{ext}"


@requires("chronology.view")
@require_http_methods(["GET"])
def export_csv(request, person_id):
    person, chron, error = _export(request, person_id)
    if error is not None:
        return error
    assert chron is not None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(person, "csv")}"'
    writer = csv.writer(response)
    writer.writerow(["Date", "Time", "Person", "Type", "Lane", "What happened", "Source agency",
                     "Said by", "Impact on the child", "Recorded by", "Recorded at"])
    for e in chron.events:
        local = timezone.localtime(e.occurred_at, calendar.LONDON)
        writer.writerow([f"{local:%Y-%m-%d}", f"{local:%H:%M}" if e.time_known else "",
                         e.person.display_name, e.get_kind_display(), e.get_lane_display(),
                         _safe(e.summary), _safe(e.source_agency), _safe(e.source_person),
                         _safe(e.impact),
                         e.recorded_by.display_name if e.recorded_by_id else "",
                         f"{timezone.localtime(e.recorded_at, calendar.LONDON):%Y-%m-%d %H:%M}"])
    actions.record_view(person, user=request.user, what="export_chronology", format="csv",
                        events=chron.total)
    return response


def _safe(text: str) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: neutralise them."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@requires("chronology.view")
@require_http_methods(["GET"])
def export_pdf(request, person_id):
    person, chron, error = _export(request, person_id)
    if error is not None:
        return error
    assert chron is not None
    html = render_to_string("chronology/print.html", {
        "person": person, "chron": chron, "rows": _rows(chron),
        "printed_by": request.user.display_name,
        "printed_at": timezone.localtime(timezone.now(), calendar.LONDON)})
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    actions.record_view(person, user=request.user, what="export_chronology", format="pdf",
                        events=chron.total)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(person, "pdf")}"'
    return response


@requires("chronology.write")
@require_http_methods(["GET", "POST"])
def new_entry(request, person_id):
    person = queries.get_visible_person(request.user, person_id)
    if request.method == "GET":
        return render(request, "chronology/new.html", {"person": person, "form": EntryForm()})
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            actions.do_add_entry(person, acting_user=request.user, **form.cleaned_data)
        except actions.EntryRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, "Entry added to the chronology.")
            return redirect("chronology:person", person_id=person.pk)
    return render(request, "chronology/new.html", {"person": person, "form": form},
                  status=FORM_ERROR_STATUS)


def _visible_entry(user, entry_id) -> Event:
    try:
        return (Event.objects.select_related("person", "recorded_by")
                .prefetch_related("corrections__corrected_by")
                .get(pk=entry_id, person__in=Person.objects.visible_to(user)))
    except Event.DoesNotExist as exc:
        raise Http404("No such entry.") from exc


def _entry_initial(event: Event) -> dict:
    return {"kind": event.kind, "summary": event.summary,
            "occurred_on": timezone.localtime(event.occurred_at, calendar.LONDON).date(),
            "source_agency": event.source_agency, "source_person": event.source_person,
            "impact": event.impact, "version": event.version}


def _render_entry(request, event: Event, *, form=None, status: int = 200, conflict=None):
    can_correct = event.is_manual and request.user.has_hearth_permission("chronology.write")
    if can_correct and form is None:
        form = CorrectForm(initial=_entry_initial(event))
    return render(request, "chronology/entry.html", {
        "event": event, "person": event.person, "when": _when(event),
        "link": None if event.is_manual else queries.link_of(event),
        "form": form if can_correct else None, "conflict": conflict}, status=status)


@requires("chronology.view")
@require_http_methods(["GET"])
def entry(request, entry_id):
    event = _visible_entry(request.user, entry_id)
    actions.record_view(event.person, user=request.user, what="view_chronology_entry",
                        event=event.pk)
    return _render_entry(request, event)


@requires("chronology.write")
@require_http_methods(["POST"])
def correct(request, entry_id):
    event = _visible_entry(request.user, entry_id)
    form = CorrectForm(request.POST)
    if not form.is_valid():
        return _render_entry(request, event, form=form, status=FORM_ERROR_STATUS)
    data = dict(form.cleaned_data)
    version, reason = data.pop("version"), data.pop("reason")
    try:
        actions.do_correct_entry(event, acting_user=request.user, expected_version=version,
                                 reason=reason, **data)
    except StaleEdit as exc:
        event = _visible_entry(request.user, entry_id)
        conflict = {"title": "Someone else corrected this entry while you were working on it",
                    "message": f"{exc} Check the entry as it is now, then make your change "
                               "again: what you entered is kept in the form."}
        return _render_entry(request, event, form=form, status=CONFLICT, conflict=conflict)
    except actions.EntryRefused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        return _render_entry(request, event, form=form, status=FORM_ERROR_STATUS)
    messages.success(request, "Entry corrected. The correction is shown with it.")
    return redirect("chronology:entry", entry_id=event.pk)
