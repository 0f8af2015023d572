"""A reset of someone's second factor that waits for a second administrator (issue 13).

A member of staff who has lost their phone and their recovery codes asks an administrator; the
administrator records the reset with a reason, and a different administrator — neither the
one who asked nor the person it is for — approves it (``hearth.access.actions.
second_factor_resets``). Only then are the person's devices and recovery codes deleted and
their sessions ended, and they set up a new second factor at their next sign-in.
"""

from __future__ import annotations

from django.db import models

from hearth.access.models.users import User


class SecondFactorResetQuerySet(models.QuerySet):
    def pending(self) -> SecondFactorResetQuerySet:
        return self.filter(decided_at__isnull=True)


class SecondFactorReset(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE,
                             related_name="second_factor_resets")
    reason = models.TextField()
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True,
                                   blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True, blank=True)

    objects = SecondFactorResetQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"second-factor reset {self.pk}"
