"""The LADO's annual figures (R-LADO-5) for one reporting year (April to March): the matters
notified in the year by sector, by criterion and by outcome, the time from notification to
outcome in bands, and repeat matters about the same person (name and date of birth,
normalised: ``rules.matters.subject_key``). Counted in the database: a handful of queries
whatever the number of matters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q

from hearth import calendar
from hearth.lado.codes import Criterion, MatterStatus, Outcome, Sector
from hearth.lado.queries.matters import visible_matters
from hearth.lado.rules import report as rules

#: The boolean field of each criterion.
CRITERIA_FIELDS = {Criterion.HARM: "harm", Criterion.OFFENCE: "offence",
                   Criterion.RISK: "risk", Criterion.UNSUITABLE: "unsuitable"}


@dataclass
class Line:
    key: str
    label: str
    count: int


@dataclass
class Repeat:
    """A person more than one matter is about: the year's matters and all their matters."""

    name: str
    date_of_birth: object
    in_year: int
    total: int
    references: list[str]


@dataclass
class Figures:
    year: int
    label: str
    total: int
    sectors: list[Line] = field(default_factory=list)
    criteria: list[Line] = field(default_factory=list)
    outcomes: list[Line] = field(default_factory=list)
    bands: list[Line] = field(default_factory=list)
    repeats: list[Repeat] = field(default_factory=list)


def _start(day) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=calendar.LONDON)


def year_matters(user, year: int):
    first, after = rules.year_bounds(year)
    return visible_matters(user).filter(notified_at__gte=_start(first),
                                        notified_at__lt=_start(after))


def _by(qs, name: str, choices) -> list[Line]:
    counts = dict(qs.order_by().values_list(name).annotate(n=Count("pk")))
    return [Line(key, label, counts.get(key, 0)) for key, label in choices]


def figures(user, year: int) -> Figures:
    """The year's figures, each list with every category (zeros too), in a fixed order."""
    qs = year_matters(user, year)
    decided = Q(criteria_decided_at__isnull=False)
    agg = qs.aggregate(
        total=Count("pk"),
        **{key: Count("pk", filter=Q(**{name: True})) for key, name in CRITERIA_FIELDS.items()},
        low_level=Count("pk", filter=Q(status=MatterStatus.LOW_LEVEL)),
        undecided=Count("pk", filter=~decided))
    criteria = [Line(key, label, agg[key]) for key, label in Criterion.choices]
    criteria += [Line("low_level", "None met: low-level concern", agg["low_level"]),
                 Line("undecided", "Not yet decided", agg["undecided"])]
    outcomes = _by(qs, "outcome", Outcome.choices)
    outcomes.append(Line("none", "No outcome yet",
                         agg["total"] - sum(line.count for line in outcomes)))
    counted = {key: 0 for key, _label, _months in rules.BANDS}
    for notified, outcome_on in qs.exclude(outcome_on__isnull=True).values_list(
            "notified_at", "outcome_on"):
        counted[rules.band(notified.astimezone(calendar.LONDON).date(), outcome_on)] += 1
    bands = [Line(key, label, counted[key]) for key, label, _months in rules.BANDS]
    return Figures(year, rules.year_label(year), agg["total"],
                   sectors=_by(qs, "sector", Sector.choices), criteria=criteria,
                   outcomes=outcomes, bands=bands, repeats=repeats(user, year))


def repeats(user, year: int) -> list[Repeat]:
    """People with more than one matter, of whom at least one was notified in the year: two
    queries (the repeated keys, then their matters). Only matters whose person's date of birth
    is known are matched: a name alone is not the same person."""
    keys = year_matters(user, year).filter(subject_date_of_birth__isnull=False).values(
        "subject_key")
    repeated = list(visible_matters(user).filter(subject_key__in=keys).order_by()
                    .values("subject_key").annotate(n=Count("pk")).filter(n__gt=1)
                    .values_list("subject_key", flat=True))
    if not repeated:
        return []
    first, after = rules.year_bounds(year)
    found: dict[str, Repeat] = {}
    for m in visible_matters(user).filter(subject_key__in=repeated).order_by(
            "subject_family_name", "subject_given_name", "subject_key", "notified_at", "pk"):
        row = found.setdefault(m.subject_key, Repeat(m.subject_name, m.subject_date_of_birth,
                                                     0, 0, []))
        row.total += 1
        row.references.append(m.reference)
        if _start(first) <= m.notified_at < _start(after):
            row.in_year += 1
    return list(found.values())


def csv_rows(f: Figures) -> list[list[object]]:
    """The figures as the CSV's rows: figure, category, count (and the repeat matters)."""
    rows: list[list[object]] = [["LADO annual figures", f.label, ""],
                                ["Matters notified", "All", f.total]]
    for title, lines in (("By sector", f.sectors), ("By criterion met", f.criteria),
                         ("By outcome", f.outcomes),
                         ("Time from notification to outcome", f.bands)):
        rows.extend([title, line.label, line.count] for line in lines)
    rows.extend(["Repeat matters about the same person",
                 f"{r.name} (born {r.date_of_birth:%d/%m/%Y})" if r.date_of_birth else r.name,
                 f"{r.in_year} this year, {r.total} in all: {', '.join(r.references)}"]
                for r in f.repeats)
    return rows
