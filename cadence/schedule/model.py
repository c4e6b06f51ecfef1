"""The values the schedule is made of: duties of a plan and the due slots they produce."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadence.catalogue import say
from cadence.kinds import ItemKind, ItemStatus
from rules.model import ReportPeriod, Rule, Scope

__all__ = ["Duty", "ItemKind", "ItemStatus", "Slot", "output_label", "shorten"]  # the kinds live in cadence.kinds


def output_label(title: str, series: str | None, channel: str | None, period: str | None = None, *,
                 lang: str = "vi", limit: int | None = None, rebroadcast: bool = False) -> str:
    """What people call a duty's output, with what sets it apart from its siblings: its series
    (else its title), then its channel and, for a report, its period: "Bản tin PAPI (kênh phát
    thanh)", "Chuyên trang CĐS (báo in)" beside "(báo điện tử)", "Báo cáo CCHC (kỳ quý)" beside
    "(kỳ 6 tháng)", and a rebroadcast beside the output it repeats: "… (phát lại)". ``limit`` shortens the name, never the words that tell siblings apart (a
    name keeps at least half the room, so a long channel may run a label past ``limit``)."""
    parts = [part for part in (channel, say(f"report-periods.{period}", lang) if period else None,
                               say("kinds.rebroadcast", lang) if rebroadcast else None) if part]
    suffix = f" ({', '.join(parts)})" if parts else ""
    name = series or title
    if limit is not None:
        name = shorten(name, max(limit - len(suffix), min(24, limit // 2)))
    return name + suffix


def shorten(text: str, limit: int = 90) -> str:
    """Text cut at a word near ``limit``: titles copied from plans run long."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[:limit - 1]).rstrip(" ,;:") + "…"


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

