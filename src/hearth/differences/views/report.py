"""The managers' page of professional differences (R-PD-3, ``differences.manage``): open ones by
stage and by agency, overdue stages first, the time resolved ones took (median and mean, in
working days), filters, 25 a page; and the same list as CSV (``core.safe_csv``), audited."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.permissions import requires
from hearth.core import safe_csv
from hearth.core.paging import paginate
from hearth.differences.codes import AgencyKind, StageNumber
from hearth.differences.forms import ReportFilterForm
from hearth.differences.queries import report

CSV_HEADINGS = ["Difference", "Child", "Raised on", "Raised by", "Agency that raised it",
                "Agency whose decision it is", "Decision made by", "Status", "Stage",
                "Stage due", "Overdue", "Stage led by", "Resolved on",
                "Working days to resolve", "Allocated worker told on"]


@requires("differences.manage")
@require_http_methods(["GET"])
def report_page(request):
    form = ReportFilterForm(request.GET or None)
    filters = form.filters() if request.GET else report.Filters()
    now = timezone.now()
    page = paginate(report.rows(request.user, filters, now), request)
    return render(request, "differences/report.html", {
        "form": form, "filters": filters, "page": page,
        "summary": report.summary(request.user, now), "csv_query": request.GET.urlencode()})


def _day(moment) -> str:
    return f"{timezone.localtime(moment, calendar.LONDON):%Y-%m-%d}" if moment else ""


@requires("differences.manage")
@require_http_methods(["GET"])
def report_csv(request):
    filters = ReportFilterForm(request.GET or None).filters() if request.GET else \
        report.Filters()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = ('attachment; filename="professional-differences-'
                                       f'{timezone.localdate():%Y%m%d}.csv"')
    writer = safe_csv.writer(response)  # every cell neutralised for spreadsheets
    writer.writerow(CSV_HEADINGS)
    people = []
    for d in report.rows(request.user, filters, timezone.now()).iterator(chunk_size=500):
        stage = d.current_stage
        people.append(str(d.person_id))
        writer.writerow([
            d.pk, d.person.display_name, _day(d.raised_at), d.raised_by.display_name,
            d.raiser_agency_name, d.decision_partner.name if d.decision_partner
            else AgencyKind(d.decision_agency).label, d.decision_by, d.get_status_display(),
            stage.number if stage else "", StageNumber(stage.number).label if stage else "",
            _day(stage.due_at) if stage and d.is_open else "", "Yes" if d.overdue else "No",
            stage.owner.display_name if stage else "", _day(d.resolved_at),
            d.working_days_to_resolve if d.working_days_to_resolve is not None else "",
            f"{d.worker_told_on:%Y-%m-%d}" if d.worker_told_on else ""])
    audit.record_read("export_differences", user=request.user, object_type="people.person",
                      fields={"people": sorted(set(people)), "rows": len(people),
                              "filters": {"status": filters.status, "stage": filters.stage,
                                          "agency": filters.agency,
                                          "overdue": filters.overdue}})
    return response
