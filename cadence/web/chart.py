"""A stacked bar chart of done on time / late / missed per column, as geometry for an inline
SVG in the template: no JavaScript, scales with the screen (viewBox), readable by a screen
reader through each bar's <title>."""
from __future__ import annotations

from dataclasses import dataclass

from cadence.kinds import State
from cadence.web.board import CHARTED
from cadence.web.spans import Column

PLOT_HEIGHT = 140
TOP = 12
BOTTOM = 22  # room for the column labels
LEFT = 34  # room for the scale
WIDTH = 860  # the plot's width in pixels when the columns fit (text is drawn at its real size)


@dataclass(frozen=True, slots=True)
class Segment:
    state: State
    y: float
    height: float
    count: int


@dataclass(frozen=True, kw_only=True)
class Bar:
    x: float
    width: float
    label: str
    segments: tuple[Segment, ...]
    total: int
    show_label: bool


@dataclass(frozen=True, kw_only=True)
class Chart:
    width: float
    height: float
    bars: tuple[Bar, ...]
    scale: tuple[tuple[float, int], ...]  # (y, value) of the grid lines
    baseline: float
    left: float = LEFT


def stacked_bars(columns: list[Column], per_column: list[dict[State, int]]) -> Chart:
    """One bar per column, stacked bottom-up in the order on time, late, missed. Columns share
    the plot's width, but never get narrower than 16 px (53 weeks scroll on a phone)."""
    slot = max(16.0, min(72.0, WIDTH / max(1, len(columns))))
    peak = max([sum(c.get(s, 0) for s in CHARTED) for c in per_column] + [1])
    unit = PLOT_HEIGHT / _nice(peak)
    every = 1 if slot >= 36 else 4  # narrow columns (weeks) are labelled every fourth
    bars = tuple(_bar(i, col, counts, unit, slot, i % every == 0) for i, (col, counts) in enumerate(zip(columns, per_column)))
    scale = tuple((TOP + PLOT_HEIGHT - v * unit, v) for v in _ticks(_nice(peak)))
    return Chart(width=LEFT + slot * len(columns) + 4, height=TOP + PLOT_HEIGHT + BOTTOM, bars=bars,
                 scale=scale, baseline=TOP + PLOT_HEIGHT)


def _bar(index: int, column: Column, counts: dict[State, int], unit: float, slot: float, labelled: bool) -> Bar:
    y, segments = TOP + PLOT_HEIGHT, []
    for state in CHARTED:
        n = counts.get(state, 0)
        if n:
            y -= n * unit
            segments.append(Segment(state=state, y=round(y, 2), height=round(n * unit, 2), count=n))
    return Bar(x=LEFT + index * slot + slot * 0.15, width=slot * 0.7, label=column.label, segments=tuple(segments),
               total=sum(s.count for s in segments), show_label=labelled)


def _nice(peak: int) -> int:
    """The top of the scale: the peak rounded up to 1, 2 or 5 times a power of ten."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= peak:
                return step * magnitude
        magnitude *= 10


def _ticks(top: int) -> list[int]:
    return [0, top // 2, top] if top >= 2 else [0, top]
