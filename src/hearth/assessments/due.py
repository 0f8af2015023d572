"""What assessments add to the list of what is due (``hearth.core.due``, issue 15): each
assessment not yet authorised, due 45 working days after the referral
(``calendar.assessment_due``); for a manager, those submitted for their authorisation.
Registered from AssessmentsConfig.ready(); one query whatever the caseload."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from hearth.access.codes import Role
from hearth.access.rules import MANAGER_ROLES
from hearth.assessments.codes import EDITABLE, AssessmentStatus
from hearth.assessments.queries import visible_assessments
from hearth.core.due import MINE, TEAM, DueItem, for_one_child, needs


@needs("assessments")
@for_one_child
def assessments(user, *, scope: str, person_id=None) -> list[DueItem]:
    """A worker's own assessments to finish; a manager's team's (``scope="team"``), or those
    waiting for their authorisation (``scope="mine"``)."""
    qs = visible_assessments(user).exclude(status=AssessmentStatus.AUTHORISED)
    if person_id is not None:  # one child's (the header on a child's pages)
        qs = qs.filter(child_id=person_id)
    manager = user.role in MANAGER_ROLES
    if scope == TEAM:
        if not manager:
            return []
        if user.role != Role.SERVICE_MANAGER:
            qs = qs.filter(involvement__team_id=user.team_id)
    elif manager:
        qs = qs.filter(status=AssessmentStatus.SUBMITTED).exclude(
            Q(started_by=user) | Q(submitted_by=user))
        if user.role != Role.SERVICE_MANAGER:
            qs = qs.filter(involvement__team_id=user.team_id)
    else:
        qs = qs.filter(Q(involvement__worker=user) | Q(started_by=user),
                       status__in=EDITABLE)
    items = []
    for a in qs.select_related("child", "involvement").order_by("due", "pk"):
        to_authorise = scope == MINE and manager
        if to_authorise:
            what = "Authorise the assessment"
            link = reverse("assessments:detail", args=[a.pk])
        elif a.status in EDITABLE:
            what = ("Finish the assessment" if a.status == AssessmentStatus.IN_PROGRESS
                    else "Finish the assessment returned to you")
            link = reverse("assessments:edit", args=[a.pk])
        else:
            what = "Assessment waiting for authorisation"
            link = reverse("assessments:detail", args=[a.pk])
        items.append(DueItem(person_id=str(a.child_id), person_name=a.child.display_name,
                             what=what, due=a.due, kind="assessment", link=link,
                             for_user_id=a.involvement.worker_id or a.started_by_id,
                             authorise=to_authorise))
    return items
