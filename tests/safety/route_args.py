"""Ids the safety app's URLs name, for the route matrix (tests/access/test_routes.py)."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from hearth.safety.actions.checkins import do_start_check_in

    ids: dict = {}
    # Lone working (R-SAFE-4): Sam is out at the Fletchers' for an hour.
    ids["checkin_id"] = do_start_check_in(
        acting_user=social_worker, where="12 Acacia Road", person=fletchers["jack"],
        expected_back=timezone.now() + timedelta(hours=1)).pk
    # Risks to workers (R-SAFE-1) and a visit plan (R-SAFE-2): a warning on Kerry, a plan to
    # visit Jack.
    from hearth.safety.actions.plans import do_plan_visit
    from hearth.safety.actions.warnings import do_add_warning
    from hearth.safety.codes import PLAN_QUESTIONS

    ids["warning_id"] = do_add_warning(
        acting_user=social_worker, person=fletchers["mum"], kind="threats",
        what_happened="Kerry threatened to set the dog on the worker", source="Sam, witnessed",
        occurred_on=timezone.localdate(), disclosed_to_person=True,
        requires_joint_visit=True).pk
    ids["plan_id"] = do_plan_visit(
        fletchers["jack"], acting_user=social_worker,
        planned_for=timezone.now() + timedelta(days=1),
        answers={key: {"answer": True, "note": ""} for key, _ in PLAN_QUESTIONS}).pk
    return ids
