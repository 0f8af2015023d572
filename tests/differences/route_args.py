"""The ids the professional differences pages name, for the route matrix
(tests/access/test_routes.py) and the read audit walk (tests/access/test_read_audit.py)."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from hearth.differences.actions import do_raise_difference

    difference = do_raise_difference(
        fletchers["jack"], acting_user=social_worker, decision="No referral to CAMHS",
        decision_by="Dr Lee, GP", decision_agency="health",
        why="Jack's self-harm is escalating", raised_before="cin_meeting")
    return {"difference_id": difference.pk}
