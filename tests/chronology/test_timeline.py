"""Laying out the timeline (R-CHR-3): lanes, marks sized by count, the cumulative line."""

from __future__ import annotations

from datetime import date

from hearth.chronology.codes import Lane
from hearth.chronology.views import timeline


def test_each_lane_is_a_row_and_each_month_with_events_a_mark():
    t = timeline.layout([("visits", date(2026, 1, 5), 1), ("visits", date(2026, 3, 1), 4),
                         ("non_cooperation", date(2026, 3, 20), 2)],
                        lanes=["visits", "non_cooperation", "school"])
    assert [r.code for r in t.rows] == ["visits", "non_cooperation", "school"]
    assert [r.total for r in t.rows] == [5, 2, 0]
    assert (t.first_month, t.last_month) == (date(2026, 1, 1), date(2026, 3, 1))
    by_title = {m.title: m for m in t.marks}
    big = by_title["March 2026: 4 events (visits)"]
    small = by_title["January 2026: 1 event (visits)"]
    assert big.r > small.r and big.y == small.y and big.x > small.x
    assert by_title["March 2026: 2 events (missed visits and non-cooperation)"].y > big.y


def test_the_cumulative_line_adds_up_events_of_concern_only():
    t = timeline.layout([("visits", date(2026, 1, 5), 10),
                         ("non_cooperation", date(2026, 1, 9), 1),
                         ("household", date(2026, 2, 1), 2),
                         ("health", date(2026, 4, 1), 1)], lanes=list(Lane.values))
    assert t.cumulative_total == 4
    points = [tuple(map(float, p.split(","))) for p in t.cumulative_points.split()]
    assert len(points) == 4  # January to April
    heights = [y for _, y in points]
    assert heights == sorted(heights, reverse=True)  # it only ever rises (y grows downwards)
    assert heights[-1] == t.cumulative_top


def test_a_filtered_period_widens_the_span_and_nothing_is_drawn_when_empty():
    t = timeline.layout([], lanes=["visits"], first=date(2026, 1, 1), last=date(2026, 6, 30))
    assert t.empty and t.cumulative_points == "" and t.rows[0].total == 0
    t = timeline.layout([("visits", date(2026, 3, 1), 1)], lanes=["visits"],
                        first=date(2025, 1, 1))
    assert t.first_month == date(2025, 1, 1)
    assert t.ticks[0].label == "Jan 2025"  # up to 18 months: labelled by month


def test_the_size_of_the_drawing_does_not_grow_with_the_number_of_events():
    few = timeline.layout([("visits", date(2026, 1, 1), 1)], lanes=["visits"])
    many = timeline.layout([("visits", date(2026, 1, 1), 10_000)], lanes=["visits"])
    assert len(few.marks) == len(many.marks) == 1
    assert many.marks[0].r <= timeline.MAX_RADIUS
