"""The CIN census's pre-proceedings items about family group decision-making (RETURNS.md
§1.6, "module 5" from 2026-27; R-FGC-4): ``FGDMMeetingOffer`` — an FGC was offered — and
``FGDMMeetingFac`` — one was held (facilitated) — in pre-proceedings. Pure: the facts of a
child's FGCs in, the flags for a census period out.

An FGC counts as offered when its referral, marked as in pre-proceedings, was made in the
period (a family that then declined was still offered one); as held when its conference, in
pre-proceedings, was held in the period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CensusFacts:
    pre_proceedings: bool
    referred_on: date
    held_on: date | None = None


@dataclass(frozen=True)
class CensusFlags:
    """``offered`` is ``FGDMMeetingOffer``, ``held`` is ``FGDMMeetingFac`` (1/0 in the
    return); the counts are how many FGCs made each true."""

    offered: bool = False
    held: bool = False
    offered_count: int = 0
    held_count: int = 0


def census_flags(facts: Iterable[CensusFacts], start: date, end: date) -> CensusFlags:
    offered = held = 0
    for f in facts:
        if not f.pre_proceedings:
            continue
        if start <= f.referred_on <= end:
            offered += 1
        if f.held_on is not None and start <= f.held_on <= end:
            held += 1
    return CensusFlags(offered=offered > 0, held=held > 0, offered_count=offered,
                       held_count=held)
