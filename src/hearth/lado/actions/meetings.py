"""Allegation management meetings (R-LADO-2, R-LADO-4): the date, who attended for which
agency, the information shared, actions each with an owner and a date, and the next meeting.
Recorded once the criteria are met; the minutes are printed as a PDF from the record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.lado.actions.matters import audit_matter, lock, save
from hearth.lado.codes import MatterStatus
from hearth.lado.models import Matter, Meeting, MeetingAction, MeetingAttendee
from hearth.lado.rules import matters as matter_rules
from hearth.lado.rules.meetings import ActionLine, Attendee, meeting_problems


@transaction.atomic
def do_record_meeting(matter: Matter, *, acting_user, expected_version: int | None,
                      held_on: date | None, information_shared: str,
                      attendees: Sequence[Attendee], actions: Sequence[ActionLine],
                      next_meeting_on: date | None = None) -> Meeting:
    current = lock(matter, acting_user, expected_version)
    if current.status == MatterStatus.NEW:
        raise Refused(matter_rules.CRITERIA_FIRST, why=Why.STATE)
    refuse_if(meeting_problems(
        held_on=held_on, information_shared=information_shared, attendees=attendees,
        actions=actions, next_meeting_on=next_meeting_on,
        notified_on=timezone.localtime(current.notified_at).date(),
        today=timezone.localdate()))
    assert held_on is not None
    meeting = Meeting.objects.create(matter=current, held_on=held_on,
                                     information_shared=information_shared.strip(),
                                     next_meeting_on=next_meeting_on, recorded_by=acting_user,
                                     recorded_at=timezone.now())
    MeetingAttendee.objects.bulk_create([
        MeetingAttendee(meeting=meeting, name=a.name.strip(), agency=a.agency.strip(),
                        role=a.role.strip()) for a in attendees])
    MeetingAction.objects.bulk_create([
        MeetingAction(meeting=meeting, action=a.action.strip(), owner=a.owner.strip(),
                      due_on=a.due_on) for a in actions if a.due_on is not None])
    save(current, [], acting_user)
    audit_matter("lado.meeting", current, acting_user, meeting=meeting.pk,
                 held_on=held_on.isoformat(),
                 agencies=sorted({a.agency.strip() for a in attendees}), actions=len(actions))
    return meeting


def record_minutes_view(meeting: Meeting, *, user, what: str = "view_lado_meeting") -> None:
    """Reading a meeting's record or its minutes is reading the matter: audited."""
    audit.record_read(what, user=user, obj=meeting.matter,
                      fields={"matter": meeting.matter.reference, "meeting": meeting.pk})
