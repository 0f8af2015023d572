"""The referral date rule as a plain function (CIN census definition, R-FD-5)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from hearth.casework import rules

LONDON = ZoneInfo("Europe/London")


def test_the_referral_date_is_the_london_date_the_contact_was_received_CIN_census_R_FD_5():
    assert rules.referral_date(datetime(2026, 11, 20, 16, 40, tzinfo=LONDON)) == date(2026, 11, 20)
    # 23:30 BST on 30 June is 22:30 UTC the same day; 00:30 BST on 1 July is 23:30 UTC on 30 June.
    assert rules.referral_date(datetime(2026, 6, 30, 23, 30, tzinfo=LONDON)) == date(2026, 6, 30)
    assert rules.referral_date(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == date(2026, 7, 1)
