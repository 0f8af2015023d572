"""Route-matrix ids for two workers (see route_args.py): complex needs recorded for Jack."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from hearth.protection.actions.twoworkers import do_record_complex_needs

    needs = do_record_complex_needs(fletchers["jack"], acting_user=social_worker,
                                    description="Kerry has a learning disability; Amy is "
                                                "deaf and needs a BSL interpreter.")
    return {"needs_id": needs.pk}
