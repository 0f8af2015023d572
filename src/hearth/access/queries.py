"""Who works here: the active staff whose role carries a permission, and the choice of a
colleague on a form (the second worker on a check-in, a visit plan or a visit, R-SAFE-2)."""

from __future__ import annotations

from django.db.models import QuerySet

from hearth.access.models import User
from hearth.access.roles import PERMISSIONS


def staff_with(permission: str, *, exclude_id: int | None = None) -> QuerySet[User]:
    """Active users whose role carries ``permission`` (without ``exclude_id``)."""
    roles = [role for role, perms in PERMISSIONS.items() if permission in perms]
    users = User.objects.filter(is_active=True, role__in=roles)
    return users.exclude(pk=exclude_id) if exclude_id is not None else users


def colleague_choices(permission: str, exclude_id: int | None, *,
                      nobody: str) -> list[tuple[str, str]]:
    """A form's choices of a colleague with ``permission``, after ``nobody`` (the empty
    choice): "Name (Team)", by name."""
    users = (staff_with(permission, exclude_id=exclude_id).select_related("team")
             .order_by("first_name", "last_name", "username"))
    return [("", nobody)] + [
        (str(u.pk), f"{u.display_name} ({u.team.name})" if u.team else u.display_name)
        for u in users]
