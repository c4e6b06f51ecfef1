"""What the review page shows of a plan's reading, made once in Python (the template only lays
it out and escapes it): the text the reader saw, line by line, with the reader's spans marked
where each activity, unit, window, cadence, monitor, report and warning was read, each mark
naming its page; and each activity's fields in words."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Which mark shows where spans overlap: the most specific words win.
PRIORITY = {"cadence": 6, "window": 5, "unit": 4, "monitor": 4, "report": 4, "warning": 3, "title": 2}


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str | None = None  # None: plain text
    label: str = ""
    anchor: str = ""  # the first segment of a span carries its anchor


@dataclass(frozen=True, slots=True)
class LineView:
    number: int
    page: int
    new_page: bool
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str
    anchor: str = ""


def marks(reading: dict, warnings: list[tuple[dict, str]], page_of: Callable[[int], int],
          words: Callable[..., str]) -> list[Mark]:
    """The spans of a reading as marks, each labelled with what it is and its page."""
    found: list[Mark] = []

    def add(span: dict | None, kind: str, what: str, anchor: str = "") -> None:
        if span and span.get("end", 0) > span.get("start", 0):
            label = words("intake.web.mark", what=what, page=page_of(span["line"]), line=span["line"])
            found.append(Mark(span["start"], span["end"], kind, label, anchor))

    for activity in reading.get("activities", ()):
        ref, spans = activity["ref"], activity.get("spans") or {}
        add(spans.get("title"), "title", words("intake.web.mark-activity", ref=ref), f"a-{ref}")
        for field in ("lead", "support"):
            for name, span in zip(activity.get(field, ()), spans.get(field) or ()):
                add(span, "unit", words(f"intake.web.mark-{field}", ref=ref, name=name))
        if activity.get("window"):
            add(activity["window"].get("span"), "window", words("intake.web.mark-window", ref=ref))
        for rule in activity.get("rules", ()):
            add(rule.get("span"), "cadence", words("intake.web.mark-cadence", ref=ref))
    for monitor in reading.get("monitors", ()):
        add(monitor.get("span"), "monitor", words("intake.web.mark-monitor", name=monitor["unit"]))
    for report in reading.get("reports", ()):
        add(report.get("span"), "report", words("intake.web.mark-report", name=report["from"]))
    for number, (warning, message) in enumerate(warnings):
        add(warning.get("span"), "warning", message, f"w-{number}")
    return found


def text_lines(text: str, page_of: Callable[[int], int], found: list[Mark]) -> list[LineView]:
    """The text line by line, each cut into plain and marked segments."""
    lines, offset, views, last_page = text.split("\n"), 0, [], None
    by_line = _by_line(lines, found)
    for number, line in enumerate(lines, start=1):
        page = page_of(number)
        views.append(LineView(number=number, page=page, new_page=page != last_page and page > 0,
                              segments=_segments(line, offset, by_line.get(number, []))))
        offset, last_page = offset + len(line) + 1, page
    return views


def _by_line(lines: list[str], found: list[Mark]) -> dict[int, list[Mark]]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    grouped: dict[int, list[Mark]] = {}
    for mark in found:
        for number in range(_line_at(starts, mark.start), _line_at(starts, max(mark.start, mark.end - 1)) + 1):
            grouped.setdefault(number, []).append(mark)
    return grouped


def _line_at(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1


def _segments(line: str, offset: int, found: list[Mark]) -> tuple[Segment, ...]:
    if not found:
        return (Segment(line),)
    owner: list[Mark | None] = [None] * len(line)
    for mark in sorted(found, key=lambda m: PRIORITY[m.kind]):
        for i in range(max(mark.start - offset, 0), min(mark.end - offset, len(line))):
            owner[i] = mark
    segments, start, anchored = [], 0, set()
    for i in range(1, len(line) + 1):
        if i == len(line) or owner[i] is not owner[start]:
            mark = owner[start]
            anchor = mark.anchor if mark and mark.anchor and mark.anchor not in anchored else ""
            anchored.add(anchor)
            segments.append(Segment(line[start:i], mark.kind if mark else None, mark.label if mark else "", anchor))
            start = i
    return tuple(segments)


@dataclass(frozen=True, kw_only=True)
class ActivityView:
    ref: str
    title: str
    scope: str | None
    lead: tuple[str, ...]
    support: tuple[str, ...]
    window: dict | None
    window_start: dt.date | None
    window_end: dt.date | None
    ongoing: bool
    rules: tuple[dict, ...]
    rule_words: tuple[str, ...]
    line: int
    page: int
    corrected: tuple[str, ...]  # the fields a person corrected
    added: bool = False


def activity_views(reading: dict, corrected: dict[str, set[str]], added: set[str], page_of: Callable[[int], int],
                   describe: Callable[[dict], str]) -> list[ActivityView]:
    views = []
    for activity in reading.get("activities", ()):
        title_span = (activity.get("spans") or {}).get("title") or {}
        line = title_span.get("line", 0)
        views.append(ActivityView(
            ref=activity["ref"], title=activity.get("title", ""), scope=activity.get("scope"),
            lead=tuple(activity.get("lead", ())), support=tuple(activity.get("support", ())),
            window=activity.get("window"), ongoing=bool(activity.get("ongoing")),
            window_start=_day(activity.get("window"), "start"), window_end=_day(activity.get("window"), "end"),
            rules=tuple(activity.get("rules", ())), rule_words=tuple(describe(r) for r in activity.get("rules", ())),
            line=line, page=page_of(line) if line else 0, corrected=tuple(sorted(corrected.get(activity["ref"], ()))),
            added=activity["ref"] in added))
    return views


def _day(window: dict | None, end: str) -> dt.date | None:
    return dt.date.fromisoformat(window[end]) if window and window.get(end) else None


def value_words(field: str, value: Any, describe: Callable[[dict], str], date: Callable) -> str:
    """A field's value in words, for the list of what an amended plan changed."""
    if value is None or value == [] or value == "":
        return "—"
    if field == "rules":
        return "; ".join(describe(r) for r in value)
    if field == "window":
        return f"{date(dt.date.fromisoformat(value['start']))} – {date(dt.date.fromisoformat(value['end']))}"
    if field in ("lead", "support"):
        return "; ".join(value)
    if field == "monitors":
        return "; ".join(f"{m['unit']} ({m['scope']})" for m in value)
    if field == "reports":
        return "; ".join(f"{r['from']} → {r['to']}" for r in value)
    return str(value)
