"""Reads that pages and the API share; all go through ``Person.objects.visible_to``: an
assessment is visible exactly when its child is."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hearth.access.rules import MANAGER_ROLES
from hearth.assessments.codes import AssessmentStatus
from hearth.assessments.models import Assessment
from hearth.core import visibility
from hearth.core.visibility import visible_pks
from hearth.people.models import Person


def assessment_scope(user) -> Q:
    """Who may see an assessment (registered with ``core.visibility``): whoever may see its
    child."""
    return Q(child__in=visible_pks(Person, user))


def visible_assessments(user) -> QuerySet[Assessment]:
    return visibility.apply(Assessment.objects.all(), user)


def get_visible_assessment(user, assessment_id) -> Assessment:
    """The assessment with who did what, or 404 when it does not exist or its child is not
    visible to ``user``."""
    return visibility.get_visible_or_404(
        Assessment.objects.select_related(
            "child", "involvement__team", "involvement__worker", "started_by", "submitted_by",
            "authorised_by", "returned_by"), user, assessment_id, "assessment")


def open_assessments_for(user) -> QuerySet[Assessment]:
    """Assessments not yet authorised that are the user's to finish or to authorise: a worker's
    own (allocated or started), and for a manager their team's; soonest due first."""
    mine = Q(involvement__worker=user) | Q(started_by=user)
    if user.role in MANAGER_ROLES and user.team_id:
        mine |= Q(involvement__team_id=user.team_id)
    return (visible_assessments(user).filter(mine)
            .exclude(status=AssessmentStatus.AUTHORISED)
            .select_related("child", "involvement__worker", "involvement__team")
            .order_by("due", "pk"))
