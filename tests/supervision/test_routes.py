"""Every supervision page as every role (the route matrix of tests/access/test_routes.py, for
this app's pages alone): each role gets what its permission says."""

from __future__ import annotations

import pytest

from hearth.access.codes import Role
from hearth.access.permissions import PUBLIC, SIGNED_IN
from hearth.access.rules import has_permission
from tests.access.test_routes import _url, page_routes
from tests.conftest import make_user, sign_in_verified
from tests.supervision.route_args import route_args


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*Role.values, "signed_out"])
def test_every_supervision_page_as_every_role(role, fletchers, social_worker, police, north,
                                              client):
    args = {"person_id": fletchers["jack"].pk, "user_id": social_worker.pk}
    args.update(route_args(fletchers=fletchers, social_worker=social_worker, police=police,
                           args=dict(args)))
    if role != "signed_out":
        sign_in_verified(client, make_user(f"matrix-{role}", role, team=north,
                                           agency=police if role == Role.MASH_PARTNER else None))
    routes = [(r, p) for r, p, namespace in page_routes() if namespace == "supervision"]
    assert len(routes) == 12
    failures = []
    for route, pattern in routes:
        permission = pattern.callback.hearth_permission
        response = client.get(_url(pattern, args, "supervision"))
        status = response.status_code
        assert permission not in (PUBLIC, SIGNED_IN)
        if role == "signed_out":
            ok = status == 302 and "/sign-in" in response["Location"]
        elif has_permission(role, permission):
            ok = status in (200, 302, 404, 405)
        else:
            ok = status == 403
        if not ok:
            failures.append(f"{route} [{permission}] -> {status}")
    assert failures == [], f"{role}: {failures}"
