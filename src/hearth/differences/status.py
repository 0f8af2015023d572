"""What professional differences add to the child's record (R-PD-3): on the child at a glance
(``hearth.core.status``), "Professional difference open — stage N" while a difference the
reader may see is open, and until the child's allocated worker has been told what was agreed;
on the person page (``PERSON_PANELS``), the differences about the child with the way to raise
one. Both share one query (``queries.about_child``). Registered from DifferencesConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hearth.core.status import Status
from hearth.differences import rules
from hearth.differences.queries import differences as queries


def difference_statuses(person, user) -> list[Status]:
    if not user.has_hearth_permission("differences.view"):
        return []
    found = []
    now = timezone.now()
    for d in queries.showing(user, person):
        stage = d.current_stage
        if stage is None:
            continue
        if d.is_open:
            overdue = rules.stage_overdue(due_at=stage.due_at, resolved=stage.resolved,
                                          is_open=True, now=now)
            detail = (f"{rules.stage_name(stage.number).lower()}, "
                      f"{'overdue since' if overdue else 'due'} "
                      f"{date_format(timezone.localtime(stage.due_at), 'j F Y')}")
        else:
            worker = d.worker.display_name if d.worker else "the allocated worker"
            teller = d.teller.display_name if d.teller else "someone"
            detail = f"resolved at this stage; {teller} is to tell {worker} what was agreed"
        found.append(Status(f"difference_{d.pk}", rules.status_label(stage.number), detail,
                            tone="orange", rank=30,
                            link=reverse("differences:difference", args=[d.pk])))
    return found


def differences_panel(user, person):
    """The person page's professional differences about the child (those still open first),
    and the way to raise one."""
    from hearth.people.queries.persons import Panel

    if not user.has_hearth_permission("differences.view"):
        return None
    found = queries.about_child(user, person)
    may_raise = user.has_hearth_permission("differences.raise") and not rules.child_problem(
        name="", born=person.date_of_birth, today=timezone.localdate())
    if not found and not may_raise:
        return None
    now = timezone.now()
    rows = [(d, d.is_open and d.current_stage is not None and rules.stage_overdue(
        due_at=d.current_stage.due_at, resolved=d.current_stage.resolved, is_open=True,
        now=now)) for d in found]
    return Panel("differences/_person_differences.html", {"rows": rows, "may_raise": may_raise})
