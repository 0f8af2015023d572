"""What a period of care adds to the child at a glance (``hearth.core.status``) and the person
page's panel (``PERSON_PANELS``): first and plainly, that the child is looked after, where they
live (to those who may see the placement's address), the legal status, the IRO and what is
due. Read once a request (``core.visibility.remembered``): the header and the panel share it.
Registered from LookedAfterConfig.ready()."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hearth.core import presence, visibility
from hearth.core.due import due_for
from hearth.core.status import Status
from hearth.fgc.rules.referrals import is_child
from hearth.looked_after.due import health, plans, reviews, visits
from hearth.looked_after.models import CarePeriod, Episode, UascStatus
from hearth.looked_after.queries.periods import shown_address
from hearth.people.models import Person

#: What the panel lists as due: the looked-after sources only.
CARE_SOURCES = (reviews.reviews_due, plans.plans_due, visits.visits_due, health.health_due)


def _day(value) -> str:
    return date_format(value, "j F Y")


def latest_episode(person) -> Episode | None:
    """The child's latest episode with its period, placement and IRO: open while the child
    is looked after; None when they never were (one query a request, shared by the header and
    the panel)."""
    def load():
        if not presence.has(person, "care_episodes"):  # never looked after
            return None
        return (Episode.objects.filter(child_id=person.pk)
                .select_related("period", "period__iro", "placement")
                .order_by("-started_on", "-pk").first())

    return visibility.remembered(("looked_after.latest_episode", person.pk), load)


def open_episode(person, user) -> Episode | None:
    found = latest_episode(person)
    return found if found is not None and found.ended_on is None else None


def where_they_live(user, episode: Episode) -> str:
    placement = episode.placement
    address, postcode = shown_address(user, placement, episode.period)
    kind = placement.get_placement_type_display()
    if placement.address_hidden and not address:
        return f"{kind} (address hidden)"
    named = f", {placement.provider_name}" if placement.provider_name else ""
    at = ", ".join(x for x in (address.replace("\n", ", "), postcode) if x)
    return f"{kind}{named}" + (f", {at}" if at else "")


def glance(user, episode: Episode) -> str:
    period: CarePeriod = episode.period
    iro = period.iro.display_name if period.iro is not None else "not yet allocated"
    return (f"since {_day(period.started_on)}; {episode.get_legal_status_display()} "
            f"({episode.legal_status}); lives in {where_they_live(user, episode)}; IRO {iro}")


def looked_after_statuses(person, user) -> list[Status]:
    if not user.has_hearth_permission("looked_after.view"):
        return []
    episode = open_episode(person, user)
    if episode is None:
        return []
    return [Status("looked_after", "Looked after", glance(user, episode), tone="purple",
                   rank=5, link=reverse("looked_after:child", args=[person.pk]),
                   supersedes=("child_in_need",))]


def looked_after_panel(user, person):
    """The person page's "Looked after" panel: the child's care now, what is due, and the
    ways in (record becoming looked after; the looked-after page)."""
    from hearth.people.queries.persons import PLAN, Panel

    if not user.has_hearth_permission("looked_after.view"):
        return None
    episode = open_episode(person, user)
    cared = latest_episode(person) is not None
    may_start = episode is None and user.has_hearth_permission("looked_after.manage") \
        and is_child(person.date_of_birth, timezone.localdate())
    if not cared and not may_start:
        return None
    # The care's own work (reviews, plans, visits, health): not every app's sources, which
    # the header's next due item reads after the page (issue 14).
    due = due_for(user, person_id=str(person.pk), sources=CARE_SOURCES) \
        if episode is not None else []
    uasc = UascStatus.objects.filter(child_id=person.pk).first() if cared else None
    return Panel("looked_after/_person_panel.html", {
        "episode": episode, "cared": cared, "due": due[:5], "today": timezone.localdate(),
        "where": where_they_live(user, episode) if episode is not None else "",
        "uasc": uasc, "may_start": may_start}, place=PLAN)


def entry_link(record, kind: str, user) -> tuple[str, str] | None:
    """"Record that <child> became looked after" on a strategy discussion's or a conference's
    page (``protection.views.strategy.NEXT_STEPS``), the period then naming the record it
    started from (``?from=<kind>:<id>``), while the child is not looked after (one query)."""
    if not user.has_hearth_permission("looked_after.manage"):
        return None
    person = record.person
    if CarePeriod.objects.filter(child_id=person.pk, ended_on__isnull=True).exists():
        return None
    url = reverse("looked_after:start", args=[person.pk]) + f"?from={kind}:{record.pk}"
    return f"Record that {person.display_name} became looked after", url


def contact_entry_links(contact, user) -> list[tuple[str, str]]:
    """On a contact the front door took as immediate protection
    (``frontdoor.views.contacts.NEXT_STEPS``): "Record that <child> became looked after" for
    each child concerned whom the user may see and who is not looked after (one query)."""
    if contact.urgency != "immediate" or not user.has_hearth_permission("looked_after.manage"):
        return []
    children = [link.person for link in contact.links.all() if link.role == "child"]
    if not children:
        return []
    seen = set(Person.objects.filter(pk__in=[c.pk for c in children]).filter(
        pk__in=visibility.visible_pks(Person, user)).exclude(Exists(CarePeriod.objects.filter(
            child=OuterRef("pk"), ended_on__isnull=True))).values_list("pk", flat=True))
    cared = {c.pk for c in children} - seen
    return [(f"Record that {child.display_name} became looked after",
             reverse("looked_after:start", args=[child.pk]) + f"?from=front_door:{contact.pk}")
            for child in children if child.pk not in cared]
