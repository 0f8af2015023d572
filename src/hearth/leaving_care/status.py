"""What care leavers add to the child at a glance (``hearth.core.status``): "Care leaver:
former relevant — personal adviser Paula Adams, pathway plan due 3 March 2027"; and the person
page's panel with the category and why (R-CL-1). Only for young people of 16 to 25 (no query
for anyone else). Registered from LeavingCareConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hearth.core import visibility
from hearth.core.status import Status
from hearth.leaving_care import queries, rules


def _in_age(person) -> bool:
    born = person.date_of_birth
    return born is not None and 16 <= rules.age_on(born, timezone.localdate()) < rules.SUPPORT_TO


def _summary(person, user) -> dict | None:
    record = queries.visible_records(user).filter(person=person).first()
    found = queries.category_of(person, record)
    if not found.is_care_leaver and record is None:
        return None
    last_plan = (record.plans.order_by("-planned_on").values_list("planned_on", flat=True)
                 .first() if record else None)
    due = rules.plan_due(person.date_of_birth, found.qualified_on, last_plan)
    return {"found": found, "record": record, "plan_due": due}


def summary(person, user) -> dict | None:
    """The young person's category, record, adviser and pathway plan due (None: nothing);
    at most three queries, once a request (the header and the panel share it)."""
    if not user.has_hearth_permission("leaving_care.view") or not _in_age(person):
        return None
    return visibility.remembered(("care_leaver_summary", person.pk, user.pk),
                                 lambda: _summary(person, user))


def care_leaver_statuses(person, user) -> list[Status]:
    found = summary(person, user)
    if found is None or not found["found"].is_care_leaver:
        return []
    record = found["record"]
    adviser = (f"personal adviser {record.adviser.display_name}" if record and record.adviser
               else "no personal adviser yet")
    detail = (f"{found['found'].label.lower()} — {adviser}; pathway plan due "
              f"{date_format(found['plan_due'], 'j F Y')}")
    return [Status("care_leaver", "Care leaver", detail, tone="purple", rank=20,
                   link=reverse("leaving_care:record", args=[person.pk]))]


def care_leaver_panel(user, person):
    from hearth.people.queries.persons import Panel

    found = summary(person, user)
    if found is None:
        return None
    return Panel("leaving_care/_person_panel.html", {"care_leaver": found})
