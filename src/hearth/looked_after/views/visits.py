"""Statutory visits (R-CLA-4): recording one, and the managers' list of every child looked
after in their scope with the next visit due (paginated in the database)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from hearth.access.permissions import requires
from hearth.access.rules import MANAGER_ROLES
from hearth.core.due import MINE, TEAM
from hearth.core.pages import done_with, form_page
from hearth.core.paging import paginate
from hearth.looked_after.actions import visits as actions
from hearth.looked_after.forms.visits import StatutoryVisitForm
from hearth.looked_after.queries import visits as queries
from hearth.looked_after.views.reviews import T, child_in_care, form_context


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def visit_new(request, person_id):
    child, _ = child_in_care(request.user, person_id)
    return form_page(
        request, T + "form.html",
        form_context(child, "Record a statutory visit", "Save the visit"),
        StatutoryVisitForm(request.POST or None),
        lambda d: actions.do_record_statutory_visit(
            child, acting_user=request.user, starts_at=d["starts_at"], place=d["place"],
            child_seen=d["child_seen"], child_seen_alone=d["child_seen_alone"],
            not_seen_alone_reason=d["not_seen_alone_reason"],
            what_was_said=d["what_was_said"]),
        lambda done: done_with(request, "Statutory visit recorded.", "looked_after:care",
                               person_id=child.pk))


@requires("looked_after.manage")
@require_GET
def visits(request):
    """Every child looked after in the manager's team (service), or a worker's own, with the
    last statutory visit and the next due: the longest without a visit first."""
    scope = TEAM if request.user.role in MANAGER_ROLES else MINE
    page = paginate(queries.placements_to_visit(request.user, scope), request)
    return render(request, T + "visits.html", {"page": page, "rows": queries.rows(page.items)})
