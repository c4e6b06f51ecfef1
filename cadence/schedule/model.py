"""The values the schedule is made of: duties of a plan and the due slots they produce."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadence.kinds import ItemKind, ItemStatus
from rules.model import ReportPeriod, Rule, Scope

__all__ = ["Duty", "ItemKind", "ItemStatus", "Slot", "output_label"]  # the kinds live in cadence.kinds

def output_label(title: str, series: str | None, channel: str | None) -> str:
    """What people call a duty's output: its series and channel when the plan names them
    ("Bản tin PAPI (kênh phát thanh)"), else its title."""
    name = series or title
    return f"{name} ({channel})" if channel else name


@dataclass(frozen=True, kw_only=True)
class Duty:
    """Something a plan asks of its units, once or again and again: the source of due items.

    ``ref`` and ``key`` together identify it within its plan across re-imports: the key is
    made of what names the output (kind, series, channel, fixed day), never of the count, so
    a revised cadence keeps the duty and those of its items that still fall on the same days.
    """

    ref: str
    key: str
    kind: ItemKind
    title: str
    units: tuple[str, ...]
    start: dt.date
    end: dt.date
    scope: Scope | None = None
    rule: Rule | None = None
    period: ReportPeriod | None = None
    to: str | None = None  # a report's recipient

    @property
    def series(self) -> str | None:
        return self.rule.series if self.rule else None

    @property
    def channel(self) -> str | None:
        return self.rule.channel if self.rule else None


@dataclass(frozen=True, slots=True)
class Slot:
    """One due moment of a duty, the same for every unit that carries the duty out.

    ``target`` is how many outputs the window asks for; ``threshold`` how many count as done
    (lower than the target for an approximate quota, by the configured tolerance).
    """

    window_start: dt.date
    window_end: dt.date
    seq: int
    due_at: dt.datetime
    target: int
    threshold: int

