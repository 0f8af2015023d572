"""Child in need plans for the demo (issue 17), made by the real actions (so each step is
audited and in the chronology): three of the demo social worker's children who are on no
plan get an assessment authorised by the demo team manager with the outcome "CIN plan", and
a plan from it:

1. started 40 days ago, a CIN meeting two weeks ago, a statutory CIN visit last week;
2. started 10 weeks ago, a CIN meeting a month ago, and no CIN visit: the visit is overdue;
3. started yesterday, its first meeting and visit still to come.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hearth import calendar
from hearth.access.models import User
from hearth.assessments.models import Assessment
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.cin.models import CINPlan
from hearth.core.refusals import Refused
from hearth.protection.models import CPPlan

NEEDS = ("School attendance has fallen below 80% and mum's health means mornings are hard; "
         "the children need a settled routine and mum needs support with her health.")
ACTIONS = [("Referral to the school nurse and the attendance officer", "The social worker"),
           ("Take the children to school every day, with nan on Mondays", "Mum"),
           ("Book a GP review of mum's medication", "Mum, with the family support worker")]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.LONDON)


def _children(sam: User, count: int) -> list[Involvement]:
    busy = set(CPPlan.objects.filter(end_on__isnull=True).values_list("person_id", flat=True))
    busy |= set(CINPlan.objects.values_list("person_id", flat=True))
    found = []
    for involvement in (Involvement.objects.filter(worker=sam, status=InvolvementStatus.OPEN)
                        .select_related("person").order_by("-pk")):
        if involvement.person_id not in busy and involvement.person.date_of_birth:
            found.append(involvement)
            busy.add(involvement.person_id)
        if len(found) == count:
            break
    return found


def _assessment(involvement: Involvement, sam: User, manager: User, on: date) -> Assessment:
    referral = on - timedelta(days=35)
    return Assessment.objects.create(
        involvement=involvement, child=involvement.person, referral_date=referral,
        due=calendar.assessment_due(referral), status="authorised", started_by=sam,
        started_at=_at(referral + timedelta(days=2)),
        summary="Attendance has fallen and mum is unwell at times; the children are well "
                "cared for otherwise.",
        analysis="The children's needs are met only with support: a child in need plan.",
        outcome="cin_plan", submitted_by=sam, submitted_at=_at(on - timedelta(days=1)),
        authorised_by=manager, authorised_at=_at(on))


def seed_cin() -> int:
    """Returns how many CIN plans were made."""
    from hearth.cin.actions import plans
    from hearth.visits.actions import do_record_visit

    sam = User.objects.filter(username="demo.socialworker").first()
    manager = User.objects.filter(username="demo.teammanager").first()
    if sam is None or manager is None:
        return 0
    today = timezone.localdate()
    made = 0
    for involvement, (started, met, visited) in zip(
            _children(sam, 3), ((40, 14, 7), (70, 30, None), (1, None, None)), strict=False):
        start_on = today - timedelta(days=started)
        assessment = _assessment(involvement, sam, manager, start_on)
        plan = plans.do_start_plan(
            assessment, acting_user=sam, start_on=start_on, needs=NEEDS,
            actions=[{"what": what, "owner": owner, "due_on": start_on + timedelta(days=21 * n)}
                     for n, (what, owner) in enumerate(ACTIONS, start=1)])
        if met is not None:
            plans.do_record_meeting(
                plan, acting_user=sam, expected_version=plan.version,
                held_on=today - timedelta(days=met),
                attendees=["Mum", "Nan", "Class teacher", "School nurse", "The social worker"],
                progress={a.pk: ("done" if a.position == 1 else "under_way", "")
                          for a in plan.actions.all()},
                notes="Attendance is improving; mum has seen her GP.",
                next_meeting_on=today - timedelta(days=met) + timedelta(weeks=6))
        if visited is not None:
            try:
                do_record_visit(involvement.person, acting_user=sam, involvement=involvement,
                                kind="planned", purpose="cin", place="Family home",
                                starts_at=_at(today - timedelta(days=visited), 16),
                                child_seen=True, child_seen_alone=True, bedroom_seen=True,
                                what_was_said="Said school is better now nan takes them.",
                                outcome="completed")
            except Refused:  # a family whose worker-safety warning needs two workers
                pass
        made += 1
    return made
