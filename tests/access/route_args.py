"""Ids the access app's URLs name, for the route matrix (tests/access/test_routes.py)."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from hearth.access.actions.roles import ask
    from hearth.access.actions.second_factor_resets import do_ask_reset
    from hearth.access.actions.users import do_create_token
    from hearth.access.models import ApiToken
    from tests.conftest import make_user

    # Issue 13 item 5: an administrator has asked for Sam to become a team manager, and
    # (issue 13's second factor) for Sam's second factor to be reset.
    asking = make_user("route-admin", "administrator")
    do_create_token(social_worker, name="route walk")
    return {"role_change_id": ask(social_worker, acting_user=asking, role="team_manager").pk,
            "token_id": ApiToken.objects.get(user=social_worker, name="route walk").pk,
            "second_factor_reset_id": do_ask_reset(social_worker, acting_user=asking,
                                                   reason="Sam lost his phone").pk}
