"""Reads of worker-safety warnings that every page, search result and API answer shares.

A warning is about a person or an address. It applies to a page about a person when it is on
that person, on someone in their family (relatives, relatives' relatives, the household they
live in), or at an address where one of them now lives (R-SAFE-1: "any case they are part
of"). Expired warnings (review date passed) stay live and are shown as "review due".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower, Trim
from django.utils import timezone

from hearth.access.rules import has_permission
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Person, PersonAddress
from hearth.people.queries.visibility import visible_among
from hearth.safety.codes import WarningStatus
from hearth.safety.models import WorkerWarning
from hearth.safety.queries.family import current, family_map, near_sql, near_values

LIVE = (WarningStatus.ACTIVE, WarningStatus.AWAITING_SIGN_OFF)


def address_key(line1: str, postcode_norm: str) -> tuple[str, str] | None:
    """Two address rows are the same place when their first line and postcode agree."""
    return (line1.strip().lower(), postcode_norm) if postcode_norm else None


def place_of(warning: WorkerWarning) -> tuple[str, str] | None:
    """The first line and postcode of an address warning (None for a person's)."""
    address = warning.address
    return address_key(address.line1, address.postcode_norm) if address is not None else None


def person_name(warning: WorkerWarning) -> str:
    return warning.person.display_name if warning.person is not None else str(warning.address)


def _at_address_of(homes: QuerySet[PersonAddress]) -> Q:
    """Warnings at one of the addresses of ``homes`` (the same row, or the same first line
    and postcode): one correlated subquery each, so the caller's query stays one query."""
    same_row = homes.filter(address_id=OuterRef("address_id"))
    same_place = (homes.exclude(address__postcode_norm="")
                  .annotate(home_line=Lower(Trim("address__line1")))
                  .filter(address__postcode_norm=OuterRef("address__postcode_norm"),
                          home_line=Lower(Trim(OuterRef("address__line1")))))
    return Q(address__isnull=False) & (Q(Exists(same_row)) | Q(Exists(same_place)))


def _place(prefix: str = "") -> Concat:
    """An address's first line (trimmed, in lower case) and postcode as one value: two
    address rows are the same place when theirs agree (``address_key``)."""
    return Concat(Lower(Trim(f"{prefix}line1")), Value("\x1f"), f"{prefix}postcode_norm",
                  output_field=CharField())


def _at_homes(homes: QuerySet[PersonAddress]) -> Q:
    """Warnings at one of the addresses of ``homes`` (the same row, or the same first line
    and postcode) for a query aliasing ``place`` (``_place("address__")``): ``homes`` read
    once and hashed, where a subquery per address warning read them again for each (400
    address warnings: 19 ms, issue 14). For a few people's homes; ``_at_address_of`` for a
    scope's."""
    places = (homes.exclude(address__postcode_norm="").annotate(place=_place("address__"))
              .values("place"))
    return Q(address__isnull=False) & (Q(address_id__in=homes.values("address_id"))
                                       | Q(place__in=places))


def warnings_for(person_ids: Iterable, today=None) -> QuerySet[WorkerWarning]:
    """Live warnings (active or awaiting sign-off; expired ones included, flagged for review
    by the caller) on these people or at an address where one of them lives now. An address
    warning matches any address with the same first line and postcode. One query."""
    # ``person_ids`` is a list, or a compiled query's stand-in for one (``_warnings_of``).
    among = ("person_id__any" if hasattr(person_ids, "resolve_expression")
             else "person_id__in")
    ids = person_ids if hasattr(person_ids, "resolve_expression") else list(person_ids)
    homes = current(PersonAddress.objects.filter(**{among: ids}),
                     timezone.localdate() if today is None else today)
    where = Q(**{among: ids}) | _at_homes(homes)
    return (WorkerWarning.objects.alias(place=_place("address__")).filter(status__in=LIVE)
            .filter(where)
            .select_related("person", "address", "recorded_by")
            .order_by("-occurred_on", "-pk"))


@compiled
def _warnings_of(p):
    return warnings_for(p.uuids("ids"), p.date("today"))


@compiled
def _warnings_near(p):
    """The live warnings that apply to some of the people given (``found_for``'s), their
    families worked out in the database: one statement where there were four, and nothing
    carried to Python and back when no warning applies, as on most pages."""
    return (WorkerWarning.objects.filter(status__in=LIVE).filter(
        pk__in=p.sql("near", near_sql(connection), WorkerWarning._meta.pk))
        .select_related("person", "address", "recorded_by").order_by("-occurred_on", "-pk"))


@compiled
def _home_of(p):
    return (current(PersonAddress.objects.filter(person_id=p.uuid("person")), p.date("today"))
            .select_related("address").order_by("-start_date", "-pk")[:1])


WARNINGS_READ = "safety.warnings_for"


def warnings_covering(person_ids: Iterable) -> list[WorkerWarning]:
    """``warnings_for(person_ids)``, or more: within a request, the warnings an earlier read
    found for a wider set of people (the worker-safety banner's family, read before the
    two-worker standing asks about the same family); the caller keeps those that concern its
    people. One query at most."""
    ids = frozenset(person_ids)
    memo = visibility.request_memo()
    if memo is not None:
        for key, found in memo.items():
            if key[:1] == (WARNINGS_READ,) and ids <= key[1]:
                return found
    found = _warnings_of.all(ids=list(ids), today=timezone.localdate()) if ids else []
    if memo is not None:
        memo[(WARNINGS_READ, ids)] = found
    return found


class Shown:
    """A warning as one reader sees it, about the people of one page (or one search row)."""

    def __init__(self, warning: WorkerWarning, *, about: str, redacted: bool, in_family: bool,
                 today: date):
        self.warning = warning
        self.about = about
        self.redacted = redacted
        self.in_family = in_family
        self.review_due = warning.review_on <= today
        self.awaiting_sign_off = warning.status == WarningStatus.AWAITING_SIGN_OFF

    @property
    def pk(self) -> int:
        return self.warning.pk

    @property
    def kind_label(self) -> str:
        label = self.warning.get_kind_display()
        if self.warning.profession and not self.redacted:
            label = f"{label} ({self.warning.profession})"
        return label


class Found:
    """The warnings that apply to a set of people: ``shown`` (each once) and ``by_person``
    (for a list of people, each row its own)."""

    def __init__(self, shown: list[Shown] | None = None, by_person: dict | None = None):
        self.shown = shown or []
        self.by_person = by_person or {}

    def __bool__(self) -> bool:
        return bool(self.shown)

    def __len__(self) -> int:
        return len(self.shown)

    @property
    def joint_visit(self) -> bool:
        return any(s.warning.requires_joint_visit for s in self.shown)

    @property
    def warnings(self) -> list[WorkerWarning]:
        return [s.warning for s in self.shown]


def _residents(warnings: list[WorkerWarning], people: set, today: date) -> dict:
    """For each address warning: which of ``people`` live there now (one query)."""
    at_address = [w for w in warnings if w.address_id]
    if not at_address:
        return {}
    homes = list(current(PersonAddress.objects.filter(person_id__in=people), today)
                 .select_related("address", "person"))
    found: dict = {}
    for w in at_address:
        key = place_of(w)
        found[w.pk] = [h.person for h in homes if h.address_id == w.address_id
                       or (key and address_key(h.address.line1, h.address.postcode_norm) == key)]
    return found


def _about(w: WorkerWarning, residents: list, visible: set) -> tuple[str, bool]:
    """Whom or where the warning is about, and whether the reader may only be told its type
    (it is about someone in the family whose record they may not see)."""
    if w.person_id:
        if w.person_id in visible:
            return person_name(w), False
        return "someone in this family whose record you cannot open", True
    seen = sorted({p.display_name for p in residents if p.pk in visible})
    if seen:
        verb = "lives" if len(seen) == 1 else "live"
        return f"{w.address}, where {' and '.join(seen)} {verb} now", False
    return "an address where someone in this family lives", True


def found_for(user, person_ids: Iterable, *, family: bool = True,
              main: Iterable | None = None) -> Found:
    """The warnings that apply to these people for ``user``: on them, on their family, at
    an address where they or their family live. A fixed handful of queries (the family's four,
    then the warnings), a few more with some warnings, however many people. A warning not
    about ``main`` (the people the page is chiefly about; by default all of them) is marked
    ``in_family``. Someone who may read no person's record (an administrator: no casework) is
    shown none, on any page."""
    anchors = {pid for pid in person_ids if pid is not None}
    chief = set(main or ()) & anchors or anchors
    if not anchors or user is None or not user.is_authenticated:
        return Found()
    if not has_permission(user.role, "people.view"):
        return Found()
    today = timezone.localdate()
    if family:  # most pages: no warning applies, and one query says so
        warnings = _warnings_near.all(near=near_values(anchors, today, connection))
        if not warnings:
            return Found()
        kin = family_map(anchors)  # whose family each warning is in
    else:
        kin = {pid: set() for pid in anchors}
        warnings = _warnings_of.all(ids=list(anchors), today=today)
    everyone = set(anchors).union(*kin.values())
    memo = visibility.request_memo()
    if memo is not None:  # the two-worker standing may ask again about these people
        memo.setdefault((WARNINGS_READ, frozenset(everyone)), warnings)
    if not warnings:
        return Found()
    residents = _residents(warnings, everyone, today)
    subjects = {w.pk: ({w.person_id} if w.person_id else {p.pk for p in residents.get(w.pk, [])})
                for w in warnings}
    visible = visible_among(user, set().union(*subjects.values()))
    shown, by_person = [], defaultdict(list)
    for w in warnings:
        about, redacted = _about(w, residents.get(w.pk, []), visible)
        direct = bool(subjects[w.pk] & chief)
        item = Shown(w, about=about, redacted=redacted, in_family=not direct, today=today)
        shown.append(item)
        for pid in anchors:
            if subjects[w.pk] & ({pid} | kin.get(pid, set())):
                by_person[pid].append(Shown(w, about=about, redacted=redacted,
                                            in_family=pid not in subjects[w.pk], today=today))
    shown.sort(key=lambda s: (s.in_family, -s.warning.occurred_on.toordinal(), -s.pk))
    return Found(shown, dict(by_person))


# --- Who may open a warning ------------------------------------------------------------------


def warning_scope(user) -> Q:
    """Who may open a warning (registered with ``core.visibility`` from the AppConfig): one on
    a person they may see, at an address where someone they may see lives or lived, or one
    they raised."""
    # Each warning's person, and each home's, tested through its own id: inside these ORs a
    # ``person IN (who the user may see)`` made PostgreSQL compute every person the user may
    # see (``core.visibility.visible_through``, issue 14).
    homes = PersonAddress.objects.filter(visibility.visible_through("person_id", Person, user))
    return (visibility.visible_through("person_id", Person, user) | _at_address_of(homes)
            | Q(recorded_by_id=user.pk))


def visible_warnings(user) -> QuerySet[WorkerWarning]:
    """Warnings ``user`` may open (``warning_scope``)."""
    return WorkerWarning.objects.visible_to(user)


def get_visible_warning(user, warning_id) -> WorkerWarning:
    """The warning with everyone it names loaded, or 404."""
    return get_visible_or_404(WorkerWarning.objects.select_related(
        "person", "address", "recorded_by", "signed_off_by", "ended_by"), user, warning_id,
        "warning")


@compiled
def _to_review(p, visible_sql: str):
    # ``warning_scope`` with the user's compiled filter of people, then only what is theirs
    # to do: awaiting sign-off, or past its review date.
    # Each warning's person, and each home's, tested through its own id (a correlated
    # EXISTS): ``person IN (who the user may see)`` inside these ORs made PostgreSQL compute
    # every person the user may see, 60 ms for a manager of a big team (issue 14).
    def seen_person() -> Q:
        return visibility.visible_through("person_id", Person,
                                          visible=p.sql("visible", visible_sql))

    homes = PersonAddress.objects.filter(seen_person())
    seen = seen_person() | _at_address_of(homes) | Q(recorded_by_id=p.integer("user"))
    return (WorkerWarning.objects.filter(status__in=LIVE).filter(seen)
            .filter(Q(status=WarningStatus.AWAITING_SIGN_OFF) | Q(review_on__lte=p.date("today")))
            .select_related("person", "address", "recorded_by").order_by("review_on", "pk"))


def warnings_to_review(user) -> tuple[list[WorkerWarning], list[WorkerWarning]]:
    """For managers: live warnings awaiting sign-off, and live warnings whose review date has
    come (expired warnings prompt review; they do not vanish). One query compiled once a
    process, reading only those (issue 14: it read every live warning the manager may see)."""
    today = timezone.localdate()
    sql, params = visibility.visible_sql(Person, user)
    live = _to_review.all(sql, visible=params, user=user.pk, today=today)
    awaiting = [w for w in live if w.status == WarningStatus.AWAITING_SIGN_OFF]
    due = [w for w in live if w.review_on <= today]
    return awaiting, due


def current_address(person: Person):
    """The address the person lives at now, or None."""
    home = _home_of.first(person=person.pk, today=timezone.localdate())
    return home.address if home else None
