"""The coordinator's preparation pages: a visit, someone the family invites, and the
arrangements with each child's part in the conference (R-FGC-3)."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.fgc.actions import preparation as actions
from hearth.fgc.forms.common import STALE
from hearth.fgc.forms.preparation import PARTS, ArrangementsForm, NetworkForm, VisitForm
from hearth.fgc.queries import referrals as queries
from hearth.fgc.views.common import T, guard


def _context(fgc) -> dict:
    return {"fgc": fgc, "names": queries.names(fgc)}


def _back(request, message: str, fgc):
    return done_with(request, message, "fgc:fgc", fgc_id=fgc.pk)


@requires("fgc.coordinate")
@require_http_methods(["GET", "POST"])
def visit(request, fgc_id):
    found = queries.get_fgc(request.user, fgc_id)
    blocked = guard(request, found, "prepare")
    if blocked:
        return blocked
    form = VisitForm(request.POST or None)
    return form_page(
        request, T + "visit_new.html", _context(found), form,
        lambda data: actions.do_record_visit(found, acting_user=request.user,
                                             visited_on=data["visited_on"],
                                             who_seen=data["who_seen"], notes=data["notes"]),
        lambda done: _back(request, "Preparation visit recorded.", found))


@requires("fgc.coordinate")
@require_http_methods(["GET", "POST"])
def network(request, fgc_id):
    found = queries.get_fgc(request.user, fgc_id)
    blocked = guard(request, found, "prepare")
    if blocked:
        return blocked
    form = NetworkForm(request.POST or None)
    return form_page(
        request, T + "network_new.html", _context(found), form,
        lambda data: actions.do_add_network_member(
            found, acting_user=request.user, name=data["name"],
            relationship=data["relationship"], kind=data["kind"],
            reached_by=data["reached_by"]),
        lambda member: _back(request, f"{member.name} added to the family's network.", found))


@requires("fgc.coordinate")
@require_http_methods(["GET", "POST"])
def arrangements(request, fgc_id):
    found = queries.get_fgc(request.user, fgc_id)
    blocked = guard(request, found, "prepare")
    if blocked:
        return blocked
    children = list(found.children.all())
    initial = {"version": found.version, "venue": found.venue,
               "conference_at": found.conference_at}
    for child in children:
        initial.update({f"child_{child.pk}_{part}": getattr(child, part) for part in PARTS})
    form = ArrangementsForm(request.POST or None, children=children, initial=initial)
    return form_page(
        request, T + "arrangements.html", _context(found), form,
        lambda data: actions.do_arrange(
            found, acting_user=request.user, expected_version=data["version"],
            venue=data["venue"], conference_at=data["conference_at"],
            participation=form.participation()),
        lambda done: _back(request, "Arrangements saved.", found), stale_message=STALE)
