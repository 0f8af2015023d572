"""What is due, as the home pages show it (issue 15): the registered sources' items
(``hearth.core.due``) under their headings, by family or by worker, with the family each child
lives in and the worker's name read in one query each."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.middleware import note_people_shown
from hearth.access.models import User
from hearth.access.rules import MANAGER_ROLES
from hearth.core import due
from hearth.core.due import DueItem, Group
from hearth.core.paging import paginate_list
from hearth.people.models import HouseholdMembership


@dataclass
class Row:
    """One line of the list: the item, and how it stands today."""

    item: DueItem
    state: str
    describe: str
    worker: str = ""

    @property
    def overdue(self) -> bool:
        return self.state == due.OVERDUE


@dataclass
class Section:
    key: str
    label: str
    rows: list[Row]
    total: int | None = None  # of a bounded section, how many there are in all
    more: str = ""  # where to read them all

    @property
    def count(self) -> int:
        return len(self.rows) if self.total is None else self.total


def with_families(items: list[DueItem]) -> list[DueItem]:
    """Each item with the household its child lives in now (one query); a child in no
    recorded household is a family of their own."""
    ids = {i.person_id for i in items if i.family_id is None and i.person_id}
    homes: dict[str, tuple[str, str]] = {}
    for person_id, household_id, name in (HouseholdMembership.objects.filter(
            person_id__in=ids, end_date__isnull=True).order_by("start_date", "pk")
            .values_list("person_id", "household_id", "household__name")):
        homes[str(person_id)] = (f"household-{household_id}", name)
    done = []
    for item in items:
        if item.family_id is None and not item.person_id:
            item = replace(item, family_id="none", family_name="Not about a child")
        elif item.family_id is None:
            key, name = homes.get(item.person_id, (f"person-{item.person_id}", ""))
            item = replace(item, family_id=key, family_name=name)
        done.append(item)
    return done


def worker_names(items: list[DueItem]) -> dict[int, str]:
    ids = {i.for_user_id for i in items if i.for_user_id is not None}
    return {u.pk: u.display_name for u in User.objects.filter(pk__in=ids)}


def _rows(group: Group, today: date, names: dict[int, str]) -> list[Row]:
    return [Row(i, i.when(today), i.describe(today),
                names.get(i.for_user_id, "") if i.for_user_id else "") for i in group.items]


def sections_by_when(items, today, names=None) -> list[Section]:
    return [Section(g.key, g.label, _rows(g, today, names or {}))
            for g in due.by_when(items, today)]


def sections_by_family(items, today, names=None) -> list[Section]:
    groups = due.by_key(items, key=lambda i: i.family_id or i.person_id,
                        label=lambda i: i.family_name)
    found = []
    for g in groups:
        label = g.label or "Family of " + ", ".join(sorted({i.person_name for i in g.items}))
        found.append(Section(g.key, label, _rows(g, today, names or {})))
    return found


#: A manager's home shows each worker's most pressing items, this many; the team's page
#: (``team_work``) reads them all, a page at a time (issue 14: every list bounded).
TEAM_SHOWN = 5
#: The ``?worker=`` of the team's page for the work of nobody in particular.
NOT_ALLOCATED = "none"


def sections_by_worker(items, today, names, *, shown: int | None = None) -> list[Section]:
    """The items by worker, the most pressing worker first; with ``shown``, each worker's
    first ``shown`` items and a link to the rest on the team's page."""
    groups = due.by_key(items, key=lambda i: str(i.for_user_id or ""),
                        label=lambda i: names.get(i.for_user_id or 0, "Not allocated"))
    found = []
    for g in groups:
        section = Section(f"worker-{g.key or NOT_ALLOCATED}", g.label, _rows(g, today, names))
        if shown is not None and len(section.rows) > shown:
            section.total, section.rows = len(section.rows), section.rows[:shown]
            section.more = reverse("web:team_work") + "?" + urlencode(
                {"worker": g.key or NOT_ALLOCATED})
        found.append(section)
    return found


def work_context(request, user) -> dict:
    """The home page's list of what is due: the user's own (by when, or by family with
    ``?group=family``); for a manager also their team's by worker and what waits for their
    authorisation."""
    today = timezone.localdate()
    mine = due.due_for(user, scope=due.MINE)
    by_family = request.GET.get("group") == "family"
    if by_family:  # the households are read only to group by them
        mine = with_families(mine)
    own = [i for i in mine if not i.authorise]
    context: dict = {"due_today": today, "due_by_family": by_family,
                     "due_sections": (sections_by_family(own, today) if by_family
                                      else sections_by_when(own, today)),
                     "due_count": len(own)}
    shown = [i.person_id for i in mine if i.person_id]
    if user.role in MANAGER_ROLES:
        team = due.due_for(user, scope=due.TEAM)
        authorise = [i for i in mine if i.authorise]
        names = worker_names(team + authorise)
        context["team_sections"] = sections_by_worker(team, today, names, shown=TEAM_SHOWN)
        context["team_count"] = len(team)
        context["authorise_sections"] = sections_by_when(authorise, today, names)
        context["authorise_count"] = len(authorise)
        context["team_label"] = ("the service" if user.role == Role.SERVICE_MANAGER
                                 else "your team")
        shown += [row.item.person_id for section in context["team_sections"]
                  for row in section.rows if row.item.person_id]
    note_people_shown(shown)
    return context


def team_work_context(request, user) -> dict:
    """The team's (a service manager: the service's) whole list of what is due, most pressing
    first, a page at a time; ``?worker=`` one worker's (``none``: nobody's in particular)."""
    today = timezone.localdate()
    items = due.due_for(user, scope=due.TEAM)
    names = worker_names(items)
    workers = sorted(({"value": str(pk), "label": name} for pk, name in names.items()),
                     key=lambda w: w["label"])
    if any(i.for_user_id is None for i in items):
        workers.append({"value": NOT_ALLOCATED, "label": "Not allocated"})
    chosen = request.GET.get("worker", "")
    if chosen and chosen not in {w["value"] for w in workers}:
        chosen = ""  # a worker with nothing due (or not of the team): the whole list
    if chosen:
        items = [i for i in items if str(i.for_user_id or NOT_ALLOCATED) == chosen]
    page = paginate_list([Row(i, i.when(today), i.describe(today),
                              names.get(i.for_user_id, "") if i.for_user_id else "")
                          for i in items], request)
    note_people_shown(row.item.person_id for row in page.items if row.item.person_id)
    chosen_label = next((w["label"] for w in workers if w["value"] == chosen), "")
    return {"page": page, "workers": workers, "chosen": chosen, "chosen_label": chosen_label,
            "sections": [Section("work", chosen_label or "Every worker", page.items,
                                 total=page.total)] if page.items else [],
            "team_label": "the service" if user.role == Role.SERVICE_MANAGER else "your team"}
