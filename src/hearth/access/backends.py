"""Signing in: Django's model backend, with the signed-in user read by a query compiled once a
process (issue 14).

Every signed-in request loads its user; Django's backend builds and compiles that ``get`` each
time, and the user's team is then read by a second query on most pages (who may see what
depends on it). Here one compiled query reads both."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from hearth.access.models import User
from hearth.core.compiled import compiled


@compiled
def _user_with_team(p):
    return User.objects.filter(pk=p.integer("user")).select_related("team")


class UserBackend(ModelBackend):
    """Passwords are checked as Django's ``ModelBackend`` checks them; ``get_user`` is
    cheaper."""

    def get_user(self, user_id):
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _user_with_team.first(user=pk)
        return user if user is not None and self.user_can_authenticate(user) else None
