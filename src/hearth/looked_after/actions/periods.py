"""Becoming looked after, each change of legal status or placement, ceasing to be looked after
(R-CLA-1, R-CLA-7), corrections as amendments (never a silent rewrite) and the unaccompanied
asylum-seeking child's mark (R-CLA-8). Every change locks the period at the version it was made
from (a stale edit writes nothing), moves the version on, writes its audit row on the child's
record and brings the chronology into step, in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.chronology import actions as chronology
from hearth.cin.actions.plans import end_for_looked_after
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.looked_after.codes import EntryRoute, ReasonNewEpisode
from hearth.looked_after.codes.episodes import SHORT_BREAKS
from hearth.looked_after.models import CareAmendment, CarePeriod, Episode, Placement, UascStatus
from hearth.looked_after.queries.periods import ENTRY_KINDS, entry_record_exists
from hearth.looked_after.rules import episodes as rules

WHAT = "period of care"
PERSON = "people.person"


@dataclass(frozen=True)
class PlacementDetails:
    """What a new placement says (R-CLA-1)."""

    placement_type: str
    provider: str = ""
    provider_name: str = ""
    urn: str = ""
    address: str = ""
    postcode: str = ""
    address_hidden: bool = False
    carer_name: str = ""
    long_term: bool = False

    def clean(self) -> PlacementDetails:
        return PlacementDetails(
            placement_type=_t(self.placement_type).upper(), provider=_t(self.provider).upper(),
            provider_name=_t(self.provider_name), urn=_t(self.urn).upper(),
            address=_t(self.address), postcode=_t(self.postcode).upper(),
            address_hidden=bool(self.address_hidden), carer_name=_t(self.carer_name),
            long_term=bool(self.long_term))

    def problems(self, started_on: date | None, period_started_on: date | None) -> dict:
        return rules.placement_problems(
            rules.PlacementIn(self.placement_type, self.provider, self.urn, self.postcode,
                              started_on),
            period_started_on=period_started_on, today=timezone.localdate())


def _t(value: Any) -> str:
    return str(value or "").strip()


def _audit(action: str, period: CarePeriod, user, **fields: Any) -> None:
    audit.record(action, user=user, object_type=PERSON, object_id=str(period.child_id),
                 fields={"care_period": period.pk, **fields})


def _placement(period: CarePeriod, details: PlacementDetails, started_on: date) -> Placement:
    return Placement.objects.create(period=period, child_id=period.child_id,
                                    started_on=started_on, **details.__dict__)


def _saved(period: CarePeriod) -> CarePeriod:
    period.version += 1
    period.save(update_fields=["version", "ended_on", "reason_ceased"])
    chronology.sync(period)
    return period


def locked(period: CarePeriod, expected_version: int | None) -> CarePeriod:
    current = CarePeriod.objects.select_for_update(of=("self",)).get(pk=period.pk)
    check_version(current, expected_version, WHAT)
    return current


def _open_episode(period: CarePeriod) -> Episode:
    found = period.episodes.filter(ended_on__isnull=True).select_related("placement").first()
    if period.ended_on is not None or found is None:
        raise Refused("The child is no longer looked after in this period of care.",
                      why=Why.STATE)
    return found


def entry_problems(entered_from: str, entered_from_ref: str, child_id) -> dict[str, str]:
    """Where becoming looked after was decided: a known route, and the record named
    ("strategy:12") is the child's own."""
    if entered_from not in EntryRoute.values:
        return {"entered_from": "Select where the decision to look after the child was made"}
    if entered_from == EntryRoute.OTHER or not entered_from_ref:
        return {}
    kind, _, ref = entered_from_ref.partition(":")
    if kind not in ENTRY_KINDS or kind != entered_from or not ref.isdigit() or \
            not entry_record_exists(kind, int(ref), child_id):
        return {"entered_from_ref": f"{entered_from_ref!r} is not a record of this child's "
                                    f"that the decision could come from"}
    return {}


@transaction.atomic
def do_start_period(child, *, acting_user, started_on: date | None, legal_status: str,
                    category_of_need: str, home_postcode: str = "", entered_from: str,
                    entered_from_ref: str = "", placement: PlacementDetails,
                    placement_started_on: date | None = None) -> CarePeriod:
    """The child became looked after (R-CLA-1): the period, its first placement and its first
    episode (RNE S). Refused (409) while the child already has an open period."""
    details = placement.clean()
    legal_status, category_of_need = _t(legal_status).upper(), _t(category_of_need).upper()
    placement_started_on = placement_started_on or started_on
    problems = rules.start_problems(started_on=started_on, legal_status=legal_status,
                                    category_of_need=category_of_need,
                                    date_of_birth=child.date_of_birth,
                                    today=timezone.localdate())
    problems |= entry_problems(_t(entered_from), _t(entered_from_ref), child.pk)
    placed = details.problems(placement_started_on, started_on)
    if "started_on" in placed:
        placed["placement_started_on"] = placed.pop("started_on")
    problems |= {k: v for k, v in placed.items() if k not in problems}
    if started_on and placement_started_on and placement_started_on > started_on:
        problems["placement_started_on"] = ("The first placement starts the day the child "
                                            "became looked after")
    refuse_if(problems)
    if CarePeriod.objects.select_for_update().filter(child=child,
                                                     ended_on__isnull=True).exists():
        raise Refused({"started_on": "The child is already looked after: record a change of "
                                     "legal status or placement instead"}, why=Why.STATE)
    assert started_on is not None
    now = timezone.now()
    period = CarePeriod.objects.create(
        child=child, started_on=started_on, category_of_need=category_of_need,
        home_postcode=_t(home_postcode).upper(), entered_from=entered_from,
        entered_from_ref="" if entered_from == EntryRoute.OTHER else _t(entered_from_ref),
        recorded_by=acting_user, recorded_at=now)
    first = _placement(period, details, started_on)
    Episode.objects.create(period=period, child=child, placement=first, started_on=started_on,
                           reason_new=ReasonNewEpisode.S, legal_status=legal_status,
                           recorded_by=acting_user, recorded_at=now)
    chronology.sync(period)
    _audit("looked_after.started", period, acting_user, started_on=started_on.isoformat(),
           legal_status=legal_status, placement_type=details.placement_type,
           entered_from=entered_from)
    if legal_status not in SHORT_BREAKS:  # R-CIN-2: the CIN plan ends, "looked after"
        end_for_looked_after(child.pk, started_on=started_on, acting_user=acting_user)
    return period


@transaction.atomic
def do_record_change(period: CarePeriod, *, acting_user, expected_version: int | None,
                     changed_on: date | None, legal_status: str,
                     placement: PlacementDetails | None = None, same_carer: bool = False,
                     reason_changed: str = "") -> Episode:
    """A change of legal status, placement or both (R-CLA-1): the open episode ends that day
    with X1 and a new one begins with its reason (L, P, T, B or U); a move ends the placement
    with its reason (R-CLA-7; none for a temporary placement)."""
    current = locked(period, expected_version)
    episode = _open_episode(current)
    legal_status, reason_changed = _t(legal_status).upper(), _t(reason_changed).upper()
    details = placement.clean() if placement is not None else None
    problems = rules.change_problems(
        changed_on=changed_on, open_episode_started_on=episode.started_on,
        today=timezone.localdate(), legal_status=legal_status,
        current_legal_status=episode.legal_status, placement_changed=details is not None,
        leaving_type=episode.placement.placement_type, reason_changed=reason_changed)
    if details is not None:
        problems |= {k: v for k, v in details.problems(changed_on, current.started_on).items()
                     if k not in problems and k != "started_on"}
    refuse_if(problems)
    assert changed_on is not None
    reason_new = rules.reason_new_episode(
        legal_status_changed=legal_status != episode.legal_status,
        placement_changed=details is not None, same_carer=same_carer)
    episode.ended_on, episode.reason_ceased = changed_on, rules.X1
    episode.save(update_fields=["ended_on", "reason_ceased"])
    where = episode.placement
    if details is not None:
        where.ended_on = changed_on
        where.reason_changed = ("" if where.placement_type in rules.TEMPORARY
                                else reason_changed)
        where.save(update_fields=["ended_on", "reason_changed"])
        where = _placement(current, details, changed_on)
    new = Episode.objects.create(period=current, child_id=current.child_id, placement=where,
                                 started_on=changed_on, reason_new=reason_new,
                                 legal_status=legal_status, recorded_by=acting_user,
                                 recorded_at=timezone.now())
    _saved(current)
    _audit("looked_after.changed", current, acting_user, changed_on=changed_on.isoformat(),
           reason_new=reason_new, legal_status=legal_status,
           placement_type=details.placement_type if details else "",
           reason_changed=reason_changed if details else "")
    return new


@transaction.atomic
def do_cease(period: CarePeriod, *, acting_user, expected_version: int | None,
             ceased_on: date | None, reason_ceased: str) -> CarePeriod:
    """The child ceased to be looked after (R-CLA-7): the open episode ends with the reason,
    the placement and the period end that day."""
    current = locked(period, expected_version)
    episode = _open_episode(current)
    reason_ceased = _t(reason_ceased).upper()
    refuse_if(rules.cease_problems(ceased_on=ceased_on, reason=reason_ceased,
                                   open_episode_started_on=episode.started_on,
                                   today=timezone.localdate()))
    assert ceased_on is not None
    episode.ended_on, episode.reason_ceased = ceased_on, reason_ceased
    episode.save(update_fields=["ended_on", "reason_ceased"])
    Placement.objects.filter(pk=episode.placement_id).update(ended_on=ceased_on)
    current.ended_on, current.reason_ceased = ceased_on, reason_ceased
    _saved(current)
    _audit("looked_after.ceased", current, acting_user, ceased_on=ceased_on.isoformat(),
           reason_ceased=reason_ceased)
    return current


EPISODE_FIELDS = ("started_on", "ended_on", "legal_status")
PLACEMENT_FIELDS = ("placement_type", "provider", "provider_name", "urn", "address",
                    "postcode", "address_hidden", "carer_name", "long_term", "reason_changed")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value or "")


def _amend_episode(period: CarePeriod, episode: Episode, changes: Mapping[str, Any]) -> None:
    episodes = list(period.episodes.order_by("started_on", "pk"))
    at = next(n for n, e in enumerate(episodes) if e.pk == episode.pk)
    target = episodes[at]
    for name, value in changes.items():
        setattr(target, name, value)
    problems: dict[str, str] = {}
    if "legal_status" in changes:
        problems |= rules.code_problem("legal_status", _t(changes["legal_status"]),
                                       rules.LegalStatus, "legal status")
    if "started_on" in changes:
        if at == 0:
            problems["started_on"] = ("The first episode begins when the period of care "
                                      "began: correct the period instead")
        elif episodes[at - 1].ended_on == episode.started_on:  # keep the boundary whole
            episodes[at - 1].ended_on = changes["started_on"]
            _move_placements(episodes[at - 1], target, episode.started_on,
                             changes["started_on"])
    if "ended_on" in changes and target.ended_on is None:
        problems["ended_on"] = "An open episode ends by a change or by ceasing to be looked after"
    found = rules.sequence_problems([rules.Span(e.started_on, e.ended_on, e.reason_ceased)
                                     for e in episodes])
    if found and not problems:
        problems[next(iter(changes))] = found[0]
    refuse_if(problems)
    target.save(update_fields=list(changes))
    if at > 0:
        episodes[at - 1].save(update_fields=["ended_on"])
    if at == len(episodes) - 1 and "ended_on" in changes and period.ended_on is not None:
        period.ended_on = target.ended_on
        Placement.objects.filter(pk=target.placement_id).update(ended_on=target.ended_on)


def _move_placements(before: Episode, after: Episode, old, new) -> None:
    """A move's date corrected: the placement left ends, and the one moved to starts, then."""
    if before.placement_id != after.placement_id:
        Placement.objects.filter(pk=before.placement_id, ended_on=old).update(ended_on=new)
        Placement.objects.filter(pk=after.placement_id, started_on=old).update(started_on=new)


def _amend_placement(period: CarePeriod, placement: Placement,
                     changes: Mapping[str, Any]) -> None:
    for name, value in changes.items():
        setattr(placement, name, value if isinstance(value, bool) else _t(value))
    details = PlacementDetails(**{f: getattr(placement, f) for f in PLACEMENT_FIELDS
                                  if f != "reason_changed"})
    problems = details.problems(placement.started_on, period.started_on)
    if placement.reason_changed and placement.reason_changed not in rules.ReasonPlaceChange.values:
        problems["reason_changed"] = (f"The reason for the placement change "
                                      f"{placement.reason_changed!r} is not an SSDA903 code")
    refuse_if({k: v for k, v in problems.items() if k in changes})
    placement.save(update_fields=list(changes))


@transaction.atomic
def do_amend(period: CarePeriod, *, acting_user, expected_version: int | None,
             changes: Mapping[str, Any], reason: str, episode: Episode | None = None,
             placement: Placement | None = None) -> list[CareAmendment]:
    """Correct an episode or a placement: one visible amendment (before, after, why) for each
    field changed; the run of episodes stays whole (R-CLA-1) or nothing is written."""
    current = locked(period, expected_version)
    record: Any = episode if episode is not None else placement
    allowed = EPISODE_FIELDS if episode is not None else PLACEMENT_FIELDS
    if record is None or record.period_id != current.pk:
        raise Refused("Name the episode or placement of this period to correct.")
    unknown = [name for name in changes if name not in allowed]
    if unknown:
        raise Refused({unknown[0]: f"{unknown[0]} cannot be corrected here"})
    record.refresh_from_db()
    changed = {k: v for k, v in changes.items() if _shown(getattr(record, k)) != _shown(v)}
    if not _t(reason):
        raise Refused("Say why the record is corrected", "reason")
    if not changed:
        raise Refused("Nothing was changed: change a field to correct it")
    before = {k: _shown(getattr(record, k)) for k in changed}
    if episode is not None:
        _amend_episode(current, record, changed)
    else:
        _amend_placement(current, record, changed)
    record.refresh_from_db()
    now = timezone.now()
    rows = CareAmendment.objects.bulk_create(
        CareAmendment(period=current, episode=episode, placement=placement, field=name,
                      before=before[name], after=_shown(getattr(record, name)),
                      reason=_t(reason), amended_by=acting_user, amended_at=now)
        for name in changed)
    _saved(current)
    _audit("looked_after.amended", current, acting_user, episode=getattr(episode, "pk", None),
           placement=getattr(placement, "pk", None), fields=sorted(changed), reason=_t(reason))
    return rows


@transaction.atomic
def do_mark_uasc(child, *, acting_user, ceased_on: date | None = None,
                 unmark: bool = False) -> UascStatus | None:
    """Mark the child as an unaccompanied asylum-seeking child, or record the date it ceased
    (R-CLA-8: on or before the 18th birthday)."""
    refuse_if(rules.uasc_problems(ceased_on=ceased_on, date_of_birth=child.date_of_birth))
    found = UascStatus.objects.select_for_update().filter(child=child).first()
    if unmark:
        if found is not None:
            found.delete()
        audit.record("looked_after.uasc_unmarked", user=acting_user, object_type=PERSON,
                     object_id=str(child.pk))
        return None
    if found is None:
        found = UascStatus.objects.create(child=child, ceased_on=ceased_on,
                                          recorded_by=acting_user, recorded_at=timezone.now())
    else:
        found.ceased_on, found.version = ceased_on, found.version + 1
        found.save(update_fields=["ceased_on", "version"])
    audit.record("looked_after.uasc", user=acting_user, object_type=PERSON,
                 object_id=str(child.pk),
                 fields={"ceased_on": ceased_on.isoformat() if ceased_on else None})
    return found


def record_view(period_or_child_id, *, user, what: str = "view_looked_after") -> None:
    audit.record_read(what, user=user, object_type=PERSON, object_id=str(period_or_child_id))
