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
from hearth.assessments.models import Assessment
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.core.due import MINE, TEAM, DueItem, for_one_child, needs
from hearth.people.models import Person


@compiled
def _unauthorised(p, visible_sql: str, scope: str, manager: bool, service_manager: bool,
                  has_team: bool, one_child: bool):
    """The source's read, for each shape of user and scope (see ``assessments``)."""
    # Whoever may see the child may see the assessment (``queries.assessment_scope``).
    qs = Assessment.objects.filter(child_id__in=p.sql("visible", visible_sql)).exclude(
        status=AssessmentStatus.AUTHORISED)
    if one_child:
        qs = qs.filter(child_id=p.uuid("person"))
    team = (Q(involvement__team_id=p.integer("team")) if has_team
            else Q(involvement__team_id__isnull=True))
    user = p.integer("user")
    if scope == TEAM:
        if not service_manager:
            qs = qs.filter(team)
    elif manager:
        qs = qs.filter(status=AssessmentStatus.SUBMITTED).exclude(
            Q(started_by_id=user) | Q(submitted_by_id=user))
        if not service_manager:
            qs = qs.filter(team)
    else:
        qs = qs.filter(Q(involvement__worker_id=user) | Q(started_by_id=user),
                       status__in=EDITABLE)
    return qs.select_related("child", "involvement").order_by("due", "pk")


@needs("assessments")
@for_one_child
def assessments(user, *, scope: str, person_id=None) -> list[DueItem]:
    """A worker's own assessments to finish; a manager's team's (``scope="team"``), or those
    waiting for their authorisation (``scope="mine"``). One query compiled once a process
    for each shape of user and scope (issue 14)."""
    manager = user.role in MANAGER_ROLES
    if scope == TEAM and not manager:
        return []
    if visibility.scope(Assessment, user) is None:
        return []
    sql, params = visibility.visible_sql(Person, user)
    found = _unauthorised.all(
        sql, scope, manager, user.role == Role.SERVICE_MANAGER, user.team_id is not None,
        person_id is not None, visible=params, person=person_id, user=user.pk,
        team=user.team_id)
    items = []
    for a in found:
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
