"""``/api/v1/looked-after``: reviews and statutory visits (R-CLA-3, R-CLA-4).
Reads go through the child the caller may see (404 otherwise); a review is changed with
If-Match (428 without, 412 stale); refusals come from the one status table (422 input,
409 state, 403 not theirs). Nothing is written when refused.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Router, Status

from hearth.access.actions import audit
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.paging import page_number
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS, Problem
from hearth.core.versions import etag, require_if_match
from hearth.core.visibility import get_visible_or_404
from hearth.looked_after.actions import reviews as review_actions
from hearth.looked_after.actions import visits as visit_actions
from hearth.looked_after.models import CarePeriod, Review
from hearth.looked_after.queries import reviews as review_queries
from hearth.looked_after.queries import visits as visit_queries
from hearth.looked_after.schemas.reviews import (
    ChildReviewsOut,
    ReviewChangeIn,
    ReviewIn,
    ReviewOut,
)
from hearth.looked_after.schemas.visits import (
    StatutoryVisitIn,
    StatutoryVisitOut,
    VisitsDueOut,
)
from hearth.people.models import Person

router = Router()

FORBIDDEN = {403: Problem}
VISITS_PAGE = 50


def _child_in_care(request: AuthedRequest, person_id) -> tuple[Person, CarePeriod]:
    child = get_visible_or_404(Person.objects.live(), request.auth, person_id, "person")
    period = CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()
    if period is None:
        raise Http404("This child is not looked after.")
    return child, period


def _review_out(review: Review) -> dict:
    return {"id": review.pk, "child_id": review.child_id, "held_on": review.held_on,
            "participation": review.participation,
            "participation_label": review.get_participation_display(),
            "decisions": review.decisions, "iro_view": review.iro_view,
            "concern": review.concern, "difference_id": review.difference_id,
            "recorded_by": review.recorded_by.display_name,
            "recorded_at": review.recorded_at, "version": review.version}


def _review_answer(request: AuthedRequest, response: HttpResponse, review_id: int) -> dict:
    found = review_queries.visible_review(request.auth, review_id)
    response["ETag"] = etag(found)
    return _review_out(found)


@router.get("/children/{uuid:person_id}/reviews", response={200: ChildReviewsOut, **READ_ERRORS},
            auth=permission("looked_after.view"), url_name="cla_child_reviews")
def child_reviews(request: AuthedRequest, person_id):
    """The child's reviews, newest first, and the next review due (R-CLA-3)."""
    child, period = _child_in_care(request, person_id)
    state = review_queries.care_state(child)
    assert state is not None
    audit.record_read("api_view_looked_after_reviews", user=request.auth, obj=child)
    return {"child_id": child.pk, "iro": period.iro.display_name if period.iro else None,
            "next_review": state.next_review.label,
            "next_review_due": state.next_review.due_on,
            "brought_forward": state.next_review.brought_forward,
            "reviews": [_review_out(r) for r in review_queries.reviews_of(child)]}


@router.post("/children/{uuid:person_id}/reviews",
             response={201: ReviewOut, **WRITE_ERRORS, **FORBIDDEN},
             auth=permission("looked_after.review"), url_name="cla_review_record")
def record_review(request: AuthedRequest, response: HttpResponse, person_id, payload: ReviewIn):
    """The child's IRO records a review (422 naming the field: a date before the child became
    looked after, a participation code contradicting the child's age)."""
    _, period = _child_in_care(request, person_id)
    review = review_actions.do_record_review(
        period, acting_user=request.auth, held_on=payload.held_on,
        participation=payload.participation, decisions=payload.decisions,
        iro_view=payload.iro_view, concern=payload.concern,
        open_difference=payload.open_difference)
    return Status(201, _review_answer(request, response, review.pk))


@router.get("/reviews/{int:review_id}", response={200: ReviewOut, **READ_ERRORS},
            auth=permission("looked_after.view"), url_name="cla_review")
def read_review(request: AuthedRequest, response: HttpResponse, review_id: int):
    """One review, with its ETag."""
    found = review_queries.visible_review(request.auth, review_id)
    audit.record_read("api_view_looked_after_review", user=request.auth, obj=found.child,
                      fields={"review": found.pk})
    response["ETag"] = etag(found)
    return _review_out(found)


@router.put("/reviews/{int:review_id}", response={200: ReviewOut, **CHANGE_ERRORS, **FORBIDDEN},
            auth=permission("looked_after.review"), url_name="cla_review_correct")
def correct_review(request: AuthedRequest, response: HttpResponse, review_id: int,
                   payload: ReviewChangeIn):
    """The IRO corrects a review (If-Match: 428 without it, 412 when stale)."""
    found = review_queries.visible_review(request.auth, review_id)
    version = require_if_match(request, found, "review")
    review_actions.do_correct_review(
        found, acting_user=request.auth, expected_version=version, held_on=payload.held_on,
        participation=payload.participation, decisions=payload.decisions,
        iro_view=payload.iro_view, concern=payload.concern)
    return _review_answer(request, response, review_id)


@router.get("/visits/due", response={200: VisitsDueOut, **READ_ERRORS},
            auth=permission("looked_after.view"), url_name="cla_visits_due")
def visits_due(request: AuthedRequest, page: int = 1):
    """The statutory visits of the caller's children looked after (a manager's: their team's
    or service's), the longest without a visit first, 50 a page (R-CLA-4)."""
    from hearth.access.rules import MANAGER_ROLES
    from hearth.core.due import MINE, TEAM

    scope = TEAM if request.auth.role in MANAGER_ROLES else MINE
    qs = visit_queries.placements_to_visit(request.auth, scope)
    total = qs.count()
    number = page_number(str(page))
    start = (number - 1) * VISITS_PAGE
    today = timezone.localdate()
    rows = visit_queries.rows(qs[start:start + VISITS_PAGE]) if total else []
    return {"total": total, "page": number,
            "items": [{"child_id": r.placement.child_id,
                       "child": r.placement.child.display_name,
                       "placement_started_on": r.placement.started_on,
                       "long_term": r.placement.long_term, "last_visit": r.last_visit,
                       "due_on": r.due_on, "overdue": r.due_on < today} for r in rows]}


@router.post("/children/{uuid:person_id}/visits",
             response={201: StatutoryVisitOut, **WRITE_ERRORS, **FORBIDDEN},
             auth=permission("looked_after.manage"), url_name="cla_visit_record")
def record_visit(request: AuthedRequest, person_id, payload: StatutoryVisitIn):
    """A statutory visit: seen alone, or why not (422 naming ``not_seen_alone_reason``)."""
    child, _ = _child_in_care(request, person_id)
    visit = visit_actions.do_record_statutory_visit(
        child, acting_user=request.auth, starts_at=payload.starts_at, place=payload.place,
        child_seen=payload.child_seen, child_seen_alone=payload.child_seen_alone,
        not_seen_alone_reason=payload.not_seen_alone_reason,
        what_was_said=payload.what_was_said)
    return Status(201, {"id": visit.pk, "child_id": child.pk, "starts_at": visit.starts_at,
                        "place": visit.place, "child_seen": visit.child_seen,
                        "child_seen_alone": visit.child_seen_alone,
                        "not_seen_alone_reason": visit.not_seen_alone_reason})
