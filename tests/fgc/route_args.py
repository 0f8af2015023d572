"""The ids the FGC pages name, for the route matrix (tests/access/test_routes.py): Sam's
referral of Jack and Amy for a Family Group Conference."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from hearth.fgc.actions.referrals import do_refer

    fgc = do_refer(acting_user=social_worker, children=[fletchers["jack"], fletchers["amy"]],
                   reason="school_attendance", background="Jack misses school on Mondays.",
                   questions=["How can the family help Jack get to school?"],
                   process_explained=True, family_agreed=True,
                   explained_on=timezone.localdate() - timedelta(days=1))
    return {"fgc_id": fgc.pk}
