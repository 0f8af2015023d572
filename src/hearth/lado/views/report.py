"""The LADO's annual figures (R-LADO-5), for one reporting year (April to March, chosen with
``?year=``): a page, and the same figures as a CSV written by the one safe CSV writer. The
LADO service's alone; every read is audited."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.actions import audit
from hearth.access.permissions import requires
from hearth.core import safe_csv
from hearth.lado.queries import report as queries
from hearth.lado.rules import report as rules
from hearth.lado.views.matters import lado_service_only


def _figures(request):
    user = request.user
    lado_service_only(user)
    today = timezone.localdate()
    year, problem = rules.year_asked(request.GET.get("year"), today=today)
    return queries.figures(user, year), problem, today


@requires("lado.report")
@require_http_methods(["GET"])
def report(request):
    figures, problem, today = _figures(request)
    audit.record_read("view_lado_report", user=request.user, object_type="lado.report",
                      object_id=str(figures.year), fields={"year": figures.year})
    current = rules.reporting_year(today)
    return render(request, "lado/report.html", {
        "figures": figures, "problem": problem,
        "years": [(y, rules.year_label(y)) for y in range(current, current - 6, -1)]},
        status=400 if problem else 200)


@requires("lado.report")
@require_http_methods(["GET"])
def report_csv(request):
    figures, _problem, _today = _figures(request)
    audit.record_read("export_lado_report", user=request.user, object_type="lado.report",
                      object_id=str(figures.year), fields={"year": figures.year})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="lado-figures-{figures.year}-'
                                       f'{figures.year + 1}.csv"')
    writer = safe_csv.writer(response)
    writer.writerow(["Figure", "Category", "Count"])
    writer.writerows(queries.csv_rows(figures))
    return response
