"""The on-call senior manager rota (R-SAFE-4, R-EDT-2): who is told when an overdue check-in
escalates. Kept with ``hearth oncall`` or the On-call rota page."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from hearth.access.actions import audit
from hearth.access.rules import MANAGER_ROLES
from hearth.core.refusals import Refused
from hearth.safety.models import OnCall


@transaction.atomic
def do_add_on_call(*, acting_user, user, starts_at: datetime, ends_at: datetime) -> OnCall:
    """Put a manager on the on-call rota from ``starts_at`` to ``ends_at``."""
    if not user.is_active or user.role not in MANAGER_ROLES:
        raise Refused(f"{user.display_name} is not an active team or service manager", "user")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise Refused("Give the times with a time zone", "starts_at")
    if ends_at <= starts_at:
        raise Refused("The end of the on-call period must be after its start", "ends_at")
    row = OnCall.objects.create(user=user, starts_at=starts_at, ends_at=ends_at)
    audit.record("safety.oncall_add", user=acting_user, obj=row,
                 fields={"user": user.username, "from": starts_at.isoformat(),
                         "to": ends_at.isoformat()})
    return row
