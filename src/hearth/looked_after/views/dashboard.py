"""The children-in-care dashboard for team and service managers (issue 17): children in care
by legal status and placement type, stability (R-CLA-7) and every figure the other areas
register. A constant number of queries however many children."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from hearth.access.permissions import requires
from hearth.looked_after.queries.dashboard import dashboard as figures


@requires("looked_after.dashboard")
def dashboard(request):
    return render(request, "looked_after/dashboard.html",
                  figures(request.user, timezone.localdate()))
