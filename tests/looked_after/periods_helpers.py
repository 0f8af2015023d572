"""What the periods-of-care stories share (helper module, not a conftest: the reviews' tests
live beside these). Jack Fletcher, allocated to Sam, becomes looked after under section 20
in a foster placement; dates are counted back from today."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hearth.looked_after.actions import periods as actions


def ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def foster(**overrides) -> actions.PlacementDetails:
    return actions.PlacementDetails(**{
        "placement_type": "U6", "provider": "PR1", "provider_name": "Hearth Fostering",
        "urn": "SC765432", "address": "4 Elm Road\nSouthsea", "postcode": "PO4 0AB",
        "carer_name": "Jo and Chris Carer", **overrides})


def start(child, user, *, days: int = 60, **overrides):
    placement = overrides.pop("placement", foster())
    args = {"started_on": ago(days), "legal_status": "V2", "category_of_need": "N1",
            "home_postcode": "PO1 2CD", "entered_from": "other", **overrides}
    return actions.do_start_period(child, acting_user=user, placement=placement, **args)


def move(period, user, *, days: int = 20, **overrides):
    period.refresh_from_db()
    args = {"changed_on": ago(days), "legal_status": "V2",
            "placement": foster(provider_name="Hillside", carer_name="Ann Hill",
                                address="9 Hill Street", postcode="PO5 9ZZ"),
            "reason_changed": "CARPL", **overrides}
    return actions.do_record_change(period, acting_user=user, expected_version=period.version,
                                    **args)
