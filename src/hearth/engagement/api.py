"""``/api/v1/engagement/people/{id}/events``: a person's engagement events (R-RES-1, R-RES-2),
and recording one from a partner system with the same rules as the page.

A person the caller may not see is 404. Date-times carry their offset. An event the rules
refuse (hostility without its form, who or the worker's account, an unknown behaviour, a date
in the future…) is 422 naming the field, and nothing is written. The answer says whether a
follow-up task was created (R-RES-3) and whether the other practitioners should be alerted
(R-RES-4). (No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import READ_ERRORS, WRITE_ERRORS, api_names
from hearth.core.refusals import Refused
from hearth.core.visibility import get_visible_or_404
from hearth.engagement import actions
from hearth.engagement.chronology import who
from hearth.engagement.models import EngagementEvent
from hearth.engagement.queries.events import events_of
from hearth.engagement.queries.family import in_family
from hearth.engagement.schemas import (
    EngagementEventIn,
    EngagementEventList,
    EngagementEventRecordedOut,
)
from hearth.people.models import Person
from hearth.visits.models import Visit

router = Router(tags=["engagement"])


def _out(event: EngagementEvent) -> dict:
    return {"id": event.pk, "person_id": event.person_id, "kind": event.kind,
            "kind_label": event.get_kind_display(), "occurred_at": event.occurred_at,
            "agency": event.agency, "visit_id": event.visit_id,
            "involvement_id": event.involvement_id, "cancelled_by": event.cancelled_by,
            "believed_in": event.believed_in, "form": event.form,
            "behaviours": list(event.behaviours), "by_person_id": event.by_person_id,
            "who": who(event), "account": event.account,
            "recorded_by": event.recorded_by.display_name, "recorded_at": event.recorded_at}


def _person(request: AuthedRequest, person_id: str) -> Person:
    return get_visible_or_404(Person.objects.live(), request.auth, person_id, "person")


@router.get("/people/{person_id}/events", response={200: EngagementEventList, **READ_ERRORS},
            auth=permission("engagement.view"), url_name="engagement_events")
def person_events(request: AuthedRequest, person_id: str):
    """The person's engagement events, newest first."""
    person = _person(request, person_id)
    events = [_out(e) for e in events_of(request.auth, person)]
    actions.record_view(person, user=request.auth, what="api_view_engagement")
    return {"person_id": person.pk, "events": events}


@router.post("/people/{person_id}/events",
             response={201: EngagementEventRecordedOut, **WRITE_ERRORS},
             auth=permission("engagement.record"), url_name="engagement_record")
def record(request: AuthedRequest, person_id: str, payload: EngagementEventIn):
    """Record an engagement event for the person (it joins their live involvement)."""
    person = _person(request, person_id)
    data = payload.dict()
    visit = by_person = None
    if data["visit_id"] is not None:
        visit = Visit.objects.filter(pk=data["visit_id"], child=person).first()
        if visit is None:
            raise Refused("That visit is not this person's.", "visit_id")
    if data["by_person_id"] is not None:
        by_person = in_family(person, data["by_person_id"])
        if by_person is None:
            raise Refused("Choose someone in this family, or describe who it was in by_whom.",
                          "by_person_id")
    fields = {k: v for k, v in data.items() if k not in ("visit_id", "by_person_id")}
    with api_names({"visit": "visit_id", "by_person": "by_person_id"}):
        done = actions.do_record_event(person, acting_user=request.auth, visit=visit,
                                       by_person=by_person, **fields)
    return Status(201, {**_out(done.event),
                        "follow_up_task_id": done.task.pk if done.task else None,
                        "alert_practitioners": done.escalation is not None,
                        "escalation": done.escalation or ""})
