"""The records every route can name, for the tests that walk the routes (test_routes.py,
test_read_audit.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def route_args(fletchers, social_worker, administrator, police, time_machine):
    """One of everything a URL can name: a person, a merge, a user, a contact with a
    proposed decision, and a MASH request."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from hearth.assessments.actions import do_start_assessment as start_assessment
    from hearth.chronology.actions import do_add_entry as add_entry
    from hearth.frontdoor.actions import contacts as frontdoor
    from hearth.frontdoor.actions import mash
    from hearth.people import actions
    from hearth.records.actions import summaries
    from hearth.records.actions.notes import do_write_note as write_note
    from hearth.releases.actions import do_start_release as start_release
    from hearth.visits.actions import do_record_visit as record_visit

    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=ZoneInfo("Europe/London")),
                         tick=False)
    dup = actions.do_create_person(acting_user=social_worker, given_name="Jak",
                                   family_name="Fletcher")
    merge = actions.do_merge(fletchers["amy"], dup, acting_user=social_worker, reason="same")
    call = {"received_at": datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London")),
            "channel": "phone", "caller_kind": "public", "caller_name": "A neighbour",
            "caller_contact": "07700 900000", "referral_source": "1B", "worries": "Shouting",
            "urgency": "routine", "family_aware": False, "family_told_sharing": False,
            "not_told_reason": "The neighbour fears reprisals"}
    contact = frontdoor.do_record_contact(acting_user=social_worker,
                                          people=[(fletchers["jack"], "child")], **call)
    in_mash = frontdoor.do_record_contact(acting_user=social_worker,
                                          people=[(fletchers["jack"], "child")], **call)
    frontdoor.do_decide(in_mash, acting_user=social_worker, outcome="mash", rationale="ask",
                        mash={"scope": "targeted", "rag": "green", "agencies": [police]})
    in_mash.refresh_from_db()
    mash.do_record_consent(in_mash.mash, fletchers["mum"], acting_user=social_worker,
                           status="given")
    request = mash.do_start_gathering(in_mash.mash, acting_user=social_worker)[0]
    decision = frontdoor.do_decide(contact, acting_user=social_worker, outcome="nfa",
                                   rationale="Advice given", advice="Call again if worried",
                                   referrer_plan="Neighbour will call")
    args = {"person_id": fletchers["jack"].pk, "merge_id": merge.pk, "user_id": social_worker.pk,
            "contact_id": contact.pk, "decision_id": decision.pk, "request_id": request.pk,
            "involvement_id": fletchers["jack"].involvements.get().pk,
            "assessment_id": start_assessment(fletchers["jack"].involvements.get(),
                                              acting_user=social_worker).pk,
            "note_id": write_note(fletchers["jack"], acting_user=social_worker,
                                  occurred_at=datetime(2026, 11, 17, 9, 0,
                                                       tzinfo=ZoneInfo("Europe/London")),
                                  place="Home", who_said_what="Kerry said Jack slept well").pk,
            "summary_id": summaries.do_write_summary(
                fletchers["mum"], acting_user=social_worker, child=fletchers["jack"],
                purpose="To see Jack", what_was_done="We talked", method="verbal",
                delivered_at=datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London")),
                actions=[summaries.ActionLine("Kerry", "Take Jack to school", datetime(
                    2026, 11, 24, tzinfo=ZoneInfo("Europe/London")).date())]).pk,
            "entry_id": add_entry(fletchers["jack"], acting_user=social_worker,
                                  kind="injury", summary="Bruise", source_agency="School",
                                  occurred_on=datetime(2026, 11, 16, 9, 0,
                                                       tzinfo=ZoneInfo("Europe/London")).date(),
                                  ).pk,
            "visit_id": record_visit(fletchers["jack"], acting_user=social_worker,
                                     kind="planned", place="Home", child_seen=True,
                                     outcome="completed",
                                     starts_at=datetime(2026, 11, 16, 10, 0,
                                                        tzinfo=ZoneInfo("Europe/London"))).pk,
            "link_id": fletchers["jack"].involvements.get().secondary_workers.create(
                worker=social_worker, role="co_worker",
                start_date=timezone.localdate() - timedelta(days=1)).pk,
            "release_id": start_release(fletchers["mum"], acting_user=social_worker,
                                        requested_by="Kerry Fletcher",
                                        requested_on=datetime(
                                            2026, 11, 16, tzinfo=ZoneInfo("Europe/London")
                                        ).date()).pk,
            }
    # Each app's tests may add the ids its own URLs name: ``tests/<app>/route_args.py`` with
    # ``def route_args(*, fletchers, social_worker, police, args) -> dict``.
    for module in _extra_route_args():
        args.update(module.route_args(fletchers=fletchers, social_worker=social_worker,
                                      police=police, args=dict(args)))
    return args


def _extra_route_args():
    import importlib
    from pathlib import Path

    tests = Path(__file__).resolve().parent.parent
    return [importlib.import_module(f"tests.{path.parent.name}.route_args")
            for path in sorted(tests.glob("*/route_args.py"))]
