"""Casework for the demo: visits, case notes, a chronology entry, avoidance that has been
followed up, hostility and a worker-safety warning — made by the real actions (so each is
audited and in the chronology) for some of the demo social worker's children."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from hearth import calendar
from hearth.access.models import User
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.people.models import Relationship

VISIT_PLANS = [  # days ago, hour, outcome
    (52, 10, "completed"), (38, 14, "completed"), (24, 11, "no_access"), (17, 15, "completed"),
    (9, 10, "cancelled_by_family"), (3, 18, "completed"),
]
SAID = [
    "{child} said school was 'all right' and that {parent} shouts when she is tired.",
    "{parent} said {child} has been sleeping badly since the new partner moved in.",
    "{child} showed me the bedroom: a mattress on the floor, no bedding.",
]


def _at(days_ago: int, hour: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.LONDON)


def seed_casework(seed: int = 2026) -> int:
    """Returns how many children were given demo casework."""
    from hearth.chronology.actions import do_add_entry
    from hearth.engagement.actions import do_record_event
    from hearth.records.actions import notes as records
    from hearth.safety.actions.warnings import do_add_warning
    from hearth.visits.actions import do_record_visit

    rng = random.Random(seed)  # noqa: S311  (chooses synthetic data, not secrets)
    sam = User.objects.filter(username="demo.socialworker").first()
    if sam is None:
        return 0
    involvements = list(Involvement.objects.filter(worker=sam, status=InvolvementStatus.OPEN)
                        .select_related("person").order_by("pk")[:6])
    for n, involvement in enumerate(involvements):
        child = involvement.person
        parent_link = (Relationship.objects.filter(relative=child, kind="mother")
                       .select_related("person").first())
        parent = parent_link.person if parent_link else None
        words = {"child": child.given_name,
                 "parent": parent.given_name if parent else "Their mother"}
        plans = VISIT_PLANS if n % 2 == 0 else [p for p in VISIT_PLANS
                                                 if p[2] == "completed"]
        for days_ago, hour, outcome in plans:
            do_record_visit(child, acting_user=sam, involvement=involvement,
                            kind=rng.choice(["planned", "unannounced"]),
                            starts_at=_at(days_ago, hour), place="The family home",
                            child_seen=outcome == "completed",
                            child_seen_alone=outcome == "completed" and hour < 17,
                            bedroom_seen=outcome == "completed", outcome=outcome,
                            what_was_said=rng.choice(SAID).format(**words))
        note = records.do_write_note(
            child, acting_user=sam, involvement=involvement, occurred_at=_at(16, 16),
            place="School", who_said_what=rng.choice(SAID).format(**words),
            opinion=f"{words['child']} seems anxious at home.",
            opinion_basis="What the teacher and I saw: watchful, quiet, eating quickly.",
            significant_event=True)
        records.do_finalise(note, acting_user=sam, expected_version=note.version)
        do_add_entry(child, acting_user=sam, kind="school_change",
                     occurred_on=timezone.localdate() - timedelta(days=120),
                     summary=f"{words['child']} moved school after the family moved.",
                     source_agency="Hearthshire Primary School",
                     source_person="Designated safeguarding lead")
        if n == 0 and parent is not None:
            do_record_event(child, acting_user=sam, kind="hostility", occurred_at=_at(2, 11),
                            form="confrontation", behaviours=["shouting", "swearing"],
                            by_person=parent,
                            account="Shouted at me on the doorstep and would not let me in.")
            do_add_warning(acting_user=sam, person=parent, kind="animals",
                           what_happened="Two large dogs let loose in the garden as I arrived.",
                           source="Visit by the allocated social worker",
                           occurred_on=timezone.localdate() - timedelta(days=2),
                           disclosed_to_person=False,
                           not_disclosed_reason="Telling her now may make the next visit "
                                                "more dangerous; to be discussed in "
                                                "supervision.",
                           requires_joint_visit=True)
    return len(involvements)
