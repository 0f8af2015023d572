"""Reads of worker-safety warnings that every page, search result and API answer shares."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from hearth.people.models import PersonAddress
from hearth.safety.codes import WarningStatus
from hearth.safety.models import WorkerWarning

LIVE = (WarningStatus.ACTIVE, WarningStatus.AWAITING_SIGN_OFF)


def warnings_for(person_ids: Iterable) -> QuerySet[WorkerWarning]:
    """Live warnings (active or awaiting sign-off; expired ones included, flagged for review
    by the caller) on these people or at an address where one of them lives now. An address
    warning matches any address with the same first line and postcode."""
    ids = list(person_ids)
    current = PersonAddress.objects.filter(person_id__in=ids, end_date__isnull=True)
    keys = {(line1.strip().lower(), postcode_norm)
            for line1, postcode_norm in current.values_list("address__line1",
                                                            "address__postcode_norm")
            if postcode_norm}
    at_address = Q()
    for line1, postcode_norm in keys:
        at_address |= Q(address__line1__iexact=line1, address__postcode_norm=postcode_norm)
    where = Q(person_id__in=ids)
    if keys:
        where |= at_address
    return (WorkerWarning.objects.filter(where, status__in=LIVE)
            .select_related("person", "address").order_by("-occurred_on", "-pk"))
