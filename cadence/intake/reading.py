"""A plan as the intake keeps it: the text the reader saw, the page of each line, and the
reading (the Plan's JSON, SCHEMA.md shape, with the spans of its words in that text).

Corrections apply to the reading (``overrides``), and the corrected reading becomes the Plan the
store imports (``plan_of``), keeping each activity's spans and line so that errors still name
where the words stand."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from rules.model import Activity, Monitor, Plan, Report, Span, UnitSpans, Window, rule_from_json, plan_from_json


@dataclass(frozen=True, kw_only=True)
class Text:
    """The text the reader saw, with the page of each line as runs ``((first line, page), …)``."""

    text: str
    pages: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, text: str, page_of) -> Text:
        """From the text and a ``page_of(line)`` (``cadence.sources.Source.page_of``)."""
        runs: list[tuple[int, int]] = []
        for line in range(1, text.count("\n") + 2):
            page = page_of(line)
            if not runs or runs[-1][1] != page:
                runs.append((line, page))
        return cls(text=text, pages=tuple(runs))

    def page_of(self, line: int) -> int:
        page = 0
        for first, number in self.pages:
            if first > line:
                break
            page = number
        return page

    @property
    def digest(self) -> str:
        """The text's SHA-256, as it reads once spacing is set aside: the same plan saved again
        (another file name, another format) has the same digest."""
        return text_digest(self.text)


def text_digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def plan_of(reading: dict[str, Any]) -> Plan:
    """The Plan of a (corrected) reading, spans and lines kept."""
    base = plan_from_json(reading)
    activities = tuple(_activity(a) for a in reading.get("activities", ()))
    monitors = tuple(Monitor(unit=m["unit"], scope=m["scope"], ref=m["ref"], span=_span(m.get("span")))
                     for m in reading.get("monitors", ()))
    reports = tuple(Report(ref=r["ref"], from_=r["from"], to=r["to"], scope=r["scope"], periods=r.get("periods", ()),
                           text=r.get("text", ""), span=_span(r.get("span"))) for r in reading.get("reports", ()))
    return Plan(file=base.file, title=base.title, issuer=base.issuer, year=base.year, activities=activities,
                monitors=monitors, reports=reports, warnings=base.warnings)


def _activity(data: dict[str, Any]) -> Activity:
    spans = data.get("spans") or {}
    title = _span(spans.get("title"))
    return Activity(
        ref=data["ref"], title=data.get("title", ""), scope=data.get("scope"), lead=data.get("lead", ()),
        support=data.get("support", ()), directs=data.get("directs", ()), window=_window(data.get("window")),
        ongoing=bool(data.get("ongoing", False)), rules=tuple(rule_from_json(r) for r in data.get("rules", ())),
        line=title.line if title else 0,
        spans=UnitSpans(title=title, lead=_spans(spans.get("lead"), data.get("lead", ())),
                        support=_spans(spans.get("support"), data.get("support", ())),
                        directs=_spans(spans.get("directs"), data.get("directs", ()))))


def _window(data: dict[str, Any] | None) -> Window | None:
    if not data:
        return None
    return Window(start=dt.date.fromisoformat(data["start"]), end=dt.date.fromisoformat(data["end"]),
                  text=data.get("text", ""), span=_span(data.get("span")))


def _span(data: dict[str, int] | None) -> Span | None:
    return Span(**data) if data else None


def _spans(data, names) -> tuple[Span | None, ...]:
    """One span per name: those read, or none for names a person wrote."""
    spans = [_span(s) for s in (data or ())]
    return tuple(spans[:len(names)]) + (None,) * max(0, len(names) - len(spans))
