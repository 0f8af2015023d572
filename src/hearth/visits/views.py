"""Visit pages: a child's visits with when they happened (R-RES-5), and recording a visit
(R-REC-6). Views parse, call one action and render; a child the user may not see is 404."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework.models import InvolvementStatus
from hearth.visits import actions, queries, rules
from hearth.visits.codes import TimingBand
from hearth.visits.forms import VisitForm, add_error

FORM_ERROR_STATUS = 400
BAND_LABELS = dict(TimingBand.choices)


@requires("visits.view")
@require_http_methods(["GET"])
def visit_list(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    actions.record_view(child, user=request.user)
    now = timezone.now()
    rows = [{"visit": v, "band": BAND_LABELS[rules.timing_band(v.starts_at)]}
            for v in queries.visits_of(request.user, child)]
    return render(request, "visits/list.html", {
        "child": child, "rows": rows,
        "vary_timing": rules.needs_varied_timing(queries.recent_visit_times(child, now)),
        "can_record": request.user.has_hearth_permission("visits.record")})


@requires("visits.record")
@require_http_methods(["GET", "POST"])
def new(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    if request.method == "GET":
        return render(request, "visits/new.html", {"child": child, "form": VisitForm()})
    form = VisitForm(request.POST)
    if form.is_valid():
        involvement = (child.involvements.exclude(status=InvolvementStatus.CLOSED)
                       .order_by("-opened_on", "-pk").first())
        try:
            actions.do_record_visit(child, acting_user=request.user, involvement=involvement,
                                    **form.visit_fields())
        except actions.VisitRefused as exc:
            add_error(form, exc.field, str(exc))
        else:
            messages.success(request, "Visit recorded.")
            return redirect("visits:list", person_id=child.pk)
    return render(request, "visits/new.html", {"child": child, "form": form},
                  status=FORM_ERROR_STATUS)
