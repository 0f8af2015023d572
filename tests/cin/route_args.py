"""The ids the CIN pages name, for the route matrix (tests/access/test_routes.py): Amy
Fletcher's child in need plan, started from her authorised assessment."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from tests.cin.conftest import authorised_assessment, start_plan

    assessment = authorised_assessment(fletchers["amy"], worker=social_worker,
                                       manager=social_worker)
    return {"plan_id": start_plan(assessment, social_worker).pk}
