"""Route-matrix ids for strategy discussions and Section 47 enquiries (see route_args.py):
Jack's strategy discussion of 10 November 2026 with the police and children's services,
which started a joint enquiry; a two-worker visit; the outcome "ICPC needed" (so the
conference pages can arrange the ICPC from it)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hearth.protection.actions import strategy as actions
from hearth.protection.codes import S47Outcome, StrategyDecision, WorkerKind

LONDON = ZoneInfo("Europe/London")


def route_args(*, fletchers, social_worker, police, args) -> dict:
    jack = fletchers["jack"]
    discussion = actions.do_record_strategy_discussion(
        jack, acting_user=social_worker, origin="open_case", held_on=date(2026, 11, 10),
        participants=[{"name": "Sam Worker", "agency": "Children's services",
                       "agency_kind": "social_care", "user": social_worker},
                      {"name": "DC Pat Officer", "agency": police.name}],
        information_shared="School saw bruising; police hold a callout from October.",
        decision=StrategyDecision.S47_JOINT, decision_reasons="Reasonable cause to suspect.",
        actions=[{"action": "Visit Jack at school", "owner": "Sam Worker",
                  "due_on": date(2026, 11, 11)}])
    enquiry = discussion.enquiry
    actions.do_record_s47_visit(
        enquiry, acting_user=social_worker,
        visited_at=datetime(2026, 11, 11, 14, 0, tzinfo=LONDON), place="School",
        child_seen=True, child_seen_alone=True, notes="Jack said he was hit.",
        workers=[{"kind": WorkerKind.SOCIAL_WORKER, "user": social_worker},
                 {"kind": WorkerKind.POLICE, "name": "DC Pat Officer", "agency": police.name}])
    enquiry = actions.do_record_s47_outcome(
        enquiry, acting_user=social_worker, expected_version=enquiry.version,
        outcome=S47Outcome.SUBSTANTIATED_ICPC, reasons="", outcome_on=date(2026, 11, 16))
    return {"discussion_id": discussion.pk, "enquiry_id": enquiry.pk,
            "action_id": discussion.actions.get().pk}
