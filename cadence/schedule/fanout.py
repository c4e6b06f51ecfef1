"""Who owes each slot: the units a duty names, with reorganisations applied by date.

A unit dissolved on D owes the slots whose window ends before D; its successor (and the
successor's successor, if that one was dissolved too) owes the rest. Pure: units are opaque
ids, successions a plain mapping.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from typing import NamedTuple


class Succession(NamedTuple):
    dissolved_on: dt.date
    successor: Hashable | None


class Span(NamedTuple):
    """A unit owes slots whose window ends in [start, end); None is open-ended."""

    unit: Hashable
    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)


def spans(units: Iterable[Hashable], successions: Mapping[Hashable, Succession]) -> list[Span]:
    """Each unit's span, followed by its successors' spans from the day it was dissolved."""
    result: list[Span] = []
    for unit in units:
        start, current, seen = None, unit, set()
        while current is not None and current not in seen:
            seen.add(current)
            succession = successions.get(current)
            end = succession.dissolved_on if succession else None
            if start is None or end is None or start < end:
                result.append(Span(current, start, end))
            if succession is None:
                break
            start, current = end, succession.successor
    return result


class Owners:
    """The units owing a slot, by the day its window ends; fast when nothing was reorganised."""

    def __init__(self, spans_: list[Span]):
        self._spans = spans_
        self._bounded = any(s.start is not None or s.end is not None for s in spans_)
        self._all = tuple(dict.fromkeys(s.unit for s in spans_))

    def on(self, day: dt.date) -> tuple[Hashable, ...]:
        if not self._bounded:
            return self._all
        return tuple(dict.fromkeys(s.unit for s in self._spans if s.covers(day)))
