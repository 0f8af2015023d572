"""The review of the family's plan: progress on each item (R-FGC-4)."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.fgc.actions import reviews as actions
from hearth.fgc.forms.common import STALE
from hearth.fgc.forms.reviews import ReviewForm
from hearth.fgc.queries import referrals as queries
from hearth.fgc.views.common import T, guard


@requires("fgc.coordinate")
@require_http_methods(["GET", "POST"])
def review(request, fgc_id):
    found = queries.get_visible_fgc(request.user, fgc_id)
    blocked = guard(request, found, "review")
    if blocked:
        return blocked
    items = list(found.items.all())
    form = ReviewForm(request.POST or None, items=items,
                      initial={"version": found.version, "held_on": found.review_on})
    return form_page(
        request, T + "review.html", {"fgc": found, "names": queries.names(found)}, form,
        lambda data: actions.do_record_review(
            found, acting_user=request.user, expected_version=data["version"],
            held_on=data["held_on"], progress=form.progress(), notes=data["notes"],
            next_review_on=data["next_review_on"]),
        lambda done: done_with(request, "Review recorded.", "fgc:fgc", fgc_id=found.pk),
        stale_message=STALE)
