"""``/api/v1/assessments``: read (with ETag), change (If-Match), submit, authorise, return.

Same rules as the pages: an assessment whose child the caller may not see is 404; changes
need ``If-Match`` (428 without it, 412 when stale); refusals answer from the one status table
(``core.refusals``): 422 for an input at fault, 409 when the assessment's state forbids it
(already authorised, not submitted), 403 when you may not (authorising your own).
"""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router

from hearth.access.permissions import AuthedRequest, permission
from hearth.assessments import actions
from hearth.assessments.models import Assessment
from hearth.assessments.queries import get_visible_assessment
from hearth.assessments.rules import source_gaps
from hearth.assessments.schemas import AssessmentManagerIn, AssessmentOut, AssessmentPatch
from hearth.core.problems import CHANGE_ERRORS, Problem
from hearth.core.versions import etag, require_if_match

router = Router(tags=["assessments"])


ERRORS = {**CHANGE_ERRORS, 403: Problem}


def _out(assessment: Assessment) -> dict:
    data = {f: getattr(assessment, f) for f in AssessmentOut.model_fields if f != "source_gaps"}
    data["child_id"] = str(assessment.child_id)
    data["source_gaps"] = source_gaps(assessment.sources.values_list("kind", flat=True))
    return data


def _apply(request: AuthedRequest, response: HttpResponse, assessment_id: int, do, **kwargs):
    assessment = get_visible_assessment(request.auth, assessment_id)
    expected = require_if_match(request, assessment)
    assessment = do(assessment, acting_user=request.auth, expected_version=expected, **kwargs)
    response["ETag"] = etag(assessment)
    return _out(assessment)


@router.get("/{int:assessment_id}", response={200: AssessmentOut, 404: Problem},
            auth=permission("assessments.view"))
def detail(request: AuthedRequest, response: HttpResponse, assessment_id: int):
    assessment = get_visible_assessment(request.auth, assessment_id)
    actions.record_view(assessment, user=request.auth, what="api_view_assessment")
    response["ETag"] = etag(assessment)
    return _out(assessment)


@router.patch("/{int:assessment_id}", response={200: AssessmentOut, **ERRORS},
              auth=permission("assessments.edit"))
def change(request: AuthedRequest, response: HttpResponse, assessment_id: int,
           payload: AssessmentPatch):
    """Change the fields sent; send ``If-Match`` with the ETag you read."""
    return _apply(request, response, assessment_id, actions.do_update,
                  **payload.dict(exclude_unset=True))


@router.post("/{int:assessment_id}/submit", response={200: AssessmentOut, **ERRORS},
             auth=permission("assessments.edit"))
def submit(request: AuthedRequest, response: HttpResponse, assessment_id: int):
    return _apply(request, response, assessment_id, actions.do_submit)


@router.post("/{int:assessment_id}/authorise", response={200: AssessmentOut, **ERRORS},
             auth=permission("assessments.authorise"))
def authorise(request: AuthedRequest, response: HttpResponse, assessment_id: int,
              payload: AssessmentManagerIn):
    """A manager, never the assessment's author, authorises it (403 for the author)."""
    return _apply(request, response, assessment_id, actions.do_authorise,
                  comment=payload.comment)


@router.post("/{int:assessment_id}/return", response={200: AssessmentOut, **ERRORS},
             auth=permission("assessments.authorise"))
def return_assessment(request: AuthedRequest, response: HttpResponse, assessment_id: int,
                      payload: AssessmentManagerIn):
    """A manager returns it to the worker; ``comment`` is required (422 without)."""
    return _apply(request, response, assessment_id, actions.do_return,
                  comment=payload.comment)
