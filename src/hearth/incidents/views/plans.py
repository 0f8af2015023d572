"""A person's incidents, worker risk-reduction plans and practitioners' meetings (R-SAFE-6):
recording them with the explicit plan of what will be shared with the family, reading them,
and a manager agreeing a plan. A person the user may not see is 404, and so is anything of
theirs; a stale agreement is 409."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.core.visibility import get_visible_or_404
from hearth.incidents import actions, queries
from hearth.incidents.forms import FIELD_FOR, AgreeForm, MeetingForm, PlanForm
from hearth.people.models import Person


def _person(user, person_id) -> Person:
    return get_visible_or_404(Person.objects.live(), user, person_id, "person")


@requires("incidents.report")
@require_http_methods(["GET"])
def person_incidents(request, person_id):
    user = request.user
    person = _person(user, person_id)
    actions.record_view(person, user=user, what="view_incidents")
    return render(request, "incidents/person.html", {
        "person": person, "incidents": list(queries.incidents_about(user, person)),
        "plans": list(queries.plans_about(user, person)),
        "meetings": list(queries.meetings_about(user, person))})


def _plan_colleagues(user):
    if not user.has_hearth_permission("incidents.manage"):
        return []
    return list(queries.colleagues_of(user))


@requires("incidents.report")
@require_http_methods(["GET", "POST"])
def new_plan(request, person_id):
    user = request.user
    person = _person(user, person_id)
    colleagues = _plan_colleagues(user)
    if request.method == "GET":
        return render(request, "incidents/plan_new.html", {
            "person": person, "form": PlanForm(user=user, colleagues=colleagues)})
    form = PlanForm(request.POST, user=user, colleagues=colleagues)

    def record(data):
        worker = next((c for c in colleagues if c.pk == data.get("worker")), user)
        return actions.do_record_plan(
            person, acting_user=user, worker=worker, plan=data["plan"],
            shared_with_family=data["shared_with_family"], review_on=data["review_on"],
            agree=bool(data.get("agree")))

    outcome = attempt(form, record, field_for=FIELD_FOR)
    if not outcome:
        return render(request, "incidents/plan_new.html", {"person": person, "form": form},
                      status=outcome.status)
    plan = outcome.result
    return done_with(request, "Risk-reduction plan recorded." if plan.agreed_by_id
                     else "Risk-reduction plan recorded. A manager must agree it.",
                     "incidents:plan", rrp_id=plan.pk)


def _plan_page(request, plan, *, status=200, **extra):
    user = request.user
    may_agree = (user.has_hearth_permission("incidents.manage") and plan.agreed_by_id is None
                 and plan.worker_id != user.pk)
    return render(request, "incidents/plan_detail.html", {
        "plan": plan, "person": plan.person, "may_agree": may_agree,
        "agree_form": AgreeForm(initial={"version": plan.version}), **extra}, status=status)


@requires("incidents.report")
@require_http_methods(["GET"])
def plan_detail(request, rrp_id):
    plan = queries.get_visible_plan(request.user, rrp_id)
    actions.record_view(plan.person, user=request.user, what="view_risk_reduction_plan")
    return _plan_page(request, plan)


@requires("incidents.manage")
@require_http_methods(["POST"])
def agree_plan(request, rrp_id):
    plan = queries.get_visible_plan(request.user, rrp_id)
    form = AgreeForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_agree_plan(
        plan, acting_user=request.user, expected_version=data["version"]))
    if outcome:
        return done_with(request, "Plan agreed.", "incidents:plan", rrp_id=plan.pk)
    if outcome.refusal is None:
        problem = "This page was out of date: try again"
    elif outcome.stale:
        plan = queries.get_visible_plan(request.user, rrp_id)
        problem = ("Someone else changed this plan while you were reading it: check it as it "
                   "is now, then agree it again")
    else:
        problem = outcome.refusal.message
    return _plan_page(request, plan, status=outcome.status, problem=problem)


@requires("incidents.report")
@require_http_methods(["GET", "POST"])
def new_meeting(request, person_id):
    user = request.user
    person = _person(user, person_id)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    return form_page(
        request, "incidents/meeting_new.html", {"person": person}, form,
        lambda data: actions.do_record_meeting(
            person, acting_user=user, held_on=data["held_on"], attendees=data["attendees"],
            discussion=data["discussion"], plan=data["plan"],
            shared_with_family=data["shared_with_family"]),
        lambda meeting: done_with(request, "Practitioners' meeting recorded.",
                                  "incidents:meeting", meeting_id=meeting.pk),
        field_for=FIELD_FOR)


@requires("incidents.report")
@require_http_methods(["GET"])
def meeting_detail(request, meeting_id):
    meeting = queries.get_visible_meeting(request.user, meeting_id)
    actions.record_view(meeting.person, user=request.user, what="view_practitioners_meeting")
    return render(request, "incidents/meeting_detail.html",
                  {"meeting": meeting, "person": meeting.person})
