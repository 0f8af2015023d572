"""``/api/v1/lado`` (issue 16, R-LADO-1..5).

- ``POST /matters`` (``lado.notify``: the front door, MASH partners and the LADO; partners'
  and employers' systems hold a token of such a user): a notification. 201 with the matter's
  reference and its clocks — and nothing else: a notifier reads no matter back (R-LADO-3),
  only the LADO service gets the ``id``. 422 naming the field for bad input (an unknown
  sector, a missing field, a malformed date, dates out of order or in the future, no child, a
  child's record the caller cannot see); nothing is written.
- ``GET /matters`` (``lado.view``): the LADO's queue, 25 a page (``?page=``), waiting for a
  response first, most overdue first; empty for anyone outside the LADO service.
- ``GET /matters/{id}`` (``lado.view``): one matter with its ``ETag``; 404 outside the LADO
  service. Audited like a person's record.
- ``PUT /matters/{id}/outcome`` (``lado.manage``): the outcome (R-LADO-4), with ``If-Match``
  (428 without, 412 stale); an outcome dated before the notification is 422 naming
  ``outcome_on``; a matter whose criteria are not decided, or closed, is 409.

(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.core.paging import PAGE_SIZE
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, Problem, api_names
from hearth.core.versions import etag, require_if_match
from hearth.lado.actions import matters as actions
from hearth.lado.actions.notifications import do_record_notification
from hearth.lado.codes import CRITERION_FIELDS, Origin
from hearth.lado.models import Matter
from hearth.lado.queries import children as child_queries
from hearth.lado.queries import matters as queries
from hearth.lado.queries.meetings import meetings_of
from hearth.lado.rules.children import ChildLine
from hearth.lado.rules.notifications import Notification
from hearth.lado.schemas import (
    LadoMatterIn,
    LadoMatterList,
    LadoMatterOut,
    LadoMatterReceipt,
    LadoOutcomeIn,
    LadoPageParams,
)

router = Router(tags=["lado"])

#: The action's names for the notification's fields, as the API names them.
NAMES = {"dsl_name": "designated_safeguarding_lead",
         "subject_given_name": "subject.given_name",
         "subject_family_name": "subject.family_name",
         "subject_date_of_birth": "subject.date_of_birth",
         "subject_employer": "subject.employer", "subject_role": "subject.role",
         "sector": "subject.sector", "subject_person_id": "subject.person_id"}
SUMMARY = ("id", "reference", "status", "subject_name", "subject_employer", "sector",
           "notified_at", "late_notification", "response_due", "responded_at")
DETAIL = ("origin", "contact_id", "notifier_name", "notifier_role", "notifier_organisation",
          "notifier_contact", "incident_on", "concern_shared_at", "notification_due",
          "subject_given_name", "subject_family_name", "subject_date_of_birth",
          "subject_role", "setting", "allegation", "criteria_decided_at", "advice",
          "response", "suspension_considered", "suspension", "investigation", "disciplinary",
          "police", "social_care", "outcome", "outcome_on", "outcome_notes", "dbs_referred_on",
          "regulator", "regulator_referred_on", "closed_at", "version")


def _summary(matter: Matter, now) -> dict:
    row = queries.describe(matter, now)
    return {**{f: getattr(matter, f) for f in SUMMARY}, "stage": row.stage,
            "response_overdue": row.overdue,
            "lado_officer": matter.lado_officer.display_name if matter.lado_officer else None}


def _detail(matter: Matter) -> dict:
    meetings = list(meetings_of(matter))
    row = queries.describe(matter, timezone.now(), meetings=len(meetings))
    return {**_summary(matter, timezone.now()), "stage": row.stage,
            **{f: getattr(matter, f) for f in DETAIL},
            "designated_safeguarding_lead": matter.dsl_name,
            "criteria": [code for code, name in CRITERION_FIELDS.items()
                         if getattr(matter, name)],
            "children": [{"person_id": c.person_id, "given_name": c.given_name,
                          "family_name": c.family_name, "date_of_birth": c.date_of_birth}
                         for c in child_queries.children_of(matter)],
            "meetings": [{"id": m.pk, "held_on": m.held_on,
                          "information_shared": m.information_shared,
                          "next_meeting_on": m.next_meeting_on,
                          "attendees": [{"name": a.name, "agency": a.agency, "role": a.role}
                                        for a in m.attendees.all()],
                          "actions": [{"action": a.action, "owner": a.owner,
                                       "due_on": a.due_on} for a in m.actions.all()]}
                         for m in meetings]}


def _answer(request: AuthedRequest, response: HttpResponse, matter_id: int) -> dict:
    matter = queries.get_visible_matter(request.auth, matter_id)
    response["ETag"] = etag(matter)
    return _detail(matter)


@router.post("/matters", response={201: LadoMatterReceipt, 422: Problem},
             auth=permission("lado.notify"), url_name="lado_notify")
def notify(request: AuthedRequest, payload: LadoMatterIn):
    """Notify the LADO of an allegation about someone who works or volunteers with
    children. The answer gives the reference to quote and when the LADO will respond by."""
    user = request.auth
    subject = payload.subject
    notification = Notification.of({
        **payload.dict(exclude={"subject", "children", "designated_safeguarding_lead"}),
        "dsl_name": payload.designated_safeguarding_lead,
        "notified_at": payload.notified_at or timezone.now(),
        "subject_given_name": subject.given_name, "subject_family_name": subject.family_name,
        "subject_date_of_birth": subject.date_of_birth, "subject_employer": subject.employer,
        "subject_role": subject.role, "sector": subject.sector})
    children = [ChildLine(c.given_name, c.family_name, c.date_of_birth, c.person_id)
                for c in payload.children]
    with api_names(NAMES):
        matter = do_record_notification(
            acting_user=user, origin=Origin.NOTIFICATION, notification=notification,
            children=children,
            subject_person_id=subject.person_id)
    return Status(201, {"reference": matter.reference,
                        "id": matter.pk if queries.in_lado_service(user) else None,
                        "notified_at": matter.notified_at,
                        "late_notification": matter.late_notification,
                        "notification_due": matter.notification_due,
                        "response_due": matter.response_due})


@router.get("/matters", response={200: LadoMatterList, **READ_ERRORS},
            auth=permission("lado.view"), url_name="lado_matters")
def list_matters(request: AuthedRequest, query: Query[LadoPageParams]):
    """The LADO's open matters, waiting for a response first and most overdue first."""
    qs = queries.queue(request.auth)
    total = qs.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(query.page, pages)
    now = timezone.now()
    found = list(qs[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]) if total else []
    return {"matters": [_summary(m, now) for m in found], "page": page, "pages": pages,
            "total": total}


@router.get("/matters/{int:lado_matter_id}", response={200: LadoMatterOut, **READ_ERRORS},
            auth=permission("lado.view"), url_name="lado_matter")
def read(request: AuthedRequest, response: HttpResponse, lado_matter_id: int):
    matter = queries.get_visible_matter(request.auth, lado_matter_id)
    actions.record_view(matter, user=request.auth, what="api_view_lado_matter")
    return _answer(request, response, lado_matter_id)


@router.put("/matters/{int:lado_matter_id}/outcome",
            response={200: LadoMatterOut, **CHANGE_ERRORS, 403: Problem},
            auth=permission("lado.manage"), url_name="lado_outcome")
def record_outcome(request: AuthedRequest, response: HttpResponse, lado_matter_id: int,
                   payload: LadoOutcomeIn):
    """Record (or correct) the outcome of an open matter whose criteria are met."""
    matter = queries.get_visible_matter(request.auth, lado_matter_id)
    version = require_if_match(request, matter, "LADO matter")
    actions.do_record_outcome(matter, acting_user=request.auth, expected_version=version,
                              outcome=payload.outcome, outcome_on=payload.outcome_on,
                              outcome_notes=payload.outcome_notes)
    return _answer(request, response, lado_matter_id)
