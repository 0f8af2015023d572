"""The FGC queue, the coordinator's own FGCs, the referral (from the child's record), the FGC
page, taking or allocating it, and ending it (declined, withdrawn, not held)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework.queries import family_children
from hearth.core.pages import attempt, done_with, form_page
from hearth.core.paging import paginate
from hearth.fgc.actions import referrals as actions
from hearth.fgc.forms.common import STALE
from hearth.fgc.forms.referrals import REFER_FIELD_FOR, AllocateForm, EndForm, ReferForm, TakeForm
from hearth.fgc.queries import referrals as queries
from hearth.fgc.rules import referrals as rules
from hearth.fgc.views.common import T, fgc_context, guard
from hearth.people.queries.visibility import get_visible_person


@requires("fgc.allocate")
@require_http_methods(["GET"])
def queue(request):
    """Referrals waiting for a coordinator, oldest first, 25 a page."""
    user = request.user
    page = paginate(queries.queue(user), request)
    today = timezone.localdate()
    rows = [(fgc, queries.names(fgc),
             rules.allocation_due(timezone.localtime(fgc.referred_at).date()))
            for fgc in page.items]
    return render(request, T + "queue.html", {
        "page": page, "rows": rows, "today": today,
        "may_take": rules.can_coordinate(user.role, user.is_active),
        "take_form": TakeForm()})


@requires("fgc.coordinate")
@require_http_methods(["GET"])
def mine(request):
    """The FGCs the coordinator has under way, the soonest conference first."""
    page = paginate(queries.coordinating(request.user), request)
    return render(request, T + "mine.html", {
        "page": page, "rows": [(fgc, queries.names(fgc)) for fgc in page.items]})


@requires("fgc.refer")
@require_http_methods(["GET", "POST"])
def refer(request, person_id):
    user = request.user
    person = get_visible_person(user, person_id)
    today = timezone.localdate()
    children = [c for c in family_children(user, person)
                if rules.is_child(c.date_of_birth, today)]
    chosen = {str(c.pk): c for c in children}
    form = ReferForm(request.POST or None, children=children,
                     initial={"children": [str(person.pk)] if str(person.pk) in chosen else [],
                              "explained_on": today})

    def act(data):
        return actions.do_refer(
            acting_user=user, children=[chosen[pk] for pk in data["children"]],
            reason=data["reason"], background=data["background"], questions=form.questions(),
            process_explained=data["process_explained"], family_agreed=data["family_agreed"],
            explained_on=data["explained_on"], domestic_abuse=data["domestic_abuse"],
            split_requested=data["split_requested"], pre_proceedings=data["pre_proceedings"])

    return form_page(request, T + "refer.html", {"person": person}, form, act,
                     lambda fgc: done_with(request, "Referral made: it is waiting in the FGC "
                                           "queue for a coordinator.", "fgc:fgc",
                                           fgc_id=fgc.pk),
                     field_for=REFER_FIELD_FOR)


def _page(request, fgc, *, status: int = 200, **forms):
    context = fgc_context(request.user, fgc)
    if context["may_take"]:
        forms.setdefault("take_form", TakeForm(initial={"version": fgc.version}))
    return render(request, T + "fgc.html", {**context, **forms}, status=status)


@requires("fgc.view")
@require_http_methods(["GET"])
def fgc(request, fgc_id):
    found = queries.get_visible_fgc(request.user, fgc_id)
    actions.record_view(found, user=request.user)
    return _page(request, found)


@requires("fgc.allocate")
@require_http_methods(["POST"])
def take(request, fgc_id):
    found = queries.get_visible_fgc(request.user, fgc_id)
    form = TakeForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_take(
        found, acting_user=request.user, expected_version=data["version"]),
        stale_message=STALE)
    if outcome:
        return done_with(request, "You are now the coordinator of this Family Group "
                                  "Conference.", "fgc:fgc", fgc_id=found.pk)
    return _page(request, queries.get_visible_fgc(request.user, fgc_id), take_form=form,
                 status=outcome.status)


@requires("fgc.allocate")
@require_http_methods(["GET", "POST"])
def allocate(request, fgc_id):
    found = queries.get_fgc(request.user, fgc_id)
    if not queries.fgc_manager(request.user):
        raise PermissionDenied("Only a manager of the FGC service allocates a conference to a "
                               "coordinator; coordinators take one from the queue.")
    blocked = guard(request, found, "allocate", coordinator=False)
    if blocked:
        return blocked
    form = AllocateForm(request.POST or None, coordinators=queries.coordinators(),
                        initial={"version": found.version})
    chosen = {u.pk: u for u in queries.coordinators()}

    def act(data):
        return actions.do_allocate(found, acting_user=request.user,
                                   coordinator=chosen.get(data["coordinator"]),
                                   expected_version=data["version"])

    return form_page(request, T + "allocate.html", {"fgc": found,
                                                   "names": queries.names(found)}, form, act,
                     lambda done: done_with(request, "Coordinator allocated.", "fgc:fgc",
                                            fgc_id=found.pk), stale_message=STALE)


@requires("fgc.view")
@require_http_methods(["GET", "POST"])
def end(request, fgc_id):
    found = queries.get_fgc(request.user, fgc_id)
    if not actions.may_end(found, request.user):
        raise PermissionDenied("Only the referrer, the coordinator or a manager can record that "
                               "this conference will not happen.")
    blocked = guard(request, found, "end", coordinator=False)
    if blocked:
        return blocked
    form = EndForm(request.POST or None, initial={"version": found.version})
    return form_page(
        request, T + "end.html", {"fgc": found, "names": queries.names(found)}, form,
        lambda data: actions.do_end(found, acting_user=request.user, outcome=data["outcome"],
                                    reason=data["reason"], expected_version=data["version"]),
        lambda done: done_with(request, "Recorded, with the reason. The record is kept.",
                               "fgc:fgc", fgc_id=found.pk), stale_message=STALE)
