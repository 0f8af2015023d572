"""Laying out the chronology's timeline (R-CHR-3): pure, no database.

Events are counted per lane per month; each count is a mark whose area grows with it, so a
month with many missed visits stands out. Below the lanes, a line shows the cumulative number
of events of concern, so the build-up over time is visible at a glance. The SVG is drawn by
the template from these numbers; it is readable without JavaScript.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hearth.chronology.codes import Lane

#: Lanes whose events add to the cumulative line of concerns.
CONCERN_LANES = (Lane.NON_COOPERATION, Lane.HOUSEHOLD, Lane.HEALTH, Lane.DISCLOSURES,
                 Lane.SCHOOL, Lane.LEGAL)

LABEL_WIDTH = 230
PLOT_WIDTH = 700
ROW_HEIGHT = 34
AXIS_HEIGHT = 26
CUMULATIVE_HEIGHT = 90
MAX_RADIUS = 14.0


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    r: float
    count: int
    title: str


@dataclass(frozen=True)
class Row:
    label: str
    code: str
    y: float
    total: int


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    label_width: int
    plot_right: int
    rows: list[Row]
    marks: list[Mark]
    ticks: list[Tick]
    cumulative_points: str
    cumulative_top: float
    cumulative_bottom: float
    cumulative_total: int
    first_month: date | None
    last_month: date | None

    @property
    def empty(self) -> bool:
        return not self.marks


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def layout(counts: Iterable[tuple[str, date, int]], *, lanes: Sequence[str] | None = None,
           first: date | None = None, last: date | None = None) -> Timeline:
    """``counts`` are (lane, any day in the month, number of events). ``first``/``last``
    widen the span (for a filtered period); lanes with no events are still drawn when named
    in ``lanes``, so an empty lane is visibly empty."""
    cells: dict[tuple[str, int], int] = {}
    for lane, day, n in counts:
        key = (lane, month_index(day))
        cells[key] = cells.get(key, 0) + n
    lane_order = list(lanes) if lanes is not None else [code for code in Lane.values
                                                       if any(k[0] == code for k in cells)]
    months = [m for _, m in cells]
    if first is not None:
        months.append(month_index(first))
    if last is not None:
        months.append(month_index(last))
    labels = dict(Lane.choices)
    totals: dict[str, int] = {}
    for (lane, _), n in cells.items():
        totals[lane] = totals.get(lane, 0) + n
    rows = [Row(labels.get(code, code), code, AXIS_HEIGHT + ROW_HEIGHT * (i + 0.5),
                totals.get(code, 0)) for i, code in enumerate(lane_order)]
    lanes_bottom = AXIS_HEIGHT + ROW_HEIGHT * len(rows)
    height = lanes_bottom + CUMULATIVE_HEIGHT + 20
    width = LABEL_WIDTH + PLOT_WIDTH + 20
    if not months or not rows:
        return Timeline(width, height, LABEL_WIDTH, LABEL_WIDTH + PLOT_WIDTH, rows, [], [], "",
                        lanes_bottom + 10, lanes_bottom + CUMULATIVE_HEIGHT, 0, None, None)
    lo, hi = min(months), max(months)
    span = hi - lo + 1
    step = PLOT_WIDTH / span

    def x_of(index: int) -> float:
        return round(LABEL_WIDTH + step * (index - lo + 0.5), 1)

    peak = max(cells.values(), default=1)
    row_y = {row.code: row.y for row in rows}
    radius_cap = min(MAX_RADIUS, ROW_HEIGHT / 2 - 2)
    marks = []
    for (lane, index), n in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if lane not in row_y:
            continue
        r = max(2.5, radius_cap * math.sqrt(n / peak))
        when = month_of(index)
        what = labels.get(lane, lane).lower()
        marks.append(Mark(x_of(index), row_y[lane], round(r, 1), n,
                          f"{when:%B %Y}: {n} event{'s' if n != 1 else ''} ({what})"))
    ticks = _ticks(lo, hi, x_of)
    top, bottom = lanes_bottom + 12, lanes_bottom + CUMULATIVE_HEIGHT
    points, total = _cumulative(cells, lo, hi, x_of, top, bottom)
    return Timeline(width, height, LABEL_WIDTH, LABEL_WIDTH + PLOT_WIDTH, rows, marks, ticks,
                    points, top, bottom, total, month_of(lo), month_of(hi))


def _ticks(lo: int, hi: int, x_of) -> list[Tick]:
    span = hi - lo + 1
    if span <= 18:
        every = 3 if span > 6 else 1
        return [Tick(x_of(i), f"{month_of(i):%b %Y}") for i in range(lo, hi + 1)
                if (i - lo) % every == 0]
    years = range(lo // 12, hi // 12 + 1)
    every = max(1, math.ceil(len(years) / 10))
    return [Tick(x_of(max(lo, y * 12)), str(y)) for y in years if (y - years[0]) % every == 0]


def _cumulative(cells: dict[tuple[str, int], int], lo: int, hi: int, x_of, top: float,
                bottom: float) -> tuple[str, int]:
    per_month = [0] * (hi - lo + 1)
    for (lane, i), n in cells.items():
        if lane in CONCERN_LANES:
            per_month[i - lo] += n
    running, totals = 0, []
    for n in per_month:
        running += n
        totals.append(running)
    if running == 0:
        return "", 0
    scale = (bottom - top) / running
    points = " ".join(f"{x_of(lo + k)},{round(bottom - t * scale, 1)}"
                      for k, t in enumerate(totals))
    return points, running


CONCERN_TITLE = ("Events of concern (missed visits, household and address changes, injuries "
                 "and hospital, disclosures, school and legal changes), added up over time")


def svg(t: Timeline, title: str) -> SafeString:
    """The timeline as inline SVG, built as a string: a few hundred marks render in a
    millisecond, where a template loop takes a hundred. Every text is escaped."""
    if t.empty:
        desc = "No events to draw."
    else:
        lanes = " ".join(f"{row.label}: {row.total}." for row in t.rows)
        desc = (f"From {t.first_month:%B %Y} to {t.last_month:%B %Y}. {lanes} "
                f"Events of concern, cumulative: {t.cumulative_total}.")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{t.width}" height="{t.height}" '
           f'viewBox="0 0 {t.width} {t.height}" role="img" '
           f'aria-labelledby="timeline-title timeline-desc" id="timeline">',
           f'<title id="timeline-title">{escape(title)}</title>',
           f'<desc id="timeline-desc">{escape(desc)}</desc>']
    for row in t.rows:
        out.append(f'<g class="lane" data-lane="{escape(row.code)}">'
                   f'<line x1="{t.label_width}" x2="{t.plot_right}" y1="{row.y}" y2="{row.y}" '
                   f'stroke="#b1b4b6" stroke-width="1"/>'
                   f'<text class="lane-label" x="6" y="{row.y}" dy="5">{escape(row.label)} '
                   f'({row.total})</text></g>')
    for tick in t.ticks:
        out.append(f'<line x1="{tick.x}" x2="{tick.x}" y1="18" y2="{t.cumulative_bottom}" '
                   f'stroke="#f3f2f1" stroke-width="1"/>'
                   f'<text class="tick-label" x="{tick.x}" y="14" text-anchor="middle">'
                   f'{escape(tick.label)}</text>')
    out.extend(f'<circle cx="{m.x}" cy="{m.y}" r="{m.r}" fill="#1d70b8" fill-opacity="0.75" '
               f'stroke="#003078" stroke-width="1"><title>{escape(m.title)}</title></circle>'
               for m in t.marks)
    out.append(f'<text class="lane-label" x="6" y="{t.cumulative_top}" dy="30">Events of '
               f'concern,</text><text class="lane-label" x="6" y="{t.cumulative_top}" '
               f'dy="48">cumulative ({t.cumulative_total})</text>'
               f'<line x1="{t.label_width}" x2="{t.plot_right}" y1="{t.cumulative_bottom}" '
               f'y2="{t.cumulative_bottom}" stroke="#505a5f" stroke-width="1"/>')
    if t.cumulative_points:
        out.append(f'<polyline points="{t.cumulative_points}" fill="none" stroke="#d4351c" '
                   f'stroke-width="2.5"><title>{CONCERN_TITLE}: {t.cumulative_total}</title>'
                   f'</polyline>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - numbers and escaped text only
