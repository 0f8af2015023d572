"""What child in need plans add to the child at a glance (``hearth.core.status``): "Child in
need plan since …" while the child has an open plan (it supersedes casework's "Child in
need"), and the person page's panel: the open plan's needs, actions, next meeting and next
visit due (``PERSON_PANELS``, place ``PLAN``); "Start the CIN plan" on the authorised
assessment's page (``assessments.views.NEXT_STEPS``). Registered from CinConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hearth.assessments.codes import AssessmentStatus, Outcome
from hearth.cin import due, queries
from hearth.cin.models import CINPlan
from hearth.core.status import Status
from hearth.protection.models import CPPlan
from hearth.visits.codes import VisitPurpose

KEY = "cin_plan"


def cin_statuses(person, user) -> list[Status]:
    if not user.has_hearth_permission("cin.view"):
        return []
    plan = queries.open_plan(user, person)
    if plan is None:
        return []
    return [Status(KEY, "Child in need plan",
                   f"since {date_format(plan.start_on, 'j F Y')}", tone="blue", rank=25,
                   link=reverse("cin:plan", args=[plan.pk]), supersedes=("child_in_need",))]


def cin_panel(user, person):
    """The person page's open CIN plan (or the way to start one)."""
    from hearth.people.queries.persons import PLAN, Panel

    if not user.has_hearth_permission("cin.view"):
        return None
    plan = queries.open_plan(user, person)
    if plan is None:
        return None
    today = timezone.localdate()
    meeting_due, visit_due = due.dues_of(plan)
    return Panel("cin/_person_panel.html", {
        "cin_plan": plan, "cin_meeting_due": meeting_due, "cin_visit_due": visit_due,
        "cin_meeting_overdue": meeting_due < today, "cin_visit_overdue": visit_due < today,
        "cin_may_manage": user.has_hearth_permission("cin.manage")}, place=PLAN)


def start_link(assessment, user) -> tuple[str, str] | None:
    """"Start the CIN plan" on an authorised assessment's page whose outcome is a CIN plan
    (registered with ``assessments.views.NEXT_STEPS``), while it has not started one."""
    if (assessment.status != AssessmentStatus.AUTHORISED
            or assessment.outcome != Outcome.CIN_PLAN
            or not user.has_hearth_permission("cin.manage")
            or CINPlan.objects.filter(assessment=assessment).exists()):
        return None
    return "Start the CIN plan", reverse("cin:start", args=[assessment.pk])


def likely_purpose(child) -> str | None:
    """A new visit to a child on a plan is most likely its statutory visit (registered with
    ``visits.queries.LIKELY_PURPOSE``): "cp" on a child protection plan, "cin" on a CIN plan."""
    if CPPlan.objects.filter(person=child, end_on__isnull=True).exists():
        return VisitPurpose.CP
    if CINPlan.objects.filter(person=child, end_on__isnull=True).exists():
        return VisitPurpose.CIN
    return None
