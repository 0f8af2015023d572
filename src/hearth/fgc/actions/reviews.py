"""The review FGC (R-FGC-4): on the date set at the conference, the coordinator records how
each item of the agreed plan is going, and a further review date if the family wants one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.core.refusals import refuse_if
from hearth.fgc.actions.common import (
    audit_children,
    check_coordinator,
    check_step,
    locked,
    saved,
    text,
)
from hearth.fgc.codes import Status
from hearth.fgc.models import FGC, ItemProgress, Review
from hearth.fgc.rules import conferences as rules


@transaction.atomic
def do_record_review(fgc: FGC, *, acting_user, expected_version: int | None,
                     held_on: date | None, progress: Mapping[int, tuple[str, str]],
                     notes: str = "", next_review_on: date | None = None) -> Review:
    """``progress`` by plan item id: (status, note) for every item of the plan."""
    current = locked(fgc, expected_version)
    check_coordinator(current, acting_user)
    check_step(current, "review")
    items = list(current.items.order_by("position", "pk"))
    given = [(item.position, (progress.get(item.pk) or ("", ""))[0]) for item in items]
    assert current.held_on is not None
    refuse_if(rules.review_problems(held_on=held_on, progress=given,
                                    next_review_on=next_review_on,
                                    conference_on=current.held_on,
                                    today=timezone.localdate()))
    assert held_on is not None
    review = Review.objects.create(fgc=current, held_on=held_on, notes=text(notes),
                                   next_review_on=next_review_on, recorded_by=acting_user,
                                   recorded_at=timezone.now())
    ItemProgress.objects.bulk_create(
        ItemProgress(review=review, item=item, status=progress[item.pk][0],
                     note=text(progress[item.pk][1])) for item in items)
    current.status = Status.REVIEWED
    current.review_on = next_review_on
    saved(current, ["status", "review_on"])
    audit_children("fgc.reviewed", current, acting_user, review=review.pk,
                   held_on=held_on.isoformat(),
                   progress={str(i.position): progress[i.pk][0] for i in items})
    return review
