"""A role given to a member of staff that waits for a second administrator (issue 13 item 5).

An administrator never gives anyone a role that reads casework, or an administrator's role, on
their own: the change is recorded here, pending, and takes effect only when a different
administrator approves it (``hearth.access.actions.roles``).
"""

from __future__ import annotations

from django.db import models

from hearth.access.codes import Role
from hearth.access.models.users import User


class RoleChangeQuerySet(models.QuerySet):
    def pending(self) -> RoleChangeQuerySet:
        return self.filter(decided_at__isnull=True)


class RoleChange(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_changes")
    #: The role before the change; blank for a new account (inactive until approved).
    from_role = models.CharField(max_length=40, choices=Role.choices, blank=True)
    role = models.CharField(max_length=40, choices=Role.choices)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True,
                                   blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True, blank=True)

    objects = RoleChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"role change {self.pk}"

    @property
    def new_account(self) -> bool:
        return not self.from_role
