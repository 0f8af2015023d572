"""Health and education due (R-CLA-5): the initial or review health assessment, the dental
check, the SDQ (ages 4 to 16) and this term's personal education plan (school age), on the
allocated worker's list and their manager's. Shared reads (``queries.reviews.states_for``)."""

from __future__ import annotations

from django.urls import reverse

from hearth.access.codes import Role
from hearth.core.due import DueItem, for_one_child, needs
from hearth.looked_after.queries.reviews import states_for


@needs("care_periods", "care_episodes")
@for_one_child
def health_due(user, *, scope: str, person_id=None) -> list[DueItem]:
    if user.role == Role.IRO:
        return []
    items = []
    for s in states_for(user, scope, person_id) or []:
        link = reverse("looked_after:health", args=[s.child.pk])
        for what, due, kind in (
                ("Initial health assessment" if s.health_initial
                 else "Review health assessment", s.health_due, "cla_health"),
                ("Dental check", s.dental_due, "cla_dental"),
                ("Strengths and Difficulties Questionnaire", s.sdq_due, "cla_sdq"),
                ("Personal education plan for this term", s.pep_due, "cla_pep")):
            if due is not None:
                items.append(DueItem(person_id=str(s.child.pk),
                                     person_name=s.child.display_name, what=what, due=due,
                                     kind=kind, link=link, for_user_id=s.worker_id))
    return items
