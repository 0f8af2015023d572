"""Allegation management meetings: recording one (attendees by agency, information shared,
actions with owners and dates, the next meeting), reading it, and its minutes as a PDF
(WeasyPrint). Every read is audited on the matter."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.council import details as council
from hearth.core.pages import done_with, refuse_on_form
from hearth.core.refusals import Refused
from hearth.lado.actions import meetings as actions
from hearth.lado.forms.meetings import MeetingForm
from hearth.lado.models import Meeting
from hearth.lado.queries.matters import get_visible_matter
from hearth.lado.queries.meetings import get_visible_meeting
from hearth.lado.views.matters import STALE


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def new(request, lado_matter_id):
    user = request.user
    matter = get_visible_matter(user, lado_matter_id)
    form = MeetingForm(request.POST or None, initial={"version": matter.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = actions.do_record_meeting(
                    matter, acting_user=user, expected_version=data["version"],
                    held_on=data["held_on"], information_shared=data["information_shared"],
                    attendees=form.attendees(), actions=form.actions(),
                    next_meeting_on=data["next_meeting_on"])
            except Refused as refusal:
                status = refuse_on_form(form, refusal, stale_message=STALE,
                                        field_for=form.field_map())
            else:
                return done_with(request, "Meeting recorded.", "lado:meeting",
                                 lado_meeting_id=meeting.pk)
    return render(request, "lado/meeting_new.html", {"matter": matter, "form": form},
                  status=status)


@requires("lado.view")
@require_http_methods(["GET"])
def meeting(request, lado_meeting_id):
    found = get_visible_meeting(request.user, lado_meeting_id)
    actions.record_minutes_view(found, user=request.user)
    return render(request, "lado/meeting.html", {"meeting": found, "matter": found.matter})


def minutes_html(meeting: Meeting) -> str:
    return render_to_string("lado/minutes.html", {"meeting": meeting, "matter": meeting.matter,
                                                  "council": council()})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


@requires("lado.view")
@require_http_methods(["GET"])
def minutes(request, lado_meeting_id):
    """The meeting's minutes as a PDF, to send to those who attended."""
    found = get_visible_meeting(request.user, lado_meeting_id)
    body = render_pdf(minutes_html(found))
    actions.record_minutes_view(found, user=request.user, what="download_lado_minutes")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="{found.matter.reference}-'
                                       f'meeting-{found.pk}-minutes.pdf"')
    return response
