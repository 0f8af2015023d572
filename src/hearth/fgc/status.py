"""What FGCs add to the child at a glance (``hearth.core.status``, issue 16): "FGC: referred",
"FGC: planned for 3 March 2027", "FGC: plan agreed — review on 5 May 2027" while the child has
an FGC under way (or a reviewed plan with a further review), linking to it; and the person
page's panel of the child's FGCs with the way to refer (``PERSON_PANELS``). One query each.
Registered from FgcConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hearth.core.status import Status
from hearth.fgc.codes import ENDED
from hearth.fgc.codes import Status as FgcStatus
from hearth.fgc.models import FGC
from hearth.fgc.queries import referrals as queries
from hearth.fgc.rules.referrals import is_child


def _day(value) -> str:
    return date_format(value, "j F Y")


def glance(fgc: FGC) -> str:
    """The FGC in a few words, for the child at a glance ("" when it has nothing to say)."""
    status = fgc.status
    if status == FgcStatus.REFERRED:
        return f"referred on {_day(timezone.localtime(fgc.referred_at))}"
    if status in (FgcStatus.ALLOCATED, FgcStatus.PREPARING):
        if fgc.conference_at is not None:
            return f"planned for {_day(timezone.localtime(fgc.conference_at))}"
        return "coordinator allocated, preparing"
    if status == FgcStatus.HELD:
        return f"held on {_day(fgc.held_on)}, plan being written up"
    if status == FgcStatus.PLAN_WAITING:
        return "plan waiting for the referrer's agreement"
    if status == FgcStatus.PLAN_NOT_AGREED:
        return "plan not agreed, being revised"
    if status == FgcStatus.PLAN_AGREED and fgc.review_on:
        return f"plan agreed — review on {_day(fgc.review_on)}"
    if status == FgcStatus.REVIEWED and fgc.review_on:
        return f"plan reviewed — next review on {_day(fgc.review_on)}"
    return ""


def current(person, user) -> FGC | None:
    """The child's newest FGC that has not ended (the panel's query, shared)."""
    return next((f for f in queries.of_person(user, person) if f.status not in ENDED), None)


def fgc_statuses(person, user) -> list[Status]:
    if not user.has_hearth_permission("fgc.view"):
        return []
    found = current(person, user)
    words = glance(found) if found is not None else ""
    if found is None or not words:
        return []
    return [Status("fgc", "FGC", words, tone="light-blue", rank=60,
                   link=reverse("fgc:fgc", args=[found.pk]))]


def fgc_panel(user, person):
    """The person page's Family Group Conferences, and "Refer for a Family Group
    Conference"."""
    from hearth.people.queries.persons import Panel

    if not user.has_hearth_permission("fgc.view"):
        return None
    fgcs = queries.of_person(user, person)
    child = is_child(person.date_of_birth, timezone.localdate())
    if not fgcs and not child:
        return None
    return Panel("fgc/_person_panel.html", {
        "fgcs": fgcs, "may_refer": child and user.has_hearth_permission("fgc.refer")})
