"""The ids the supervision pages name, for the route matrix in tests/access/test_routes.py."""

from __future__ import annotations

from datetime import date

from hearth.access.codes import Role
from hearth.supervision import actions
from hearth.supervision.codes import SELF_CHECK_QUESTIONS


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from tests.conftest import make_user

    manager = make_user("route-supervisor", Role.TEAM_MANAGER, team=social_worker.team,
                        first="Rhea", last="Supervisor")
    session = actions.do_record_session(acting_user=manager, worker=social_worker,
                                        status="held", session_date=date(2026, 11, 16),
                                        cases=[fletchers["jack"]], discussion="Jack's school",
                                        # Other apps' route ids may flag the Fletchers as
                                        # hostile (R-SUP-2): answer what that asks.
                                        health_and_safety="Joint visits only",
                                        self_check={key: {"answer": "no"}
                                                    for key, _ in SELF_CHECK_QUESTIONS})
    action = actions.do_add_action(session, acting_user=manager, owner=social_worker,
                                   what="Visit Jack at school", due_on=date(2026, 11, 30))
    return {"session_id": session.pk, "supervision_action_id": action.pk}
