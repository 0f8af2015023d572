"""Pages of the differences app (included at the site root under the namespace
``differences``): raising a professional difference about a child, the difference with its
stages and the forms that move it on, the user's own list, and the managers' page with its
CSV (R-PD-1..3)."""

from django.urls import path

from hearth.differences.views import differences, report

app_name = "differences"
urlpatterns = [
    path("differences", report.report_page, name="report"),
    path("differences.csv", report.report_csv, name="report_csv"),
    path("differences/mine", differences.mine, name="mine"),
    path("people/<uuid:person_id>/differences/new", differences.new, name="new"),
    path("differences/<int:difference_id>", differences.difference, name="difference"),
    path("differences/<int:difference_id>/outcome", differences.outcome, name="outcome"),
    path("differences/<int:difference_id>/escalate", differences.escalate, name="escalate"),
    path("differences/<int:difference_id>/resolve", differences.resolve, name="resolve"),
    path("differences/<int:difference_id>/told", differences.told, name="told"),
]
