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
    add_error,
)
from hearth.assessments.models import Assessment
from hearth.assessments.queries import get_visible_assessment, open_assessments_for
from hearth.people.actions import StaleEdit
from hearth.people.models import Person

FORM_ERROR_STATUS = 400
CONFLICT = 409
SOURCE_LABELS = dict(SourceKind.choices)


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
    }
    if can_edit:
        context.setdefault("edit_form", AssessmentForm(initial={
            "summary": assessment.summary, "analysis": assessment.analysis,
            "outcome": assessment.outcome, "factors": assessment.factors,
            "version": assessment.version}))
        context.setdefault("source_form", SourceForm())
        context.setdefault("unassessed_form", UnassessedAreaForm())
        context.setdefault("submit_form", VersionForm(initial={"version": assessment.version}))
    if can_authorise:
        context.setdefault("manager_form", ManagerForm(initial={"version": assessment.version}))
    context.update(extra)
    return render(request, "assessments/detail.html", context, status=status)


def _refused(request, assessment: Assessment, form_name: str, form: forms.Form, exc):
    add_error(form, getattr(exc, "field", None), str(exc))
    return _render(request, assessment, status=FORM_ERROR_STATUS, **{form_name: form})


def _conflict(request, assessment: Assessment, exc: StaleEdit, entries=()):
    conflict = {"title": "Someone else changed this assessment", "message": str(exc),
                "entries": [(k, v) for k, v in entries if v]}
    return _render(request, assessment, status=CONFLICT, conflict=conflict)


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
def detail(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    actions.record_view(assessment, user=request.user)
    return _render(request, assessment)


@requires("assessments.edit")
@require_http_methods(["POST"])
def start(request, involvement_id):
    from hearth.casework.models import Involvement

    involvement = (Involvement.objects
                   .filter(person__in=Person.objects.visible_to(request.user),
                           pk=involvement_id).first())
    if involvement is None:
        raise Http404("No such involvement.")
    try:
        assessment = actions.do_start_assessment(involvement, acting_user=request.user)
    except actions.AssessmentRefused as exc:
        messages.error(request, str(exc))
        existing = (Assessment.objects.filter(involvement=involvement)
                    .exclude(status=AssessmentStatus.AUTHORISED).first())
        if existing is None:
            raise Http404("No such assessment.") from exc
        return redirect("assessments:detail", assessment_id=existing.pk)
    messages.success(request, "Assessment started.")
    return redirect("assessments:detail", assessment_id=assessment.pk)


@requires("assessments.edit")
@require_http_methods(["POST"])
def edit(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        return _render(request, assessment, status=FORM_ERROR_STATUS, edit_form=form)
    data = form.cleaned_data
    try:
        actions.do_update(assessment, acting_user=request.user,
                          expected_version=data["version"], summary=data["summary"],
                          analysis=data["analysis"], outcome=data["outcome"],
                          factors=data["factors"])
    except StaleEdit as exc:
        return _conflict(request, assessment, exc, [
            ("Summary", data["summary"]), ("Analysis", data["analysis"])])
    except actions.AssessmentRefused as exc:
        return _refused(request, assessment, "edit_form", form, exc)
    messages.success(request, "Assessment saved.")
    return redirect("assessments:detail", assessment_id=assessment.pk)


@requires("assessments.edit")
@require_http_methods(["POST"])
def add_source(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    form = SourceForm(request.POST)
    if not form.is_valid():
        return _render(request, assessment, status=FORM_ERROR_STATUS, source_form=form)
    try:
        actions.do_record_source(assessment, acting_user=request.user, **form.cleaned_data)
    except actions.AssessmentRefused as exc:
        return _refused(request, assessment, "source_form", form, exc)
    messages.success(request, "Source recorded.")
    return redirect("assessments:detail", assessment_id=assessment.pk)


@requires("assessments.edit")
@require_http_methods(["POST"])
def add_unassessed(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    form = UnassessedAreaForm(request.POST)
    if not form.is_valid():
        return _render(request, assessment, status=FORM_ERROR_STATUS, unassessed_form=form)
    try:
        actions.do_record_unassessed_area(assessment, acting_user=request.user,
                                          **form.cleaned_data)
    except actions.AssessmentRefused as exc:
        return _refused(request, assessment, "unassessed_form", form, exc)
    messages.success(request, "Area that could not be assessed recorded.")
    return redirect("assessments:detail", assessment_id=assessment.pk)


@requires("assessments.edit")
@require_http_methods(["POST"])
def submit(request, assessment_id):
    assessment = get_visible_assessment(request.user, assessment_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render(request, assessment, status=FORM_ERROR_STATUS, submit_form=form)
    try:
        actions.do_submit(assessment, acting_user=request.user,
                          expected_version=form.cleaned_data["version"])
    except StaleEdit as exc:
        return _conflict(request, assessment, exc)
    except actions.AssessmentRefused as exc:
        return _refused(request, assessment, "submit_form", form, exc)
    messages.success(request, "Assessment submitted for authorisation.")
    return redirect("assessments:detail", assessment_id=assessment.pk)


def _manager_step(request, assessment_id, do, done: str):
    assessment = get_visible_assessment(request.user, assessment_id)
    form = ManagerForm(request.POST)
    if not form.is_valid():
        return _render(request, assessment, status=FORM_ERROR_STATUS, manager_form=form)
    data = form.cleaned_data
    try:
        do(assessment, acting_user=request.user, expected_version=data["version"],
           comment=data["comment"])
    except StaleEdit as exc:
        return _conflict(request, assessment, exc, [("Manager's comment", data["comment"])])
    except actions.AssessmentRefused as exc:
        return _refused(request, assessment, "manager_form", form, exc)
    messages.success(request, done)
    return redirect("assessments:detail", assessment_id=assessment.pk)


@requires("assessments.authorise")
@require_http_methods(["POST"])
def authorise(request, assessment_id):
    return _manager_step(request, assessment_id, actions.do_authorise, "Assessment authorised.")


@requires("assessments.authorise")
@require_http_methods(["POST"])
def return_assessment(request, assessment_id):
    return _manager_step(request, assessment_id, actions.do_return,
                         "Assessment returned to the worker.")
