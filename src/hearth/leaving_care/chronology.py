"""What a care leaver's record says in the young person's chronology (R-CHR-2, R-CL-1..3):
becoming a care leaver (the category and why, as it was when the record opened), each
pathway plan and each keeping-in-touch around a birthday. Registered from
LeavingCareConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, on_day, shorten

ORIGIN = "leaving_care"
LINK = Link("leaving_care:record", "person_id", by_person=True)


def record_events(record) -> list[Spec]:
    person = record.person_id
    specs = [Spec(person, Kind.CARE_LEAVER, record.opened_at,
                  f"Became a care leaver: {shorten(record.opened_reason, 250)}",
                  recorded_by_id=record.opened_by_id)]
    for plan in record.plans.all():
        specs.append(Spec(person, Kind.PATHWAY_PLAN, on_day(plan.planned_on),
                          f"Pathway plan: {shorten(plan.summary, 250)}", time_known=False,
                          recorded_by_id=plan.recorded_by_id))
    for kit in record.keeping_in_touch.all():
        specs.append(Spec(person, Kind.KEEPING_IN_TOUCH, on_day(kit.recorded_on),
                          f"Keeping in touch around the {kit.age}th birthday: "
                          f"{kit.get_in_touch_display().lower()} ({kit.in_touch}), activity "
                          f"{kit.activity}, accommodation {kit.accommodation}.",
                          time_known=False, recorded_by_id=kit.recorded_by_id))
    return specs


def all_records():
    from hearth.leaving_care.models import CareLeaver

    return CareLeaver.objects.prefetch_related("plans", "keeping_in_touch")
