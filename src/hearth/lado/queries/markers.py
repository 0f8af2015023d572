"""What a record outside the LADO service shows of a LADO matter: only that one exists, and
which LADO to contact (R-LADO-3). Never the allegation, the person it is about, the other
children or the outcome.

- A child's record (the person page's panel, the child at a glance and the chronology): "A
  LADO matter concerns this child", with the LADO officer's name (``child_marker``).
- The accused person's own record, if they have one (``Matter.subject_person``), shows
  nothing at all here: their record never names the children.
- **Hook for fostering** (a later issue, R-FOS-5: allegations against foster carers "show on
  the household's record for the fostering service"): ``household_marker(person_ids)`` gives
  the same marker, naming no child, when a matter is about one of the given people (the
  household's adults, by their records). The fostering app calls it for its household page if
  it sits above ``lado`` in the layers; if it sits below, it declares a registry and ``lado``
  registers ``household_marker`` into it from ``LadoConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hearth.core import presence, visibility
from hearth.lado.models import Matter, MatterChild

MARKER = "A LADO matter concerns this child"
SERVICE = "the LADO service"


@dataclass(frozen=True)
class Marker:
    """That a matter exists, and whom to contact: ``officer`` is the LADO officer's name ("" when
    no officer has taken it yet); ``matter_ids`` only for the LADO service's own links."""

    text: str
    officer: str
    officer_email: str
    open: bool
    matter_ids: tuple[int, ...] = ()

    @property
    def contact(self) -> str:
        who = f"{self.officer} (LADO)" if self.officer else SERVICE
        return f"contact {who}"

    @property
    def sentence(self) -> str:
        return f"{self.text} — {self.contact}."


def marker_text(matter: Matter) -> str:
    """The chronology's words for a child's marker: no detail of the matter."""
    officer = matter.lado_officer
    who = f"{officer.display_name} (LADO)" if officer is not None else SERVICE
    return f"{MARKER} — contact {who}."


def _marker(matters: list[Matter], text: str) -> Marker | None:
    if not matters:
        return None
    current = next((m for m in matters if m.is_open), matters[0])
    officer = current.lado_officer
    return Marker(text, officer.display_name if officer else "",
                  (officer.email or "") if officer else "", current.is_open,
                  tuple(m.pk for m in matters))


def child_marker(person) -> Marker | None:
    """The marker for a child's record: one query, read once a request
    (``core.visibility.remembered``: the panel and the header share it)."""
    def read() -> Marker | None:
        if not presence.has(person, "lado"):  # no matter names the child: nothing to read
            return None
        links = (MatterChild.objects.filter(person_id=person.pk)
                 .select_related("matter__lado_officer")
                 .order_by("-matter__notified_at", "-matter_id")[:20])
        return _marker([link.matter for link in links], MARKER)

    return visibility.remembered(("lado.child_marker", person.pk), read)


def household_marker(person_ids: Iterable) -> Marker | None:
    """The hook for fostering (R-FOS-5): a marker for a household when a LADO matter is about
    one of ``person_ids`` (its adults' records). One query; names no child."""
    matters = list(Matter.objects.filter(subject_person_id__in=list(person_ids))
                   .select_related("lado_officer").order_by("-notified_at", "-pk")[:20])
    return _marker(matters, "A LADO matter concerns someone in this household")
