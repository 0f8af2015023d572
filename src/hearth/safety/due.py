"""What worker safety adds to the list of what is due (``hearth.core.due``, issue 15): for a
manager who signs warnings off, the live warnings waiting for their sign-off (R-SAFE-1) and
those whose review date has come (``queries.warnings.warnings_to_review``). An address
warning is about no one child: it names the address's warning, never the address. Registered
from SafetyConfig.ready(); one query however many warnings."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from hearth.core.due import MINE, DueItem
from hearth.safety.queries.warnings import warnings_to_review


def _item(warning, **fields) -> DueItem:
    person = warning.person
    return DueItem(person_id=str(person.pk) if person else "",
                   person_name=person.display_name if person else "A warning about an address",
                   kind="safety_warning", for_user_id=warning.recorded_by_id, **fields)


def warnings(user, *, scope: str) -> list[DueItem]:
    if scope != MINE or not user.has_hearth_permission("safety.sign_off"):
        return []
    awaiting, to_review = warnings_to_review(user)
    items = [_item(w, what="Sign off the worker-safety warning",
                   due=timezone.localdate(w.recorded_at), authorise=True,
                   link=reverse("safety:warning", args=[w.pk])) for w in awaiting]
    waiting = {w.pk for w in awaiting}
    items += [_item(w, what="Review the worker-safety warning", due=w.review_on,
                    link=reverse("safety:warning_review", args=[w.pk]))
              for w in to_review if w.pk not in waiting]
    return items
