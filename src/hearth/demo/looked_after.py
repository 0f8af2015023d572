"""Children looked after for the demo (issue 17), made by the real actions (audited, in the
chronology): one child of the demo social worker's team in every SSDA903 legal status, several
with placement moves (one with three placements in the last year), one in the same placement
for more than two years after three years in care, and one whose placement address is hidden;
the demo IRO is allocated to each.
Children already taken by the Family Group Conference demo are left alone (taken from the end
of the team's list)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hearth.access.models import User
from hearth.casework.models import Involvement, InvolvementStatus

#: (legal status, placement type, provider, URN, days in care, moves: days ago of each move)
PLAN = [
    ("C2", "U4", "PR1", "SC100001", 1200, []),
    ("C1", "U6", "PR1", "SC100002", 330, [250, 120, 30]),
    ("V2", "U6", "PR4", "SC100003", 200, [60]),
    ("E1", "A5", "PR1", "SC100004", 700, [300]),
    ("D1", "A6", "PR1", "SC100005", 500, []),
    ("V3", "K2", "PR1", "SC100006", 90, []),
    ("V4", "K2", "PR5", "SC100007", 150, []),
    ("L1", "U3", "PR1", "SC100008", 5, []),
    ("L2", "U6", "PR1", "SC100009", 12, []),
    ("L3", "U6", "PR2", "SC100010", 20, []),
    ("J1", "R5", "PR3", "", 40, []),
    ("J2", "K2", "PR1", "SC100011", 3, []),
    ("J3", "U4", "PR5", "SC100012", 400, [100]),
]
REASONS = ["CARPL", "CREQB", "CHILD", "STAND", "CLOSE"]


def seed_looked_after() -> int:
    """Returns how many children became looked after."""
    from hearth.looked_after.actions import periods as actions
    from hearth.looked_after.actions.reviews import do_allocate_iro

    sam = User.objects.filter(username="demo.socialworker").first()
    tina = User.objects.filter(username="demo.teammanager").first()
    iro = User.objects.filter(username="demo.iro").first()
    if sam is None or sam.team_id is None:
        return 0
    today = timezone.localdate()
    pool = [i.person for i in Involvement.objects.filter(
        team_id=sam.team_id, status=InvolvementStatus.OPEN,
        person__care_periods__isnull=True).select_related("person").order_by("-pk")
        if i.person.date_of_birth and (today - i.person.date_of_birth).days < 16 * 365]
    made = 0
    for n, ((status, kind, provider, urn, days, moves), child) in enumerate(zip(PLAN, pool,
                                                                               strict=False)):
        born = child.date_of_birth or today
        started = max(today - timedelta(days=days), born)
        place = actions.PlacementDetails(
            placement_type=kind, provider=provider, urn=urn,
            provider_name=f"{['Hearth', 'Solent', 'Harbour'][n % 3]} Fostering",
            address=f"{n + 3} Demo Road\nPortsmouth", postcode=f"PO{n % 9 + 1} {n}AB",
            carer_name="The Carers", address_hidden=n == 2, long_term=n == 0)
        period = actions.do_start_period(
            child, acting_user=sam, started_on=started, legal_status=status,
            category_of_need=f"N{n % 8 + 1}", home_postcode="PO1 1AA",
            entered_from="other", placement=place)
        for m, ago in enumerate(moves):
            period.refresh_from_db()
            moved = actions.PlacementDetails(
                placement_type="U6", provider="PR1", urn=f"SC2{n:02d}{m:03d}",
                provider_name=f"Move {m + 1} carers", address=f"{m + 1} Next Street",
                postcode="PO2 2CD", carer_name=f"Carer {m + 1}")
            actions.do_record_change(period, acting_user=sam, expected_version=period.version,
                                     changed_on=max(today - timedelta(days=ago), started),
                                     legal_status=status, placement=moved,
                                     reason_changed=REASONS[(n + m) % len(REASONS)])
        if iro is not None and tina is not None:  # the demo IRO reviews every child (R-CLA-3)
            period.refresh_from_db()
            do_allocate_iro(period, acting_user=tina, iro=iro, expected_version=period.version)
        made += 1
    return made
