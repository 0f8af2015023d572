"""Family Group Conferences for the demo (issue 16), made by the real actions (so each step is
audited and in the chronology): the demo social worker refers six families — the first two
children together when they are siblings — and the demo FGC coordinator, in the FGC service's
team, takes them on, so that there is one in every state:

1. referred, waiting in the FGC queue;
2. allocated to the coordinator;
3. preparing: a visit, the network, the venue and date next week and the children's part;
4. held, with the family's plan agreed by the social worker and a review in a month;
5. reviewed: the plan's progress recorded, a further review in two months;
6. declined by the family, with the reason.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hearth import calendar
from hearth.access.models import Team, User
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.casework.queries import family_children
from hearth.people.models import Person

QUESTIONS = ["How can the family help the children get to school every day?",
             "Who could look after the children when their mum is unwell?",
             "How will everyone know the plan is working?"]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.LONDON)


def _children(sam: User) -> list[Person]:
    return [i.person for i in Involvement.objects.filter(
        worker=sam, status=InvolvementStatus.OPEN).select_related("person").order_by("pk")]


def seed_fgc() -> int:
    """Returns how many FGCs were made."""
    from hearth.fgc.actions import conferences, preparation, referrals, reviews
    from hearth.fgc.rules.conferences import PlanLine

    sam = User.objects.filter(username="demo.socialworker").first()
    cora = User.objects.filter(username="demo.fgc").first()
    if sam is None or cora is None:
        return 0
    team, _ = Team.objects.get_or_create(name="Family Group Conference service",
                                         defaults={"service": "fgc"})
    User.objects.filter(pk=cora.pk).update(team=team)
    cora.refresh_from_db()
    today = timezone.localdate()
    pool = _children(sam)
    used: set = set()

    def refer(days_ago: int, *, siblings: bool = False, **extra):
        child = next((c for c in pool if c.pk not in used), None)
        if child is None:
            return None
        group = [child]
        if siblings:
            group += [c for c in family_children(sam, child)
                      if c.pk != child.pk and c.pk in {p.pk for p in pool}][:1]
        used.update(c.pk for c in group)
        return referrals.do_refer(
            acting_user=sam, children=group, reason=extra.pop("reason", "school_attendance"),
            background="Attendance has fallen this term and mum is unwell at times. The "
                       "grandparents live nearby and want to help.",
            questions=QUESTIONS, process_explained=True, family_agreed=True,
            explained_on=today - timedelta(days=days_ago + 2),
            now=timezone.now() - timedelta(days=days_ago), **extra)

    def prepare(fgc, conference_on: date, visited_on: date):
        fgc = referrals.do_take(fgc, acting_user=cora, expected_version=fgc.version)
        preparation.do_record_visit(fgc, acting_user=cora, visited_on=visited_on,
                                    who_seen="The children on their own, then their mum",
                                    notes="Mum wants her parents and her sister there. The "
                                          "children would like to come for the start.")
        for name, relationship, kind, how in (("Pat Lowe", "Grandmother", "family", "phone"),
                                              ("Sandra Lowe", "Aunt", "family", "letter"),
                                              ("Jo Hart", "Family friend", "friend", "visit")):
            preparation.do_add_network_member(fgc, acting_user=cora, name=name,
                                              relationship=relationship, kind=kind,
                                              reached_by=how)
        fgc.refresh_from_db()
        parts = {c.pk: {"attendance": "part", "attends_for": "The start and the plan",
                        "supported_by": "Their nan"} for c in fgc.children.all()}
        return preparation.do_arrange(fgc, acting_user=cora, expected_version=fgc.version,
                                      venue="Northam Family Hub", conference_at=_at(conference_on),
                                      participation=parts)

    def plan_agreed(fgc, held_on: date, review_on: date):
        fgc = conferences.do_record_conference(
            fgc, acting_user=cora, expected_version=fgc.version, held_on=held_on,
            stages={"information_shared": "The social worker shared the worries about school "
                                          "and the family asked questions.",
                    "private_family_time": "The family had an hour on their own.",
                    "plan_shared": "The family shared their plan; everyone agreed it."})
        fgc = conferences.do_record_plan(
            fgc, acting_user=cora, expected_version=fgc.version, review_on=review_on,
            lines=[PlanLine("Nan", "Take the children to school on Mondays and Tuesdays",
                            held_on + timedelta(days=7)),
                   PlanLine("Mum", "Ring the school by 9am if a child is ill",
                            held_on + timedelta(days=7)),
                   PlanLine("Aunt Sandra", "Have the children for tea on Wednesdays",
                            held_on + timedelta(days=14))])
        return conferences.do_decide_plan(fgc, acting_user=sam, expected_version=fgc.version,
                                          agreed=True)

    made = 0
    if refer(3, siblings=True, pre_proceedings=True):  # 1. referred
        made += 1
    allocated = refer(8, reason="safe_contact")
    if allocated:  # 2. allocated
        referrals.do_take(allocated, acting_user=cora, expected_version=allocated.version)
        made += 1
    preparing = refer(15, reason="extra_support")
    if preparing:  # 3. preparing, the conference next week
        prepare(preparing, today + timedelta(days=7), today - timedelta(days=5))
        made += 1
    held = refer(40, reason="alternative_carers", domestic_abuse=False)
    if held:  # 4. held, plan agreed, review in a month
        fgc = prepare(held, today - timedelta(days=12), today - timedelta(days=30))
        plan_agreed(fgc, today - timedelta(days=12), today + timedelta(days=30))
        made += 1
    reviewed = refer(110, reason="family_member_needs", pre_proceedings=True)
    if reviewed:  # 5. reviewed, a further review in two months
        fgc = prepare(reviewed, today - timedelta(days=80), today - timedelta(days=100))
        fgc = plan_agreed(fgc, today - timedelta(days=80), today - timedelta(days=3))
        progress = {item.pk: ("done" if item.position == 1 else "under_way",
                              "Going well" if item.position == 1 else "")
                    for item in fgc.items.all()}
        reviews.do_record_review(fgc, acting_user=cora, expected_version=fgc.version,
                                 held_on=today - timedelta(days=3), progress=progress,
                                 notes="The family is keeping to the plan.",
                                 next_review_on=today + timedelta(days=60))
        made += 1
    declined = refer(20, reason="where_to_live")
    if declined:  # 6. declined
        referrals.do_end(declined, acting_user=sam, outcome="declined",
                         reason="Mum talked it over with her family and decided against a "
                                "meeting for now.", expected_version=declined.version)
        made += 1
    return made
