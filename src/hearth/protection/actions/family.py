"""One core group meeting for several children of a family (issue 15: record once for a
family): siblings on plans usually share one core group meeting. The shared part (the date, who
came, the actions agreed, the next date) is written once; each child's plan gets its own
progress. Each plan gets its own meeting (its own audit row and chronology entry) through
``do_record_core_group_meeting``, linked by one ``group``; all or nothing."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import transaction

from hearth.casework.models import InvolvementStatus
from hearth.casework.queries import live_involvement
from hearth.core.refusals import Refused
from hearth.protection.actions.conferences import do_record_core_group_meeting
from hearth.protection.actions.strategy import do_record_strategy_discussion
from hearth.protection.codes import StrategyOrigin
from hearth.protection.models import CoreGroupMeeting, CPPlan, StrategyDiscussion


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


def _origin_for(child, origin: str, contact, assessment) -> dict:
    """What led to the discussion about a brother or sister: the same contact when it names
    them, else their own open case."""
    if origin in (StrategyOrigin.CONTACT, StrategyOrigin.MASH) and contact is not None \
            and contact.links.filter(person=child).exists():
        return {"origin": origin, "contact": contact}
    if origin == StrategyOrigin.ASSESSMENT and assessment is not None \
            and assessment.child_id == child.pk:
        return {"origin": origin, "assessment": assessment}
    involvement = live_involvement(child)
    if involvement is None or involvement.status == InvolvementStatus.CLOSED:
        raise Refused({f"also_{child.pk}": f"{child.display_name} is not on the contact and "
                       "has no open case: record their strategy discussion on its own"})
    return {"origin": StrategyOrigin.OPEN_CASE, "involvement": involvement}


@transaction.atomic
def do_record_family_strategy_discussion(person, *, siblings: list[dict], acting_user,
                                         origin: str, contact=None, assessment=None,
                                         involvement=None, decision: str,
                                         decision_reasons: str, actions, **shared
                                         ) -> list[StrategyDiscussion]:
    """One strategy discussion about ``person`` and brothers and sisters (``siblings``: dicts
    of person, decision and decision_reasons, blank for the same as ``person``'s). Each child
    gets their own discussion (audit row, chronology entry and, on a Section 47 decision, their
    own enquiry), linked by one ``group``; the actions agreed are recorded once, on
    ``person``'s. All or nothing; a brother's or sister's problem names them."""
    group = uuid.uuid4()
    found = [do_record_strategy_discussion(
        person, acting_user=acting_user, origin=origin, contact=contact,
        assessment=assessment, involvement=involvement, decision=decision,
        decision_reasons=decision_reasons, actions=actions, **shared)]
    for part in siblings:
        child = part["person"]
        try:
            found.append(do_record_strategy_discussion(
                child, acting_user=acting_user, **_origin_for(child, origin, contact,
                                                             assessment),
                decision=part["decision"] or decision,
                decision_reasons=part["decision_reasons"] or decision_reasons,
                actions=[], **shared))
        except Refused as refused:
            raise Refused({f"also_{child.pk}": f"{child.display_name}: {message}"
                           for message in refused.problems.values()}) from refused
    for discussion in found:
        discussion.group = group
        discussion.save(update_fields=["group"])
    return found
