"""``/api/v1/care-leavers`` (R-CL-1..3): a young person's care-leaver record with the category
worked out from the dates and why, opening one, and recording contact and keeping in touch
around a birthday; a manager allocates the personal adviser.

A young person the caller may not see, or without a record, is 404. A category that
contradicts the dates, a code not in the SSDA903 list or an invalid combination (344, 345,
S1, X1) is 422 naming the field, nothing written. Changes need ``If-Match`` with the record's
ETag (428 without, 412 when stale). (No ``from __future__ import annotations``:
django-ninja reads the annotations.)"""

from uuid import UUID

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.models import User
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, WRITE_ERRORS, Problem
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.leaving_care import actions, queries, rules
from hearth.leaving_care.models import CareLeaver
from hearth.leaving_care.schemas import (
    CareLeaverContactIn,
    CareLeaverKeepingInTouchIn,
    CareLeaverOpenIn,
    CareLeaverOut,
    PersonalAdviserIn,
)

router = Router(tags=["leaving_care"])


def _out(record: CareLeaver) -> dict:
    person = record.person
    found = queries.category_of(person, record)
    plans = list(record.plans.all())
    return {
        "person_id": person.pk, "category": found.category, "reason": found.reason,
        "personal_adviser": record.adviser.display_name if record.adviser else None,
        "support_to_25_requested_on": record.support_to_25_requested_on,
        "pathway_plan_due": rules.plan_due(person.date_of_birth, found.qualified_on,
                                           plans[0].planned_on if plans else None)
        if found.is_care_leaver and person.date_of_birth else None,
        "plans": [{"assessed_on": p.assessed_on, "planned_on": p.planned_on,
                   "summary": p.summary} for p in plans],
        "contacts": [{"contacted_on": c.contacted_on, "in_touch": c.in_touch,
                      "method": c.method, "accommodation": c.accommodation,
                      "activity": c.activity, "activity_reason": c.activity_reason,
                      "recorded_by": c.recorded_by.display_name} for c in record.contacts.all()],
        "keeping_in_touch": [{"age": k.age, "in_touch": k.in_touch, "activity": k.activity,
                              "accommodation": k.accommodation, "recorded_on": k.recorded_on}
                             for k in record.keeping_in_touch.all()],
        "version": record.version}


def _answer(response: HttpResponse, user, person_id) -> dict:
    record = queries.get_record(user, person_id)
    response["ETag"] = etag(record)
    return _out(record)


@router.post("", response={201: CareLeaverOut, **WRITE_ERRORS},
             auth=permission("leaving_care.manage"))
def open_record(request: AuthedRequest, response: HttpResponse, payload: CareLeaverOpenIn):
    """Open a young person's care-leaver record (R-CL-1). ``category`` is optional: when sent,
    it must be the one the dates give (422 naming ``category`` otherwise)."""
    person = queries.get_person(request.auth, payload.person_id)
    actions.do_open(person, acting_user=request.auth, category=payload.category)
    return Status(201, _answer(response, request.auth, person.pk))


@router.get("/{uuid:person_id}", response={200: CareLeaverOut, **WRITE_ERRORS},
            auth=permission("leaving_care.view"))
def detail(request: AuthedRequest, response: HttpResponse, person_id: UUID):
    record = queries.get_record(request.auth, person_id)
    actions.record_view(record.person, user=request.auth)
    response["ETag"] = etag(record)
    return _out(record)


@router.post("/{uuid:person_id}/contacts", response={200: CareLeaverOut, **CHANGE_ERRORS},
             auth=permission("leaving_care.manage"))
def record_contact(request: AuthedRequest, response: HttpResponse, person_id: UUID,
                   payload: CareLeaverContactIn):
    """A contact (R-CL-2): in touch or not, how, accommodation (ACCOM), activity (ACTIV)."""
    record = queries.get_record(request.auth, person_id)
    expected = require_if_match(request, record)
    actions.do_record_contact(record, acting_user=request.auth, expected_version=expected,
                              **payload.dict())
    return _answer(response, request.auth, person_id)


@router.post("/{uuid:person_id}/keeping-in-touch",
             response={200: CareLeaverOut, **CHANGE_ERRORS},
             auth=permission("leaving_care.manage"))
def record_keeping_in_touch(request: AuthedRequest, response: HttpResponse, person_id: UUID,
                            payload: CareLeaverKeepingInTouchIn):
    """Around the birthday ``age`` (17-21, R-CL-3): IN_TOUCH, ACTIV and ACCOM."""
    record = queries.get_record(request.auth, person_id)
    expected = require_if_match(request, record)
    actions.do_record_keeping_in_touch(record, acting_user=request.auth,
                                       expected_version=expected, **payload.dict())
    return _answer(response, request.auth, person_id)


@router.post("/{uuid:person_id}/adviser",
             response={200: CareLeaverOut, **CHANGE_ERRORS, 403: Problem},
             auth=permission("leaving_care.allocate"))
def allocate_adviser(request: AuthedRequest, response: HttpResponse, person_id: UUID,
                     payload: PersonalAdviserIn):
    """A manager allocates the personal adviser (R-CL-2)."""
    record = queries.get_record(request.auth, person_id)
    expected = require_if_match(request, record)
    adviser = User.objects.filter(pk=payload.adviser_id).first()
    if adviser is None:
        raise Refused("No personal adviser has that id.", "adviser_id")
    try:
        actions.do_allocate_adviser(record.person, acting_user=request.auth, adviser=adviser,
                                    expected_version=expected)
    except Refused as refusal:
        raise refusal.renamed({"adviser": "adviser_id"}) from None
    return _answer(response, request.auth, person_id)
