"""Pages for a child's child protection record: strategy discussions (from a contact, a MASH
decision, an assessment or the open case), the Section 47 enquiries they start with their ICPC
due dates (R-CP-1), two-worker visits (R-TWO-1) and outcomes, and a team manager's authorisation
of an outcome with no conference. Views parse, call one action and render; a record of a child
the user may not see is 404; a stale outcome is 409."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework.queries import family_children, live_involvement
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Refused
from hearth.core.registry import Registry
from hearth.protection.actions import strategy as actions
from hearth.protection.actions.family import do_record_family_strategy_discussion
from hearth.protection.codes import ConferenceKind, S47Outcome, StrategyOrigin
from hearth.protection.forms.strategy import (
    MORE_ROWS,
    OutcomeDecisionForm,
    OutcomeForm,
    StrategyForm,
    VisitForm,
)
from hearth.protection.queries import strategy as queries

#: On the form when someone else saved the enquiry first (the page explains above it).
STALE = "Nothing was saved: the enquiry changed while you were working on it."


def overdue(enquiry) -> bool:
    return queries.icpc_overdue(enquiry)


def icpc_link(person, enquiry) -> str:
    """Where to arrange the initial conference this enquiry calls for."""
    try:
        url = reverse("protection:conference_new", args=[person.pk])
    except NoReverseMatch:
        return ""
    return f"{url}?kind=icpc&enquiry={enquiry.pk}"


@requires("protection.view")
@require_http_methods(["GET"])
def person(request, person_id):
    user = request.user
    child = queries.get_visible_person(user, person_id)
    discussions = queries.discussions_of(child)
    for discussion in discussions:
        discussion.agencies = sorted({p.agency for p in discussion.participants.all()})
    enquiries = queries.enquiries_of(child)
    for enquiry in enquiries:
        enquiry.overdue = overdue(enquiry)
    can_record = user.has_hearth_permission("protection.record")
    actions.record_view(child, user=user, what="view_protection")
    return render(request, "protection/strategy/person.html", {
        "person": child, "discussions": discussions, "enquiries": enquiries,
        "can_record": can_record,
        "open_case": live_involvement(child) if can_record else None,
        "origin_contacts": queries.origin_contacts(user, child) if can_record else [],
        "origin_assessments": queries.origin_assessments(child) if can_record else []})


def _origin(request, child):
    """What led to the discussion, from the query: ``?contact=`` (a contact, or a MASH
    decision when it went through the MASH), ``?assessment=``, else the open case."""
    user, query = request.user, request.GET
    if query.get("contact"):
        contact = queries.contact_for(user, child, query["contact"])
        mash = query.get("origin") == StrategyOrigin.MASH or (
            query.get("origin") != StrategyOrigin.CONTACT and queries.has_mash(contact))
        return {"origin": StrategyOrigin.MASH if mash else StrategyOrigin.CONTACT,
                "contact": contact}
    if query.get("assessment"):
        return {"origin": StrategyOrigin.ASSESSMENT,
                "assessment": queries.assessment_for(child, query["assessment"])}
    return {"origin": StrategyOrigin.OPEN_CASE, "involvement": live_involvement(child)}


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def strategy_new(request, person_id):
    user = request.user
    child = queries.get_visible_person(user, person_id)
    origin = _origin(request, child)
    no_origin = origin["origin"] == StrategyOrigin.OPEN_CASE and origin["involvement"] is None
    siblings = [c for c in family_children(user, child) if c.pk != child.pk]
    kwargs = {"owners": queries.action_owners(user), "agency_kinds": queries.agency_kinds(),
              "siblings": siblings}
    context = {"person": child, **origin, "no_origin": no_origin,
               "query": request.GET.urlencode(),
               "known_agencies": bool(kwargs["agency_kinds"])}
    template = "protection/strategy/strategy_new.html"
    if request.method == "GET":
        return render(request, template, {**context, "form": StrategyForm(**kwargs)})
    more = {"more_participants": "participants", "more_actions": "actions"}
    wanted = next((group for button, group in more.items() if button in request.POST), None)
    if wanted:
        posted = StrategyForm(request.POST, **kwargs)
        counts = {"participants": posted.participant_count, "actions": posted.action_count}
        counts[wanted] += MORE_ROWS
        form = StrategyForm(initial=request.POST.dict(), **kwargs, **counts)
        return render(request, template, {**context, "form": form, "focus": wanted})
    form = StrategyForm(request.POST, **kwargs)
    if form.is_valid() and not form.group_errors and not no_origin:
        data = form.cleaned_data
        try:
            discussion = do_record_family_strategy_discussion(
                child, siblings=form.sibling_parts(), acting_user=user,
                origin=origin["origin"], contact=origin.get("contact"),
                assessment=origin.get("assessment"), involvement=origin.get("involvement"),
                held_on=data["held_on"], participants=form.participants(),
                information_shared=data["information_shared"], decision=data["decision"],
                decision_reasons=data["decision_reasons"], actions=form.actions())[0]
        except Refused as refusal:
            form.add_problems(refusal.problems)
        else:
            enquiry = getattr(discussion, "enquiry", None)
            if enquiry is not None:
                messages.success(request, f"Strategy discussion recorded. A Section 47 enquiry "
                                          f"has started: the initial child protection "
                                          f"conference is due by {enquiry.icpc_due:%-d %B %Y}.")
            else:
                messages.success(request, "Strategy discussion recorded.")
            return redirect("protection:strategy", discussion_id=discussion.pk)
    elif no_origin:
        form.add_error(None, "This child has no open case: record the discussion from a "
                             "contact or an assessment")
    return render(request, template, {**context, "form": form}, status=400)


#: What may follow a strategy discussion or a conference, shown as buttons on its page:
#: ``step(record, kind, user)`` (kind "strategy" or "conference") answers (label, URL) or
#: None. The looked_after app registers "Record that the child became looked after".
NEXT_STEPS = Registry("after a strategy discussion or a conference")


def next_steps(record, kind: str, user) -> list[tuple[str, str]]:
    return [step for step in NEXT_STEPS.call_all(record, kind, user) if step]


def _discussion_page(request, discussion, *, status=200, problem=""):
    return render(request, "protection/strategy/strategy.html", {
        "discussion": discussion, "person": discussion.person,
        "enquiry": getattr(discussion, "enquiry", None),
        "actions": list(discussion.actions.all()),
        "discussed_with": queries.discussed_with(request.user, discussion),
        "can_record": request.user.has_hearth_permission("protection.record"),
        "next_steps": next_steps(discussion, "strategy", request.user),
        "problem": problem}, status=status)


@requires("protection.view")
@require_http_methods(["GET"])
def strategy(request, discussion_id):
    discussion = queries.get_visible_discussion(request.user, discussion_id)
    actions.record_view(discussion.person, user=request.user, what="view_strategy_discussion")
    return _discussion_page(request, discussion)


@requires("protection.record")
@require_http_methods(["POST"])
def strategy_action_done(request, discussion_id, action_id):
    action = queries.get_visible_action(request.user, discussion_id, action_id)
    try:
        actions.do_complete_strategy_action(action, acting_user=request.user)
    except Refused as refusal:
        discussion = queries.get_visible_discussion(request.user, discussion_id)
        return _discussion_page(request, discussion, status=refusal.page_status,
                                problem=refusal.message)
    return done_with(request, "Action marked as done.", "protection:strategy",
                     discussion_id=discussion_id)


@requires("protection.view")
@require_http_methods(["GET"])
def enquiry(request, enquiry_id):
    user = request.user
    record = queries.get_visible_enquiry(user, enquiry_id)
    child = record.person
    conferences = list(record.conferences.filter(kind=ConferenceKind.ICPC).order_by("held_on"))
    may_arrange = (record.outcome == S47Outcome.SUBSTANTIATED_ICPC and not conferences and (
        user.has_hearth_permission("protection.record")
        or user.has_hearth_permission("protection.conference")))
    actions.record_view(child, user=user, what="view_s47_enquiry")
    return render(request, "protection/strategy/enquiry.html", {
        "enquiry": record, "person": child, "visits": queries.visits_of(record),
        "overdue": overdue(record), "conferences": conferences,
        "icpc_link": icpc_link(child, record) if may_arrange else "",
        "may_authorise": record.awaiting_authorisation and user.has_hearth_permission(
            "protection.dashboard") and queries.authorise_refusal(user, record) is None,
        "can_record": user.has_hearth_permission("protection.record")})


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def s47_visit_new(request, enquiry_id):
    user = request.user
    record = queries.get_visible_enquiry(user, enquiry_id)
    colleagues = queries.visit_colleagues(user)
    context = {"enquiry": record, "person": record.person}
    template = "protection/strategy/visit_new.html"
    if request.method == "GET":
        return render(request, template, {**context, "form": VisitForm(
            colleagues=colleagues, user=user, joint=record.joint)})
    form = VisitForm(request.POST, colleagues=colleagues, user=user, joint=record.joint)
    form.is_valid()
    form.check(record, timezone.now())
    if form.is_valid() and not form.group_errors:
        data = form.cleaned_data
        try:
            actions.do_record_s47_visit(
                record, acting_user=user, visited_at=form.visited_at(), place=data["place"],
                child_seen=data["child_seen"], child_seen_alone=data["child_seen_alone"],
                notes=data["notes"], workers=form.workers(), **form.police_absence())
        except Refused as refusal:
            form.add_problems(refusal.problems)
        else:
            return done_with(request, "Section 47 visit recorded.", "protection:enquiry",
                             enquiry_id=record.pk)
    return render(request, template, {**context, "form": form}, status=400)


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def enquiry_outcome(request, enquiry_id):
    user = request.user
    record = queries.get_visible_enquiry(user, enquiry_id)
    context = {"enquiry": record, "person": record.person}
    template = "protection/strategy/outcome.html"
    if request.method == "GET":
        return render(request, template, {
            **context, "form": OutcomeForm(initial=OutcomeForm.initial_for(record))})
    form = OutcomeForm(request.POST)
    form.is_valid()
    form.check(record, timezone.localdate())
    outcome = attempt(form, lambda data: actions.do_record_s47_outcome(
        record, acting_user=user, expected_version=data["version"], outcome=data["outcome"],
        reasons=data["reasons"], outcome_on=data["outcome_on"]), stale_message=STALE)
    if outcome:
        return done_with(request, "Outcome recorded: it takes effect when a team manager "
                                  "authorises it. Until then the initial child protection "
                                  "conference stays due." if outcome.result.awaiting_authorisation
                         else "Outcome of the Section 47 enquiry recorded.",
                         "protection:enquiry", enquiry_id=record.pk)
    if outcome.stale:
        context.update(enquiry=queries.get_visible_enquiry(user, enquiry_id), conflict={
            "title": "Someone else recorded this enquiry's outcome while you were working",
            "message": "Nothing was saved. The outcome as it is now is shown above the form; "
                       "what you entered is kept in the form: check it, then save again."})
    return render(request, template, {**context, "form": form}, status=outcome.status)


@requires("protection.dashboard")
@require_http_methods(["GET", "POST"])
def outcome_decision(request, enquiry_id):
    """R-CP-1: a team manager of the team holding the case authorises the outcome a worker
    proposed (no conference), or returns it with the reason. Anyone else is refused (403)
    and nothing is written; a stale page is 409."""
    user = request.user
    record = queries.get_visible_enquiry(user, enquiry_id)
    template = "protection/strategy/outcome_decision.html"
    context = {"enquiry": record, "person": record.person,
               "refusal": queries.authorise_refusal(user, record)
               if record.awaiting_authorisation else ""}
    if request.method == "GET":
        if record.awaiting_authorisation:
            actions.record_view(record.person, user=user, what="view_s47_enquiry")
        return render(request, template, {**context, "form": OutcomeDecisionForm(
            initial={"version": record.version})})
    form = OutcomeDecisionForm(request.POST)
    form.is_valid()
    form.check()
    # Refused: not theirs to decide (403), nothing waiting, or the rules (400).
    outcome = attempt(form, lambda data: actions.do_decide_s47_outcome(
        record, acting_user=user, expected_version=data["version"],
        decision=data["decision"], reason=data["reason"]), stale_message=STALE)
    if outcome:
        decided = outcome.result
        return done_with(request, "Outcome authorised: it has taken effect."
                         if decided.outcome and not decided.proposed_outcome
                         else "Outcome returned to the worker with your reason.",
                         "protection:enquiry", enquiry_id=record.pk)
    if outcome.stale:
        context.update(enquiry=queries.get_visible_enquiry(user, enquiry_id), conflict={
            "title": "This enquiry's outcome changed while you were deciding",
            "message": "Nothing was saved. Check the outcome as it is now, then decide "
                       "again."})
    return render(request, template, {**context, "form": form}, status=outcome.status)
