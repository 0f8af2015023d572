"""Reads that front-door pages and the API share."""

from __future__ import annotations

from django.db.models import QuerySet

from hearth.frontdoor.models import MashAgencyRequest


def own_requests(user) -> QuerySet[MashAgencyRequest]:
    """The MASH requests addressed to the user's agency (none without one): all a partner may
    see of a family (R-MASH-4)."""
    if not user.agency_id:
        return MashAgencyRequest.objects.none()
    return MashAgencyRequest.objects.filter(agency_id=user.agency_id).select_related("agency")
