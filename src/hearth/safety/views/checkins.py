"""Lone-working pages (R-SAFE-4): start a lone visit, my check-in (check out, change the time),
managers' "Out now" and the alert page. Views parse, call one action and render
(``core.pages``); bad input is 400 with an error summary and nothing written; someone else's
check-in, unless it is the check-in of someone they manage or they are the senior manager on
call, is 404 (issue 13 item 7); a stale page is 409."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.actions import audit
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, refuse_on_form
from hearth.core.refusals import Refused, Why
from hearth.people.models import Person, PersonAddress
from hearth.people.queries.visibility import can_see, get_visible_person
from hearth.safety import rules
from hearth.safety.actions import checkins as actions
from hearth.safety.codes import PLAN_QUESTIONS, CheckInStatus
from hearth.safety.forms.checkins import FIELD_FOR, CheckOutForm, ExtendForm, StartForm
from hearth.safety.models import CheckIn, VisitPlan, WorkerWarning
from hearth.safety.queries import checkins as queries
from hearth.safety.queries.checkins import family_ids, get_checkin, open_check_in_of
from hearth.safety.queries.plans import own_plans
from hearth.safety.queries.warnings import LIVE, warnings_for

UNKNOWN_PERSON = ("We could not find that person. Go back to their record and try again, or "
                  "start the visit without choosing a person")
UNKNOWN_PLAN = "We could not find that visit plan. Go back to the plan and try again"


def _current_address(person: Person | None) -> str:
    if person is None:
        return ""
    row = (PersonAddress.objects.filter(person=person, end_date__isnull=True)
           .select_related("address").order_by("-start_date", "-pk").first())
    return str(row.address) if row else ""


def _resolve(user, person_id: str, plan_id: str) -> tuple[Person | None, VisitPlan | None,
                                                          list[str]]:
    """The person and visit plan named on the page, and what is wrong with them."""
    person = plan = None
    problems = []
    if person_id:
        try:
            person = get_visible_person(user, person_id)
        except Http404:
            problems.append(UNKNOWN_PERSON)
    if plan_id:
        try:
            plan = own_plans(user).select_related("person").get(pk=int(plan_id))
        except (ValueError, VisitPlan.DoesNotExist):
            problems.append(UNKNOWN_PLAN)
    if plan is not None and person is not None and plan.person_id != person.pk:
        problems.append("That visit plan is for someone else")
    return person or (plan.person if plan else None), plan, problems


@requires("safety.checkin")
@require_http_methods(["GET", "POST"])
def checkin_new(request):
    """Start a lone visit: where, optionally who and which visit plan, and when back."""
    user = request.user
    current = open_check_in_of(user)
    if current is not None:
        messages.info(request, "You are already out on a lone visit: check out of it before "
                               "you start another.")
        return redirect("safety:checkin", checkin_id=current.pk)
    source = request.POST if request.method == "POST" else request.GET
    person, plan, problems = _resolve(user, source.get("person", ""),
                                      source.get("visit_plan", source.get("plan", "")))
    if request.method == "GET":
        form = StartForm(worker=user, initial={
            "person": str(person.pk) if person and not problems else "",
            "visit_plan": str(plan.pk) if plan and not problems else "",
            "where": "" if problems else (str(plan.address) if plan and plan.address_id
                                          else _current_address(person))})
        if problems:
            form.cleaned_data = {}  # an unbound form that shows what was wrong with the link
            for problem in problems:
                form.add_error(None, problem)
    else:
        form = StartForm(request.POST, worker=user)
        if problems:  # the page offers the visit again without the unknown person or plan
            form.is_valid()
            form.data = form.data.copy()
            form.data["person"] = form.data["visit_plan"] = ""
            for problem in problems:
                form.add_error(None, problem)
        else:
            outcome = attempt(form, lambda data: actions.do_start_check_in(
                acting_user=user, where=data["where"], expected_back=data["expected_back"],
                person=person, visit_plan=plan, joint_worker=form.joint_worker_user()),
                field_for=FIELD_FOR)
            if outcome:
                return done_with(request, "You are checked in. Check out here when you are "
                                          "safe.", "safety:checkin", checkin_id=outcome.result.pk)
    status = 400 if form.errors else 200
    return render(request, "safety/checkin_new.html",
                  {"form": form, "person": person if not problems else None,
                   "plan": plan if not problems else None,
                   "grace_minutes": int(rules.grace().total_seconds() // 60)},
                  status=status)


def _detail(request, checkin: CheckIn, *, extend_form=None, checkout_form=None,
            status: int = 200, conflict: bool = False):
    user = request.user
    own = checkin.worker_id == user.pk
    now = timezone.now()
    out = checkin.status == CheckInStatus.OUT
    return render(request, "safety/checkin.html", {
        "checkin": checkin, "own": own, "out": out, "conflict": conflict,
        "state": rules.state(now=now, expected_back=checkin.expected_back,
                             grace=rules.grace()) if out else "",
        "person_visible": checkin.person is not None and can_see(user, checkin.person),
        "can_close": out and not own and user.has_hearth_permission("safety.monitor"),
        "can_monitor": user.has_hearth_permission("safety.monitor"),
        "extend_form": extend_form or ExtendForm(initial={"version": checkin.version}),
        "checkout_form": checkout_form or CheckOutForm(initial={"version": checkin.version}),
    }, status=status)


@requires("safety.checkin")
@require_http_methods(["GET"])
def checkin_detail(request, checkin_id):
    """My check-in: check out when safe, or change the time I expect to be back."""
    return _detail(request, get_checkin(request.user, checkin_id))


@requires("safety.checkin")
@require_http_methods(["POST"])
def checkin_check_out(request, checkin_id):
    """Check out of my lone visit; my manager, or the senior manager on call, may close it on
    my behalf with a reason; to anyone else it does not exist (404, naming nobody)."""
    user = request.user
    checkin = get_checkin(user, checkin_id)
    form = CheckOutForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        actions.do_check_out(checkin, acting_user=user, expected_version=data.get("version"),
                             reason=data.get("reason") or "")
    except Refused as refusal:
        if (refusal.why == Why.STATE and checkin.worker_id == user.pk
                and checkin.status != CheckInStatus.OUT):
            messages.info(request, refusal.message)
            return redirect("safety:checkin", checkin_id=checkin.pk)
        status = refuse_on_form(form, refusal)
        return _detail(request, get_checkin(user, checkin_id), checkout_form=form,
                       status=status, conflict=status == 409)
    if checkin.worker_id == user.pk:
        return done_with(request, "You have checked out. Thank you for letting us know you "
                                  "are safe.", "safety:checkin", checkin_id=checkin.pk)
    return done_with(request, f"{checkin.worker.display_name}'s check-in is closed.",
                     "safety:checkin", checkin_id=checkin.pk)


@requires("safety.checkin")
@require_http_methods(["POST"])
def checkin_extend(request, checkin_id):
    """Change the time I expect to be back while I am out."""
    user = request.user
    checkin = get_checkin(user, checkin_id)
    form = ExtendForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_extend_check_in(
        checkin, acting_user=user, expected_version=data["version"],
        expected_back=data["expected_back"]), field_for=FIELD_FOR)
    if outcome:
        local = timezone.localtime(outcome.result.expected_back)
        return done_with(request, f"You are now expected back at {local:%H:%M} on "
                                  f"{local.day} {local:%B}.", "safety:checkin",
                         checkin_id=checkin.pk)
    if outcome.stale:
        checkin = get_checkin(user, checkin_id)
    return _detail(request, checkin, extend_form=form, status=outcome.status,
                   conflict=outcome.stale)


@requires("safety.monitor")
@require_http_methods(["GET"])
def out_now(request):
    """Who is out on a lone visit now, when they are due back, and who is overdue."""
    now = timezone.now()
    rows = list(queries.out_now(request.user))
    people = {r.person_id for r in rows if r.person_id}
    visible = set(Person.objects.visible_to(request.user).filter(pk__in=people)
                  .values_list("pk", flat=True)) if people else set()
    grace = rules.grace()
    return render(request, "safety/out_now.html", {
        "now": now,
        "rows": [{"checkin": r, "person_visible": r.person_id in visible,
                  "state": rules.state(now=now, expected_back=r.expected_back, grace=grace)}
                 for r in rows]})


def _answer(given) -> tuple[bool | None, str]:
    """A plan's answer to one question, stored as ``{"answer": bool, "note": str}``."""
    if isinstance(given, dict):
        answer = given.get("answer")
        return (answer if answer in (True, False) else None), str(given.get("note") or "")
    return (given if given in (True, False) else None), ""


def _alert_details(user, person: Person | None,
                   plan: VisitPlan | None) -> tuple[list[dict], list[str]]:
    """The worker-safety warnings for the person, their family and where they live (and the
    plan's address), each with whom it is about; and where the person lives now. A warning
    on a relative the manager may not see shows its kind only."""
    if person is None:
        return [], []
    warnings = list(warnings_for(family_ids(person.pk)))
    if plan is not None and plan.address_id:
        seen = {w.pk for w in warnings}
        warnings += [w for w in WorkerWarning.objects.filter(
            address_id=plan.address_id, status__in=LIVE).select_related("address")
            if w.pk not in seen]
    about = {w.person_id for w in warnings if w.person_id}
    visible = set(Person.objects.visible_to(user).filter(pk__in=about)
                  .values_list("pk", flat=True)) if about else set()
    rows = []
    for w in warnings:
        redacted = w.person_id is not None and w.person_id not in visible
        rows.append({"w": w, "redacted": redacted, "about": (
            f"at {w.address}" if w.person is None
            else "about someone in the family whose record you cannot open" if redacted
            else f"about {w.person.display_name}")})
    addresses = [str(row.address) for row in PersonAddress.objects.filter(
        person=person, end_date__isnull=True).select_related("address")]
    return rows, addresses


@requires("safety.monitor")
@require_http_methods(["GET"])
def checkin_alert(request, checkin_id):
    """What a manager needs when a lone worker is overdue: who, where, when, the visit plan,
    the address and the worker-safety warnings."""
    checkin = get_checkin(request.user, checkin_id)
    person = checkin.person
    shown = person is not None and can_see(request.user, person)
    plan = checkin.visit_plan if shown else None
    warnings, addresses = _alert_details(request.user, person, plan) if shown else ([], [])
    if shown:
        audit.record_read("safety.checkin_alert_view", user=request.user, obj=person,
                          fields={"checkin": checkin.pk})
    now = timezone.now()
    answers = plan.answers if plan is not None else {}
    return render(request, "safety/checkin_alert.html", {
        "checkin": checkin, "person_shown": shown, "plan": plan, "addresses": addresses,
        # The page lists the warnings in full itself; without the person, the banner shows
        # what the manager may know of them.
        "worker_safety_banner_off": shown,
        "warnings": warnings, "today": timezone.localdate(),
        "out": checkin.status == CheckInStatus.OUT,
        "state": rules.state(now=now, expected_back=checkin.expected_back,
                             grace=rules.grace()),
        "plan_answers": [(question, *_answer(answers.get(key)))
                         for key, question in PLAN_QUESTIONS],
    })
