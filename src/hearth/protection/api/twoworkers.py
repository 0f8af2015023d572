"""The child protection API: two workers and the dashboard (mounted under /api/v1/protection by
protection/api.py).

- ``GET /people/{id}/two-workers``: the family, the R-TWO-2 criteria met and why, whether a
  decision is needed, and the decisions made (newest first).
- ``POST /people/{id}/two-worker-decisions``: the team manager records the decision
  (R-TWO-3). Anyone without ``protection.two_workers`` is 403; a team manager of a team not
  working with the family is 403 too, with a detail saying whose decision it is; refused
  input is 422 naming the field. Nothing is written in any of these cases.
- ``GET /two-worker-report`` and ``GET /dashboard``: the same figures as the pages.

A person the caller may not see is 404. (No ``from __future__ import annotations``:
django-ninja reads the annotations.)
"""

from django.utils import timezone
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import Problem
from hearth.protection.actions import twoworkers as actions
from hearth.protection.models import TwoWorkerDecision
from hearth.protection.queries import dashboard as queries_dashboard
from hearth.protection.queries import twoworkers as queries
from hearth.protection.schemas.twoworkers import (
    DashboardOut,
    ReportOut,
    TwoWorkerDecisionIn,
    TwoWorkerDecisionOut,
    TwoWorkerFamilyOut,
)

router = Router(tags=["child protection"])


def _ref(person) -> dict:
    return {"id": person.pk, "name": person.display_name}


def _criteria(criteria) -> dict:
    return {"met": criteria.met, "must_consider": criteria.must_consider,
            "should_consider": criteria.should_consider, "reasons": list(criteria.reasons)}


def _decision(decision: TwoWorkerDecision) -> dict:
    return {"id": decision.pk, "two_workers": decision.two_workers, "reasons": decision.reasons,
            "decided_on": decision.decided_on, "decided_by": decision.decided_by.display_name,
            "team": decision.team.name, "recorded_at": decision.recorded_at,
            "criteria": list(decision.criteria),
            "children": [_ref(c) for c in decision.children.all()]}


def _family(user, person) -> dict:
    page = queries.family_page(user, person)
    status = page.status
    return {"person_id": person.pk,
            "children": [{**_ref(c), "on_plan": c.pk in status.on_plans}
                         for c in page.children],
            "other_children": page.hidden_children,
            "parents": [_ref(p) for p in page.parents],
            "teams": [t.name for t in page.teams],
            "criteria": _criteria(status.criteria), "needed": status.needed,
            "criteria_changed_since_decision": status.changed,
            "may_decide": queries.may_decide(user, page.teams),
            "decisions": [_decision(d) for d in page.decisions]}


@router.get("/people/{person_id}/two-workers", response={200: TwoWorkerFamilyOut, 404: Problem},
            auth=permission("protection.view"), url_name="protection_two_workers")
def two_workers(request: AuthedRequest, person_id: str):
    """The person's family, its two-worker criteria and the decisions made (R-TWO-2, R-TWO-3)."""
    person = queries.get_visible_person(request.auth, person_id)
    body = _family(request.auth, person)
    actions.record_view(person, user=request.auth, what="api_view_two_workers")
    return body


@router.post("/people/{person_id}/two-worker-decisions",
             response={201: TwoWorkerDecisionOut, 403: Problem, 404: Problem, 422: Problem},
             auth=permission("protection.two_workers"),
             url_name="protection_two_worker_decision")
def record_decision(request: AuthedRequest, person_id: str, payload: TwoWorkerDecisionIn):
    """The team manager records whether two workers are allocated to the person's family, and
    why (R-TWO-3). The decision names every child of the family."""
    person = queries.get_visible_person(request.auth, person_id)
    decision = actions.do_record_two_worker_decision(
        person, acting_user=request.auth, two_workers=payload.two_workers,
        reasons=payload.reasons, decided_on=payload.decided_on)
    decision = queries.with_children_seen(
        request.auth, TwoWorkerDecision.objects.filter(pk=decision.pk)).get()
    return Status(201, _decision(decision))


@router.get("/two-worker-report", response={200: ReportOut},
            auth=permission("protection.dashboard"), url_name="protection_two_worker_report")
def two_worker_report(request: AuthedRequest):
    """Families meeting the criteria with no decision recorded, and the decisions made."""
    built = queries.report(request.auth)
    return {"needed": [{"children": [_ref(c) for c in row.children],
                        "other_children": row.hidden_children, "teams": row.teams,
                        "criteria": _criteria(row.status.criteria)} for row in built.needed],
            "decisions": [_decision(d) for d in built.decisions]}


def _due(row, **ids) -> dict:
    return {"person": _ref(row.person), "due": row.due, "overdue": row.overdue, **ids}


@router.get("/dashboard", response={200: DashboardOut},
            auth=permission("protection.dashboard"), url_name="protection_dashboard")
def dashboard(request: AuthedRequest):
    """The child protection dashboard: the same figures and lists as the page."""
    today = timezone.localdate()
    built = queries_dashboard.build(request.auth, today)
    return {
        "today": today, "figures": built.figures,
        "icpcs": [_due(r, enquiry_id=r.record.pk,
                       conference_id=getattr(r.record, "arranged_id", None))
                  for r in built.icpcs],
        "outcomes_awaiting_authorisation": [
            {"enquiry_id": e.pk, "person": _ref(e.person), "outcome": e.proposed_outcome,
             "outcome_label": e.get_proposed_outcome_display(),
             "proposed_by": e.proposed_by.display_name if e.proposed_by else "",
             "proposed_at": e.proposed_at, "icpc_due": e.icpc_due} for e in built.outcomes],
        "reviews": [_due(r, plan_id=r.record.pk) for r in built.reviews],
        "core_groups": [_due(r, plan_id=r.record.pk, meeting=r.note)
                        for r in built.core_groups],
        "categories": [{"code": c.code, "label": c.label, "latest": c.latest,
                        "initial": c.initial} for c in built.categories],
        "repeats": [{"person": _ref(r.person), "plan_id": r.plan.pk, "start_on": r.plan.start_on,
                     "previous_end_on": r.previous_end_on, "previous_plans": r.previous_plans,
                     "within_two_years": r.within_two_years} for r in built.repeats],
    }
