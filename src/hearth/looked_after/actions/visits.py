"""A statutory visit to a child looked after (R-CLA-4): an ordinary visit (``visits``) whose
purpose is ``looked_after``, and, for a child seen but not alone, why (they refused, or cannot
understand). One transaction: the visit, its purpose and reason are written together."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from hearth.access.actions import audit
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.looked_after.queries.periods import current_period
from hearth.looked_after.rules import visits as rules
from hearth.visits.actions import do_record_visit
from hearth.visits.codes import VisitPurpose
from hearth.visits.models import Visit


@transaction.atomic
def do_record_statutory_visit(child, *, acting_user, starts_at: datetime, place: str,
                              child_seen: bool, child_seen_alone: bool,
                              not_seen_alone_reason: str = "", kind: str = "planned",
                              outcome: str = "completed", what_was_said: str = "",
                              who_present: str = "") -> Visit:
    """Refused naming the field: a child who is not looked after now, a child seen but not
    alone with no reason why; and whatever the visits app refuses."""
    if current_period(child.pk) is None:
        raise Refused(f"{child.display_name} is not looked after now: record an ordinary visit.",
                      why=Why.STATE)
    reason = (not_seen_alone_reason or "").strip()
    refuse_if(rules.seen_alone_problems(child_seen=child_seen, seen_alone=child_seen_alone,
                                        not_seen_alone_reason=reason))
    visit = do_record_visit(child, acting_user=acting_user, kind=kind, starts_at=starts_at,
                            place=place, child_seen=child_seen, outcome=outcome,
                            child_seen_alone=child_seen_alone, what_was_said=what_was_said,
                            who_present=who_present)
    visit.purpose = VisitPurpose.LOOKED_AFTER
    visit.not_seen_alone_reason = "" if child_seen_alone else reason
    visit.save(update_fields=["purpose", "not_seen_alone_reason"])
    audit.record("recorded_a_statutory_visit", user=acting_user, obj=child,
                 fields={"visit": visit.pk, "seen_alone": child_seen_alone})
    return visit
