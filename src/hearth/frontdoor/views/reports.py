"""Front-door reports for managers: every consent override, with its reason (R-MASH-3)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.frontdoor.models import ConsentOverride, Contact


@requires("reports.frontdoor")
@require_http_methods(["GET"])
def consent_overrides(request):
    """Overrides on the contacts the manager may see, newest first."""
    overrides = ConsentOverride.objects.filter(
        enquiry__contact__in=Contact.objects.visible_to(request.user).values("pk")
    ).select_related("enquiry__contact", "requested_by", "approved_by").order_by("-requested_at")
    return render(request, "frontdoor/mash_override_report.html", {"overrides": overrides})
