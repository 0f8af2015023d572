"""The chronology page of a child or family, and its CSV and PDF exports. A person the user
may not see is 404; every read and export is audited."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.permissions import requires
from hearth.chronology import actions, queries
from hearth.chronology.codes import Lane
from hearth.chronology.models import Event
from hearth.chronology.views import timeline
from hearth.core import safe_csv
from hearth.core.refusals import Refused
from hearth.people.models import Person
from hearth.people.queries.visibility import get_visible_person


def _filters_or_error(request) -> tuple[queries.Filters, Refused | None]:
    try:
        return queries.parse_filters(request.GET), None
    except Refused as refusal:
        return queries.Filters(), refusal


def when(event: Event) -> str:
    """When an event happened, as the pages show it (its time only when it is known)."""
    local = timezone.localtime(event.occurred_at, calendar.LONDON)
    return f"{local:%-d %b %Y, %H:%M}" if event.time_known else f"{local:%-d %b %Y}"


def _rows(chron: queries.Chronology) -> list[dict]:
    return [{"event": e, "when": when(e), "link": queries.link_of(e),
             "person": e.person if chron.filters.family else None} for e in chron.events]


@requires("chronology.view")
@require_http_methods(["GET"])
def chronology(request, person_id):
    person = get_visible_person(request.user, person_id)
    filters, problem = _filters_or_error(request)
    chron = queries.build(request.user, person, filters)
    actions.record_view(person, user=request.user, scope="family" if filters.family else "child")
    query = filters.query()
    pages = []
    for number in range(max(1, filters.page - 3), min(chron.page_count, filters.page + 3) + 1):
        pages.append({"number": number, "current": number == filters.page,
                      "href": "?" + urlencode({**query, "page": number}, doseq=True)})
    context = {
        "person": person, "chron": chron, "rows": _rows(chron), "problem": problem,
        "timeline_svg": _svg(chron),
        "lanes": Lane.choices, "query": urlencode(query, doseq=True), "pages": pages,
        "previous": ("?" + urlencode({**query, "page": filters.page - 1}, doseq=True)
                     if filters.page > 1 else None),
        "next": ("?" + urlencode({**query, "page": filters.page + 1}, doseq=True)
                 if filters.page < chron.page_count else None),
        "can_add": request.user.has_hearth_permission("chronology.write"),
    }
    return render(request, "chronology/page.html", context,
                  status=problem.page_status if problem else 200)


def _svg(chron: queries.Chronology):
    drawn = timeline.layout(chron.counts, lanes=chron.lanes, first=chron.filters.date_from,
                            last=chron.filters.date_to)
    return timeline.svg(drawn, f"Timeline of {chron.person.display_name}'s chronology by "
                        "type of event")


def _export(request, person_id):
    person = get_visible_person(request.user, person_id)
    filters, problem = _filters_or_error(request)
    if problem:
        return person, None, HttpResponse(f"{problem}\n", status=problem.page_status,
                                          content_type="text/plain; charset=utf-8")
    filters.oldest_first = request.GET.get("order", "oldest") != "newest"
    return person, queries.build(request.user, person, filters, everything=True), None


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
    writer = safe_csv.writer(response)  # every cell neutralised for spreadsheets
    writer.writerow(["Date", "Time", "Person", "Type", "Lane", "What happened", "Source agency",
                     "Said by", "Impact on the child", "Recorded by", "Recorded at"])
    for e in chron.events:
        local = timezone.localtime(e.occurred_at, calendar.LONDON)
        writer.writerow([f"{local:%Y-%m-%d}", f"{local:%H:%M}" if e.time_known else "",
                         e.person.display_name, e.get_kind_display(), e.get_lane_display(),
                         e.summary, e.source_agency, e.source_person, e.impact,
                         e.recorded_by.display_name if e.recorded_by_id else "",
                         f"{timezone.localtime(e.recorded_at, calendar.LONDON):%Y-%m-%d %H:%M}"])
    actions.record_view(person, user=request.user, what="export_chronology", format="csv",
                        events=chron.total)
    return response


@requires("chronology.view")
@require_http_methods(["GET"])
def export_pdf(request, person_id):
    person, chron, error = _export(request, person_id)
    if error is not None:
        return error
    assert chron is not None
    html = render_to_string("chronology/print.html", {
        "person": person, "chron": chron, "rows": _rows(chron), "timeline_svg": _svg(chron),
        "printed_by": request.user.display_name,
        "printed_at": timezone.localtime(timezone.now(), calendar.LONDON)})
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    actions.record_view(person, user=request.user, what="export_chronology", format="pdf",
                        events=chron.total)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(person, "pdf")}"'
    return response
