"""Two workers (R-TWO-2, R-TWO-3): a family's criteria and its team manager's decisions, a
worker's record of complex needs, and the report of families needing a decision.

Anyone who may read child protection records sees a family's page; only the team manager of
a team working with the family may record the decision: anyone else's POST is refused (403)
and nothing is written. A person the user may not see is 404, and so is anything of theirs.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import require, requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.core.paging import paginate, paginate_list
from hearth.core.refusals import Refused
from hearth.protection.actions import twoworkers as actions
from hearth.protection.forms.twoworkers import ComplexNeedsForm, DecisionForm
from hearth.protection.queries import twoworker_report as report
from hearth.protection.queries import twoworkers as queries


def _family_page(request, person, *, form=None, status: int = 200):
    user = request.user
    page = queries.family_page(user, person)
    may_decide = queries.may_decide(user, page.teams)
    if form is None and may_decide:
        form = DecisionForm(initial={"decided_on": timezone.localdate()})
    return render(request, "protection/twoworkers/family.html", {
        "person": person, "page": page, "status": page.status, "form": form,
        "may_decide": may_decide,
        "can_record": user.has_hearth_permission("protection.record")}, status=status)


@requires("protection.view")
@require_http_methods(["GET", "POST"])
def two_workers(request, person_id):
    user = request.user
    person = queries.get_visible_person(user, person_id)
    if request.method == "GET":
        actions.record_view(person, user=user)
        return _family_page(request, person)
    # R-TWO-3: the decision is only the team manager's to record.
    require(user, "protection.two_workers")
    form = DecisionForm(request.POST)
    outcome = attempt(form, lambda _: actions.do_record_two_worker_decision(
        person, acting_user=user, **form.decision()))
    if outcome:
        return done_with(request, "Decision recorded: " + (
            "two workers are allocated." if outcome.result.two_workers
            else "two workers are not allocated."), "protection:two_workers",
            person_id=person.pk)
    return _family_page(request, person, form=form, status=outcome.status)


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def complex_needs_new(request, person_id):
    person = queries.get_visible_person(request.user, person_id)
    return form_page(
        request, "protection/twoworkers/complex_needs_new.html", {"person": person},
        ComplexNeedsForm(request.POST if request.method == "POST" else None),
        lambda data: actions.do_record_complex_needs(person, acting_user=request.user,
                                                     description=data["description"]),
        lambda _: done_with(request, "Complex needs recorded.", "protection:two_workers",
                            person_id=person.pk))


@requires("protection.record")
@require_http_methods(["POST"])
def complex_needs_end(request, needs_id):
    needs = queries.get_visible_needs(request.user, needs_id)
    try:
        actions.do_end_complex_needs(needs, acting_user=request.user)
    except Refused as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(request, "Complex needs ended.")
    return redirect("protection:two_workers", person_id=needs.person_id)


@requires("protection.dashboard")
@require_http_methods(["GET"])
def two_worker_report(request):
    user = request.user
    needed = paginate_list(report.needed(user), request)
    decisions = paginate(report.decisions(user), request, param="decisions_page")
    # The children listed: the worker-safety banner shows the warnings about them (R-SAFE-1).
    children = [c for row in needed.items for c in row.children]
    return render(request, "protection/twoworkers/report.html",
                  {"needed": needed, "decisions": decisions, "children": children})
