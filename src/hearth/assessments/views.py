"""Assessment pages: the assessment (due date, sources and their gaps, unassessed areas,
factors, outcome, submit / authorise / return) and the list of open and overdue ones.
Views parse, call one action and render; an assessment whose child the user may not see is
404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.assessments import actions, rules
from hearth.assessments.codes import EDITABLE, FACTOR_LABELS, AssessmentStatus, SourceKind
from hearth.assessments.forms import (
    AssessmentForm,
    ManagerForm,
    SourceForm,
    UnassessedAreaForm,
    VersionForm,
)
from hearth.assessments.models import Assessment
from hearth.assessments.queries import get_visible_assessment, open_assessments_for
from hearth.casework.models import Involvement
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Refused, StaleEdit
from hearth.core.registry import Registry
from hearth.core.visibility import get_visible_or_404
from hearth.drafts.views import keeps_draft, restored

SOURCE_LABELS = dict(SourceKind.choices)

#: What may follow an assessment, shown as buttons on its page: ``step(assessment, user)``
#: answers (label, URL) or None. The cin app registers "Start the CIN plan" (R-CIN-1).
NEXT_STEPS = Registry("after an assessment")


def _may_authorise(assessment: Assessment, user) -> bool:
    authors = {assessment.started_by_id, assessment.submitted_by_id}
    return all(rules.may_authorise(a, user.pk, user.role) for a in authors)


def _render(request, assessment: Assessment, *, status: int = 200, **extra):
    user = request.user
    assessment = get_visible_assessment(user, assessment.pk)
    now = timezone.now()
    sources = list(assessment.sources.select_related("recorded_by")
                   .order_by("contributed_on", "pk"))
    can_edit = user.has_hearth_permission("assessments.edit") and assessment.status in EDITABLE
    can_authorise = (user.has_hearth_permission("assessments.authorise")
                     and assessment.status == AssessmentStatus.SUBMITTED)
    context = {
        "assessment": assessment, "now": now,
        "due_text": rules.describe_due(assessment.due, now, assessment.status),
        "overdue": rules.is_overdue(assessment.due, now, assessment.status),
        "sources": sources,
        "gaps": [SOURCE_LABELS[k] for k in rules.source_gaps(s.kind for s in sources)],
        "unassessed": list(assessment.unassessed_areas.select_related("recorded_by")
                           .order_by("pk")),
        "factors": [(code, FACTOR_LABELS.get(code, code)) for code in assessment.factors],
        "can_edit": can_edit, "can_authorise": can_authorise,
        "is_author": not _may_authorise(assessment, user) and can_authorise,
        "next_steps": [step for step in NEXT_STEPS.call_all(assessment, user) if step],
    }
    if can_edit:
        context.setdefault("edit_form", restored(request, AssessmentForm(initial={
            "summary": assessment.summary, "analysis": assessment.analysis,
            "outcome": assessment.outcome, "factors": assessment.factors,
            "version": assessment.version})))
        context.setdefault("source_form", SourceForm())
        context.setdefault("unassessed_form", UnassessedAreaForm())
        context.setdefault("submit_form", VersionForm(initial={"version": assessment.version}))
    if can_authorise:
        context.setdefault("manager_form", ManagerForm(initial={"version": assessment.version}))
    context.update(extra)
    return render(request, "assessments/detail.html", context, status=status)


def _conflict(request, assessment: Assessment, refusal: StaleEdit, entries=()):
    conflict = {"title": "Someone else changed this assessment", "message": str(refusal),
                "entries": [(k, v) for k, v in entries if v]}
    return _render(request, assessment, status=409, conflict=conflict)


def _post(request, assessment: Assessment, form_name: str, form: forms.Form, act,
          done: str, entries=lambda data: ()):
    """``core.pages.attempt`` on the assessment page: on success a message and back to the
    assessment; a refusal shows the page again with the problems on ``form``, a stale edit
    with what the user typed (``entries``) so that nothing is lost."""
    outcome = attempt(form, act)
    if outcome:
        return done_with(request, done, "assessments:detail", assessment_id=assessment.pk)
    if isinstance(outcome.refusal, StaleEdit):
        return _conflict(request, assessment, outcome.refusal, entries(form.cleaned_data))
    return _render(request, assessment, status=outcome.status, **{form_name: form})


@requires("assessments.view")
@require_http_methods(["GET"])
def assessment_list(request):
    now = timezone.now()
    rows = [{"assessment": a, "overdue": rules.is_overdue(a.due, now, a.status),
             "due_text": rules.describe_due(a.due, now, a.status)}
            for a in open_assessments_for(request.user)]
    return render(request, "assessments/list.html", {
        "overdue_rows": [r for r in rows if r["overdue"]],
        "other_rows": [r for r in rows if not r["overdue"]]})


@requires("assessments.view")
@require_http_methods(["GET"])
@keeps_draft
def detail(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    actions.record_view(assessment, user=request.user)
    return _render(request, assessment)


@requires("assessments.edit")
@require_http_methods(["POST"])
def start(request, involvement_id):
    involvement = get_visible_or_404(Involvement, request.user, involvement_id, "involvement")
    try:
        assessment = actions.do_start_assessment(involvement, acting_user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        existing = (Assessment.objects.filter(involvement=involvement)
                    .exclude(status=AssessmentStatus.AUTHORISED).first())
        if existing is None:
            raise Http404("No such assessment.") from refusal
        return redirect("assessments:detail", assessment_id=existing.pk)
    messages.success(request, "Assessment started.")
    return redirect("assessments:detail", assessment_id=assessment.pk)


@requires("assessments.edit")
@require_http_methods(["POST"])
@keeps_draft(page="assessments:detail")
def edit(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    return _post(request, assessment, "edit_form", AssessmentForm(request.POST),
                 lambda data: actions.do_update(
                     assessment, acting_user=request.user, expected_version=data["version"],
                     summary=data["summary"], analysis=data["analysis"],
                     outcome=data["outcome"], factors=data["factors"]),
                 "Assessment saved.",
                 lambda data: [("Summary", data["summary"]), ("Analysis", data["analysis"])])


@requires("assessments.edit")
@require_http_methods(["POST"])
def add_source(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    return _post(request, assessment, "source_form", SourceForm(request.POST),
                 lambda data: actions.do_record_source(assessment, acting_user=request.user,
                                                       **data),
                 "Source recorded.")


@requires("assessments.edit")
@require_http_methods(["POST"])
def add_unassessed(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    return _post(request, assessment, "unassessed_form", UnassessedAreaForm(request.POST),
                 lambda data: actions.do_record_unassessed_area(
                     assessment, acting_user=request.user, **data),
                 "Area that could not be assessed recorded.")


@requires("assessments.edit")
@require_http_methods(["POST"])
def submit(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    return _post(request, assessment, "submit_form", VersionForm(request.POST),
                 lambda data: actions.do_submit(assessment, acting_user=request.user,
                                                expected_version=data["version"]),
                 "Assessment submitted for authorisation.")


def _manager_step(request, assessment_id, do, done: str):
    assessment = get_visible_assessment(request.user, assessment_id)
    return _post(request, assessment, "manager_form", ManagerForm(request.POST),
                 lambda data: do(assessment, acting_user=request.user,
                                 expected_version=data["version"], comment=data["comment"]),
                 done, lambda data: [("Manager's comment", data["comment"])])


@requires("assessments.authorise")
@require_http_methods(["POST"])
def authorise(request, assessment_id):
    return _manager_step(request, assessment_id, actions.do_authorise, "Assessment authorised.")


@requires("assessments.authorise")
@require_http_methods(["POST"])
def return_assessment(request, assessment_id):
    return _manager_step(request, assessment_id, actions.do_return,
                         "Assessment returned to the worker.")
