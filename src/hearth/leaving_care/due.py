"""What care leavers add to the list of what is due (``hearth.core.due``): for the personal
adviser (``mine``), their young people's pathway plans (R-CL-2: first by the 16th birthday's
three-month mark, then at most every 6 months), contact (every
``HEARTH_CARE_LEAVER_CONTACT_WEEKS`` weeks) and keeping in touch around each birthday from 17
to 21 (R-CL-3, due by the end of the window); for a manager (``team``), the same for every care
leaver they may see, and each one still waiting for a personal adviser. A constant number of
queries; registered from LeavingCareConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.rules import MANAGER_ROLES
from hearth.core.due import TEAM, DueItem, for_one_child, needs
from hearth.leaving_care import queries, rules

LIMIT = 200


def items_for(record, spans, today) -> list[DueItem]:
    person = record.person
    born = person.date_of_birth
    link = reverse("leaving_care:record", args=[person.pk])
    found = rules.category(born, spans, today,
                           support_to_25=bool(record.support_to_25_requested_on))
    if not found.is_care_leaver:
        return []

    def item(what: str, due, kind: str) -> DueItem:
        return DueItem(person_id=str(person.pk), person_name=person.display_name, what=what,
                       due=due, kind=kind, link=link, for_user_id=record.adviser_id)

    plans = list(record.plans.all())
    last_plan = plans[0].planned_on if plans else None
    items = [item("Review the pathway plan" if plans else "Write the pathway plan",
                  rules.plan_due(born, found.qualified_on, last_plan), "pathway_plan")]
    contacts = [c.contacted_on for c in record.contacts.all()]
    last = max(contacts) if contacts else timezone.localtime(record.opened_at).date()
    items.append(item("Contact the young person",
                      rules.contact_due(last, queries.contact_weeks()), "care_leaver_contact"))
    recorded = [k.age for k in record.keeping_in_touch.all()]
    for window in rules.kit_due(born, spans, recorded, today):
        items.append(item(f"Keep in touch around the {window.age}th birthday", window.due,
                          "keeping_in_touch"))
    if record.adviser_id is None:
        items.append(item("Allocate a personal adviser", found.qualified_on or today,
                          "personal_adviser"))
    return items


@needs("care_leaver")
@for_one_child
def care_leaver_work(user, *, scope: str, person_id=None) -> list[DueItem]:
    if not user.has_hearth_permission("leaving_care.view"):
        return []
    if person_id is None and not (scope == TEAM and user.role in MANAGER_ROLES
                                  or scope != TEAM and user.role == Role.PERSONAL_ADVISER):
        return []  # nothing here is a worker's own: not even the filter is built
    which = (queries.ONE if person_id is not None
             else queries.EVERY if scope == TEAM else queries.ADVISER)
    records = queries.due_records(user, which, limit=LIMIT, person_id=person_id)
    spans = queries.spans_of_many(r.person_id for r in records)
    today = timezone.localdate()
    return [i for r in records for i in items_for(r, spans.get(r.person_id, []), today)]
