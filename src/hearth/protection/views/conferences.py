"""Pages for conferences (R-CP-1, R-CP-2, R-CP-4): arranging an initial, review or ROTH
conference; the conference with its attendance, the family's participation (exclusions with
their reasons) and decision; recording its outcome, which may start the plan (the plan and its
core group: views/plans.py).

Views parse, call one action and render. A record of a child the user may not see is 404; a
refusal is 400 with the error summary naming the field; a stale save is 409."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.forms import add_problems
from hearth.core.pages import done_with, form_problems, move_version
from hearth.core.refusals import Refused, StaleEdit
from hearth.drafts.views import keeps_draft, restored
from hearth.protection.actions import conferences as actions
from hearth.protection.codes import ConferenceKind
from hearth.protection.forms.conferences import (
    ArrangeForm,
    FamilyForm,
    InviteeForm,
    OutcomeForm,
    Rows,
)
from hearth.protection.queries import conferences as queries
from hearth.protection.rules import conferences as rules
from hearth.protection.views.strategy import next_steps

T = "protection/conferences/"
NOT_ARRANGER = ("Conferences are arranged by social workers, their managers and the "
                "conference service.")


def child_protection_url(person) -> str:
    """The child's child protection page (else their record)."""
    try:
        return reverse("protection:person", args=[person.pk])
    except NoReverseMatch:
        return reverse("web:person", args=[person.pk])


def _today() -> date:
    return timezone.localdate()


def conflict(stale: Refused | None, what: str) -> dict | None:
    """The box over a form saved from an older version (None: it was not)."""
    if not isinstance(stale, StaleEdit):
        return None
    return {"title": f"Someone else changed this {what} while you were working on it",
            "message": f"{stale} Check it as it is now; what you entered is kept in the form "
                       "below: save again."}


# --- arranging --------------------------------------------------------------------------------

def _arrange_target(request, child):
    """The kind of conference asked for, and the enquiry or plan it follows."""
    kind = request.GET.get("kind", "")
    enquiry = plan = None
    if kind == ConferenceKind.ICPC:
        enquiry = queries.get_child_enquiry(child, request.GET.get("enquiry"))
    elif kind == ConferenceKind.RCPC:
        plan = queries.get_child_plan(child, request.GET.get("plan"))
    return kind, enquiry, plan


def _initial_invitees(enquiry, plan) -> list[dict]:
    """Who to invite, to start with: the strategy discussion's agencies for an initial
    conference, the core group's professionals for a review."""
    if enquiry is not None:
        return [{"name": p.name, "agency": p.agency, "role": p.role}
                for p in enquiry.strategy.participants.order_by("pk")]
    if plan is not None:
        return [{"name": m.name, "agency": m.agency, "role": m.role}
                for m in plan.core_group.filter(left_on__isnull=True, person__isnull=True)
                .order_by("pk")]
    return []


@requires("protection.view")
@require_http_methods(["GET", "POST"])
def conference_new(request, person_id):
    user = request.user
    if not queries.may_arrange(user):
        raise PermissionDenied(NOT_ARRANGER)
    child = queries.get_visible_person(user, person_id)
    kind, enquiry, plan = _arrange_target(request, child)
    context = {"person": child, "back": child_protection_url(child), "kind": kind,
               "enquiry": enquiry, "plan": plan, "today": _today()}
    if kind not in ConferenceKind.values:
        return render(request, T + "choose.html", {
            **context, "open_plan": queries.open_plan(child),
            "enquiries": queries.enquiries_needing_icpc(child)})
    context["kind_label"] = ConferenceKind(kind).label
    blocked = {k: v for k, v in rules.arrange_problems(
        kind=kind, held_on=_today(), child=child.display_name,
        **queries.arrange_facts(child, enquiry=enquiry, plan=plan)).items()
        if k in ("kind", "enquiry", "plan")}
    if blocked:
        return render(request, T + "blocked.html", {**context, "blocked": blocked.values()},
                      status=400 if request.method == "POST" else 200)
    chairs = queries.chairs()
    adding = request.method == "POST" and "add_invitee" in request.POST
    if request.method == "GET" or adding:
        form = ArrangeForm(initial=request.POST.dict() if adding else {}, chairs=chairs)
        rows = Rows(InviteeForm, "invitees", data=request.POST if adding else None,
                    initial=_initial_invitees(enquiry, plan), add=1 if adding else 0)
        return render(request, T + "arrange.html", {**context, "form": form, "rows": rows,
                                                    "problems": []})
    form = ArrangeForm(request.POST, chairs=chairs)
    rows = Rows(InviteeForm, "invitees", data=request.POST)
    filled = rows.filled()
    numbers = [i for i, _ in filled]

    def refuse(found: dict[str, str]) -> None:
        rest = rows.add_problems(found, numbers)
        if "invitees" in rest and rows.forms:
            add_problems(rows.forms[0], {"name": rest.pop("invitees")})
        add_problems(form, rest)

    if not (form.is_valid() and rows.is_valid()):
        refuse(rules.invitee_problems([f.row() for _, f in filled]))
    else:
        try:
            conference = actions.do_arrange_conference(
                child, acting_user=user, kind=kind, held_on=form.cleaned_data["held_on"],
                chair=form.cleaned_data["chair_user"],
                chair_name=form.cleaned_data["chair_name"],
                invitees=[f.row() for _, f in filled], enquiry=enquiry, plan=plan)
        except Refused as refusal:
            refuse(refusal.problems)
        else:
            return done_with(request, f"{conference.get_kind_display()} arranged for "
                                      f"{conference.held_on:%-d %B %Y}.",
                             "protection:conference", conference_id=conference.pk)
    return render(request, T + "arrange.html", {
        **context, "form": form, "rows": rows, "problems": form_problems(form, *rows.forms)},
        status=400)


# --- the conference and its outcome -----------------------------------------------------------

def _icpc_due(conference) -> dict:
    if conference.kind != ConferenceKind.ICPC or conference.enquiry is None:
        return {}
    due = conference.enquiry.icpc_due
    return {"icpc_due": due, "icpc_late": rules.icpc_late(
        due=due, held_on=conference.held_on, held=conference.held, today=_today())}


@requires("protection.view")
@require_http_methods(["GET"])
def conference(request, conference_id):
    user = request.user
    found = queries.get_visible_conference(user, conference_id)
    actions.record_view(found.person, user=user, what="view_cp_conference")
    return render(request, T + "conference.html", {
        "conference": found, "person": found.person, "back": child_protection_url(found.person),
        "can_record": user.has_hearth_permission("protection.conference") and not found.held,
        "next_steps": next_steps(found, "conference", user),
        **queries.conference_detail(found), **_icpc_due(found)})


def _outcome_forms(request, found, *, adding: bool = False):
    child = found.person
    invitees = list(found.invitees.order_by("agency", "name", "pk"))
    leads = queries.lead_candidates(child) if found.kind != ConferenceKind.RCPC else []
    people = queries.family_people(request.user, child)
    kwargs = {"conference": found, "invitees": invitees, "leads": leads, "plan": found.plan}
    if request.method == "GET" or adding:
        lead = queries.allocated_worker(child)
        initial = (request.POST.dict() if adding
                   else OutcomeForm.initial_for(found, lead=lead))
        form = restored(request, OutcomeForm(initial=initial, **kwargs))
        # Rows shown again from what was typed: after "add a row", or a restored draft.
        typed = request.POST if adding else getattr(request, "hearth_restore", None)
        rows = Rows(FamilyForm, "family", data=typed,
                    initial=[{"person": str(p.pk), "relationship": relation}
                             for p, relation in people],
                    add=1 if typed is not None else 0, people=people)
    else:
        form = OutcomeForm(request.POST, **kwargs)
        rows = Rows(FamilyForm, "family", data=request.POST, people=people)
    return form, rows


def _outcome_page(request, found, form, rows, *, status=200, conflict=None):
    return render(request, T + "outcome.html", {
        "conference": found, "person": found.person, "form": form, "rows": rows,
        "conflict": conflict, "problems": form_problems(form, *rows.forms) if status != 200 else [],
        "back": child_protection_url(found.person),
        **_icpc_due(found)}, status=status)


@requires("protection.conference")
@require_http_methods(["GET", "POST"])
@keeps_draft
def conference_outcome(request, conference_id):
    found = queries.get_visible_conference(request.user, conference_id)
    if found.held:
        messages.success(request, "This conference's outcome is already recorded.")
        return redirect("protection:conference", conference_id=found.pk)
    adding = request.method == "POST" and "add_family" in request.POST
    form, rows = _outcome_forms(request, found, adding=adding)
    if request.method == "GET" or adding:
        return _outcome_page(request, found, form, rows)
    status, box = 400, None
    filled = rows.filled()
    if not (form.is_valid() and rows.is_valid()):
        # Every problem at once: the exclusions' reasons too (R-CP-4).
        rows.add_problems(rules.family_problems([f.row() for _, f in filled]),
                          [i for i, _ in filled])
    else:
        data = form.cleaned_data
        try:
            done = actions.do_record_conference_outcome(
                found, acting_user=request.user, expected_version=data["version"],
                attendance=form.attendance(), family=[f.row() for _, f in filled],
                decision=data["decision"], category=data.get("category") or "",
                lead_social_worker=form.lead(), minutes=data["minutes"],
                outline_plan=data.get("outline_plan") or "", held_on=data["held_on"])
        except StaleEdit as stale:
            status, box = stale.page_status, conflict(stale, "conference")
            move_version(form, stale.current_version)
            found = queries.get_visible_conference(request.user, conference_id)
        except Refused as refusal:
            status = refusal.page_status
            add_problems(form, rows.add_problems(refusal.problems, [i for i, _ in filled]))
        else:
            plan = queries.open_plan(done.person) if done.decision == "plan" else None
            messages.success(request, "Conference outcome recorded." + (
                " The child protection plan has started." if plan else ""))
            if plan is not None:
                return redirect("protection:plan", cp_plan_id=plan.pk)
            return redirect("protection:conference", conference_id=done.pk)
    return _outcome_page(request, found, form, rows, status=status, conflict=box)
