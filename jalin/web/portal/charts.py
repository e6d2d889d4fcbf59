"""Server-side charts as SVG geometry (no JavaScript, no chart library): the page template draws
the rectangles this module lays out. Each chart also comes with its numbers as a table, for
screen readers and for anyone who wants the figures."""

from __future__ import annotations

from dataclasses import dataclass

#: Colours per series, dark enough for 3:1 contrast against white (WCAG 1.4.11).
PALETTE = ("#0b5d8c", "#1b7f3b", "#b45309", "#7c3aed", "#b42318", "#475569")


@dataclass(frozen=True, slots=True)
class Segment:
    series: str
    value: int
    x: float  # from the bar's left, in chart units
    width: float
    colour: str


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    total: int
    y: float
    segments: list[Segment]


@dataclass(frozen=True, slots=True)
class StackedBars:
    """Horizontal stacked bars: one bar per label, one segment per series; widths in units of
    `width` for the largest total."""

    bars: list[Bar]
    series: list[tuple[str, str]]  # (name, colour)
    width: float
    height: float
    bar_height: float
    label_width: float


def stacked_bars(
    rows: list[tuple[str, dict[str, int]]],
    series: list[str],
    *,
    width: float = 600,
    bar_height: float = 18,
    gap: float = 6,
    label_width: float = 170,
    colours: dict[str, str] | None = None,
) -> StackedBars:
    """Lay out `rows` (label, value per series) as horizontal stacked bars; a zero segment is left
    out; the longest bar spans `width - label_width` units. `colours` sets a series' colour where
    the palette's order would mislead (on time green, late red)."""
    largest = max((sum(values.values()) for _, values in rows), default=0) or 1
    span = width - label_width - 40
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)} | (colours or {})
    bars = []
    for i, (label, values) in enumerate(rows):
        x = 0.0
        segments = []
        for name in series:
            v = values.get(name, 0)
            if v <= 0:
                continue
            w = span * v / largest
            segments.append(Segment(name, v, x, w, colours[name]))
            x += w
        bars.append(Bar(label, sum(values.values()), i * (bar_height + gap), segments))
    height = max(len(rows), 1) * (bar_height + gap)
    return StackedBars(bars, [(n, colours[n]) for n in series], width, height, bar_height, label_width)
