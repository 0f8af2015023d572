"""Pages of the lado app (included at the site root under the namespace ``lado``)."""

from django.urls import path

from hearth.lado.views import children, matters, meetings, report

app_name = "lado"
MATTER = "lado/matters/<int:lado_matter_id>"
urlpatterns = [
    path("lado", matters.queue, name="queue"),
    path("lado/matters/new", matters.new, name="new"),
    path("lado/contacts/<int:contact_id>/matter", matters.from_contact, name="from_contact"),
    path(MATTER, matters.matter, name="matter"),
    path(f"{MATTER}/criteria", matters.criteria, name="criteria"),
    path(f"{MATTER}/response", matters.respond, name="respond"),
    path(f"{MATTER}/employer", matters.employer, name="employer"),
    path(f"{MATTER}/outcome", matters.outcome, name="outcome"),
    path(f"{MATTER}/referrals", matters.referrals, name="referrals"),
    path(f"{MATTER}/close", matters.close, name="close"),
    path(f"{MATTER}/children/new", children.add, name="child_new"),
    path(f"{MATTER}/children/<int:lado_child_id>/link", children.link, name="child_link"),
    path(f"{MATTER}/meetings/new", meetings.new, name="meeting_new"),
    path("lado/meetings/<int:lado_meeting_id>", meetings.meeting, name="meeting"),
    path("lado/meetings/<int:lado_meeting_id>/minutes.pdf", meetings.minutes,
         name="minutes"),
    path("lado/report", report.report, name="report"),
    path("lado/report.csv", report.report_csv, name="report_csv"),
]
