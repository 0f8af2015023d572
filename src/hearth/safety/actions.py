"""Every write to worker-safety warnings: one transaction, one audit row each."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from hearth.access import audit
from hearth.safety.codes import WarningKind
from hearth.safety.models import WorkerWarning

#: A warning is reviewed within this many days unless the worker sets a date.
DEFAULT_REVIEW_DAYS = 180


class WarningRefused(Exception):
    """The warning may not be saved as it is; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@transaction.atomic
def do_add_warning(*, acting_user, person=None, address=None, kind: str, what_happened: str,
                   source: str, occurred_on: date | None, disclosed_to_person: bool,
                   not_disclosed_reason: str = "", requires_joint_visit: bool = False,
                   review_on: date | None = None, profession: str = "") -> WorkerWarning:
    """Raise a worker-safety warning on a person or an address (R-SAFE-1)."""
    if (person is None) == (address is None):
        raise WarningRefused("Say whether the warning is about a person or an address.")
    if kind not in WarningKind.values:
        raise WarningRefused("Select the type of risk", field="kind")
    if not (what_happened or "").strip():
        raise WarningRefused("Enter what happened", field="what_happened")
    if not (source or "").strip():
        raise WarningRefused("Enter where this information came from", field="source")
    today = timezone.localdate()
    if occurred_on is None or occurred_on > today:
        raise WarningRefused("Enter the date it happened, today or in the past",
                             field="occurred_on")
    if not disclosed_to_person and not (not_disclosed_reason or "").strip():
        raise WarningRefused("Say why the person has not been told about the warning",
                             field="not_disclosed_reason")
    if review_on is not None and review_on <= today:
        raise WarningRefused("The review date must be in the future", field="review_on")
    warning = WorkerWarning.objects.create(
        person=person, address=address, kind=kind, profession=profession.strip(),
        what_happened=what_happened.strip(), source=source.strip(), occurred_on=occurred_on,
        disclosed_to_person=disclosed_to_person,
        not_disclosed_reason=not_disclosed_reason.strip(),
        requires_joint_visit=requires_joint_visit,
        review_on=review_on or today + timedelta(days=DEFAULT_REVIEW_DAYS),
        recorded_by=acting_user, recorded_at=timezone.now())
    audit.record("safety.warning_add", user=acting_user, obj=person or address,
                 fields={"warning": warning.pk, "kind": kind, "source": warning.source,
                         "address": address.pk if address is not None else None})
    return warning
