"""One core group meeting for several children of a family (issue 15: record once for a
family): siblings on plans usually share one core group meeting. The shared part (the date, who
came, the actions agreed, the next date) is written once; each child's plan gets its own
progress. Each plan gets its own meeting (its own audit row and chronology entry) through
``do_record_core_group_meeting``, linked by one ``group``; all or nothing."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import transaction

from hearth.core.refusals import Refused
from hearth.protection.actions.conferences import do_record_core_group_meeting
from hearth.protection.models import CoreGroupMeeting, CPPlan


@transaction.atomic
def do_record_family_core_group_meeting(plans: list[CPPlan], *, acting_user,
                                        held_on: date | None, attendees: str,
                                        progress: dict[int, str], actions: str = "",
                                        next_meeting_on: date | None = None
                                        ) -> list[CoreGroupMeeting]:
    """A meeting of the core groups of ``plans`` (two or more open plans of one family's
    children, each the caller may see), with ``progress[plan.pk]`` for each. Refused, with
    nothing written, when any plan's part is refused: the problem names the child."""
    if len(plans) < 2 or len({p.pk for p in plans}) != len(plans):
        raise Refused({"plans": "Choose the children whose core groups met together"})
    group = uuid.uuid4()
    meetings = []
    for plan in plans:
        try:
            meeting = do_record_core_group_meeting(
                plan, acting_user=acting_user, held_on=held_on, attendees=attendees,
                progress=progress.get(plan.pk, ""), actions=actions,
                next_meeting_on=next_meeting_on)
        except Refused as refused:
            name = plan.person.display_name
            raise Refused({(f"progress_{plan.pk}" if field == "progress" else field):
                           f"{name}: {message}" if field == "progress" else message
                           for field, message in refused.problems.items()}) from refused
        meeting.group = group
        meeting.save(update_fields=["group"])
        meetings.append(meeting)
    return meetings
