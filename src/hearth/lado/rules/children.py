"""Pure rules for the children a LADO matter concerns (R-LADO-3): each is linked to their
record where Hearth knows them, or named when not; a matter concerns at least one child."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hearth.lado.rules.matters import IN_FUTURE, NAME_MAX


@dataclass(frozen=True)
class ChildLine:
    """A child as the notifier names them; ``person_id`` when their record is known."""

    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    person_id: Any = None

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


def child_problems(child: ChildLine, *, today: date, key: str = "",
                   number: int = 1) -> dict[str, str]:
    """One child's problems, by ``key`` + field (``children.0.given_name``)."""
    problems: dict[str, str] = {}
    which = f"child {number}" if key else "the child"
    for name, what in (("given_name", "given name"), ("family_name", "family name")):
        value = (getattr(child, name) or "").strip()
        if not value and child.person_id is None:
            problems[f"{key}{name}"] = f"Enter the {what} of {which}"
        elif len(value) > NAME_MAX:
            problems[f"{key}{name}"] = (f"The {what} of {which} must be {NAME_MAX} characters "
                                        "or fewer")
    if child.date_of_birth is not None and child.date_of_birth > today:
        problems[f"{key}date_of_birth"] = f"The date of birth of {which} {IN_FUTURE}"
    return problems


def children_problems(children: Sequence[ChildLine], *, today: date) -> dict[str, str]:
    """At least one child; each named (or linked to their record), none twice."""
    if not children:
        return {"children": "Name at least one child the allegation concerns"}
    problems: dict[str, str] = {}
    seen: set = set()
    for i, child in enumerate(children):
        problems.update(child_problems(child, today=today, key=f"children.{i}.",
                                       number=i + 1))
        if child.person_id is not None:
            if child.person_id in seen:
                problems[f"children.{i}.person_id"] = f"Child {i + 1} is listed twice"
            seen.add(child.person_id)
    return problems
