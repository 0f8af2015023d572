"""The child protection dashboard for a team manager (their team's children) and the
conference service (every child they may see): ICPCs due and overdue, reviews due, core
groups overdue, children on plans by category, and repeat plans (R-CP-1, R-CP-2)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.protection.queries import dashboard as queries_dashboard
from hearth.protection.rules.pathway import REPEAT_WITHIN_YEARS, REVIEW_WINDOW_DAYS


@requires("protection.dashboard")
@require_http_methods(["GET"])
def dashboard(request):
    today = timezone.localdate()
    built = queries_dashboard.build(request.user, today)
    # The children listed: the worker-safety banner shows the warnings about them (R-SAFE-1).
    children = list({row.person.pk: row.person for row in [
        *built.icpcs, *built.reviews, *built.core_groups, *built.repeats,
        *built.outcomes]}.values())
    return render(request, "protection/dashboard/dashboard.html", {
        "dashboard": built, "today": today, "children": children,
        "review_window": REVIEW_WINDOW_DAYS, "repeat_years": REPEAT_WITHIN_YEARS})
