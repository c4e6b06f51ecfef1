"""The values a reading of a plan produces.

Field names follow ``shared/gold/SCHEMA.md`` so that the JSON a user sees and the object a
developer holds agree. Every value is frozen, keyword-only and checked when built.
"""
from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field
from typing import Any


class Per(str, enum.Enum):
    """The period a count is stated for."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Kind(str, enum.Enum):
    """A new output, or a repeat of one already produced."""

    PRODUCE = "produce"
    REBROADCAST = "rebroadcast"


class Scope(str, enum.Enum):
    """The domain a task or a monitor belongs to."""

    CDS = "CĐS"  # chuyển đổi số
    CCHC = "CCHC"  # cải cách hành chính
    DVCTT = "DVCTT"  # dịch vụ công trực tuyến
    ALL = "all"


class ReportPeriod(str, enum.Enum):
    """A reporting period named in the organisation section."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


_ON_PATTERN = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    """Where words stand in the text the reader saw: the 1-based line they start on, and
    their character offsets in the whole text (start inclusive, end exclusive)."""

    line: int
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.line < 1 or self.start < 0 or self.end < self.start:
            raise ValueError(f"Span needs line ≥ 1 and 0 ≤ start ≤ end, got {self.line}, {self.start}, {self.end}")

    def to_json(self) -> dict[str, int]:
        return {"line": self.line, "start": self.start, "end": self.end}


def _span_json(span: "Span | None") -> dict[str, int] | None:
    return span.to_json() if span else None


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One countable cadence: ``count`` outputs every ``every`` × ``per``."""

    count: int
    per: Per
    every: int = 1
    kind: Kind = Kind.PRODUCE
    series: str | None = None
    channel: str | None = None
    approx: bool = False
    duration_min: int | None = None
    declared_total: int | None = None
    on: str | None = None
    text: str = ""
    weekdays: tuple[str, ...] | None = None  # "thứ Sáu hằng tuần" → ("friday",)
    day_of_month: int | None = None  # "trước ngày 20 hằng tháng" → 20; -1 for the last day
    week_of_month: int | None = None  # "thứ Hai tuần đầu tiên của tháng" → 1; -1 for the last
    time: str | None = None  # "lúc 19 giờ 30" → "19:30"
    span: Span | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "per", Per(self.per))
        object.__setattr__(self, "kind", Kind(self.kind))
        if self.weekdays is not None:
            object.__setattr__(self, "weekdays", tuple(self.weekdays))
            if not self.weekdays or any(d not in WEEKDAYS for d in self.weekdays):
                raise ValueError(f"Rule.weekdays must name days from {WEEKDAYS}, got {self.weekdays!r}")
        if self.day_of_month is not None and not (self.day_of_month == -1 or 1 <= self.day_of_month <= 31):
            raise ValueError(f"Rule.day_of_month must be 1–31 or -1, got {self.day_of_month}")
        if self.week_of_month is not None and not (self.week_of_month == -1 or 1 <= self.week_of_month <= 5):
            raise ValueError(f"Rule.week_of_month must be 1–5 or -1, got {self.week_of_month}")
        if self.time is not None and not _TIME_PATTERN.match(self.time):
            raise ValueError(f"Rule.time must be 'HH:MM', got {self.time!r}")
        if self.count < 1:
            raise ValueError(f"Rule.count must be at least 1, got {self.count}")
        if self.every < 1:
            raise ValueError(f"Rule.every must be at least 1, got {self.every}")
        if self.on is not None and not _ON_PATTERN.match(self.on):
            raise ValueError(f"Rule.on must be 'MM-DD', got {self.on!r}")
        if self.duration_min is not None and self.duration_min < 1:
            raise ValueError(f"Rule.duration_min must be positive, got {self.duration_min}")

    def per_year(self) -> float:
        """How many outputs a full year of this cadence yields (52 weeks, 365 days)."""
        periods = {Per.DAY: 365, Per.WEEK: 52, Per.MONTH: 12, Per.QUARTER: 4, Per.YEAR: 1}
        return self.count * periods[self.per] / self.every

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["per"] = self.per.value
        data["kind"] = self.kind.value
        data["weekdays"] = list(self.weekdays) if self.weekdays else None
        data["span"] = _span_json(self.span)
        return data


@dataclass(frozen=True, kw_only=True)
class Window:
    """The period a task runs in, as dates inclusive at both ends."""

    start: dt.date
    end: dt.date
    text: str = ""
    span: Span | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Window ends ({self.end}) before it starts ({self.start})")

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "text": self.text,
                "span": _span_json(self.span)}


@dataclass(frozen=True, kw_only=True)
class UnitSpans:
    """Where an activity's title and each of its units were read from, one span per unit."""

    title: Span | None = None
    lead: tuple[Span | None, ...] = ()  # None for a unit given by cross-reference with no words of its own
    support: tuple[Span | None, ...] = ()
    directs: tuple[Span | None, ...] = ()

    def __post_init__(self) -> None:
        for name in ("lead", "support", "directs"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def to_json(self) -> dict[str, Any]:
        return {"title": _span_json(self.title), "lead": [_span_json(s) for s in self.lead],
                "support": [_span_json(s) for s in self.support], "directs": [_span_json(s) for s in self.directs]}


@dataclass(frozen=True, kw_only=True)
class Activity:
    """One leaf task of the plan."""

    ref: str
    title: str
    scope: Scope | None = None
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    directs: tuple[str, ...] = ()
    window: Window | None = None
    ongoing: bool = False
    rules: tuple[Rule, ...] = ()
    line: int = 0  # where the task's heading stands in the source (1-based); 0 when unknown
    spans: UnitSpans = field(default_factory=UnitSpans)

    def __post_init__(self) -> None:
        if self.scope is not None:
            object.__setattr__(self, "scope", Scope(self.scope))
        for name in ("lead", "support", "directs", "rules"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.ref:
            raise ValueError("Activity.ref must not be empty")

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "title": self.title,
            "scope": self.scope.value if self.scope else None,
            "lead": list(self.lead),
            "support": list(self.support),
            "directs": list(self.directs),
            "window": self.window.to_json() if self.window else None,
            "ongoing": self.ongoing,
            "rules": [rule.to_json() for rule in self.rules],
            "spans": self.spans.to_json(),
        }


@dataclass(frozen=True, kw_only=True)
class Monitor:
    """A unit that follows up on the carrying out of the plan in a scope (đầu mối)."""

    unit: str
    scope: Scope
    ref: str
    span: Span | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "scope", Scope(self.scope))

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "scope": self.scope.value, "ref": self.ref, "span": _span_json(self.span)}


@dataclass(frozen=True, kw_only=True)
class Report:
    """A recurring reporting duty of ``from_`` units to ``to``."""

    ref: str
    from_: str
    to: str
    scope: Scope
    periods: tuple[ReportPeriod, ...] = ()
    text: str = ""
    span: Span | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "scope", Scope(self.scope))
        object.__setattr__(self, "periods", tuple(ReportPeriod(p) for p in self.periods))

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "from": self.from_,
            "to": self.to,
            "scope": self.scope.value,
            "periods": [p.value for p in self.periods],
            "text": self.text,
            "span": _span_json(self.span),
        }


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


@dataclass(frozen=True, kw_only=True, eq=False)
class Diagnostic:
    """A problem in a plan the reader could still understand: shown, never silent.

    It carries no words: ``code`` names the problem and ``args`` its plain values; the words a
    person reads live in Cadence's catalogue under ``<section>.<code>`` (``reader.total-mismatch``,
    ``schedule.declared-partial``).
    """

    ref: str | None
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    span: Span | None = None
    section: str = "reader"  # the catalogue table its words are in ("schedule" for import notes)

    def __post_init__(self) -> None:
        if not self.code:
            raise ValueError("Diagnostic.code must not be empty")
        object.__setattr__(self, "args", dict(self.args))
        if not all(_plain(v) for v in self.args.values()):
            raise ValueError(f"Diagnostic.args must be plain values, got {self.args!r}")

    @property
    def key(self) -> str:
        """The catalogue key of the words for this diagnostic."""
        return f"{self.section}.{self.code}"

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "code": self.code, "args": dict(self.args), "span": _span_json(self.span)}


@dataclass(frozen=True, kw_only=True)
class Plan:
    """A whole plan as read: its tasks, who follows up, and who reports to whom."""

    file: str
    title: str
    issuer: str
    year: int
    activities: tuple[Activity, ...] = ()
    monitors: tuple[Monitor, ...] = ()
    reports: tuple[Report, ...] = ()
    warnings: tuple[Diagnostic, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("activities", "monitors", "reports", "warnings"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "title": self.title,
            "issuer": self.issuer,
            "year": self.year,
            "activities": [a.to_json() for a in self.activities],
            "monitors": [m.to_json() for m in self.monitors],
            "reports": [r.to_json() for r in self.reports],
            "warnings": [w.to_json() for w in self.warnings],
        }


class PlanReadError(Exception):
    """Input that cannot be read at all: names the file, the line and the fragment.

    Like a Diagnostic it carries a ``code`` and plain ``args``, not words; Cadence says it in the
    user's language (catalogue key ``<section>.<code>``: ``reader`` for the reader's own errors,
    ``documents`` for a file that cannot be opened).
    """

    def __init__(self, code: str, *, file: str = "", line: int = 0, fragment: str = "",
                 section: str = "reader", **args: Any):
        self.code = code
        self.section = section
        self.args_ = {k: v for k, v in args.items() if _plain(v)}
        self.file = file
        self.line = line
        self.fragment = fragment
        text = f"{self.where}: {code}" if self.where else code
        if self.args_:
            text += " " + ", ".join(f"{k}={v}" for k, v in self.args_.items())
        super().__init__(text)

    @property
    def key(self) -> str:
        return f"{self.section}.{self.code}"

    @property
    def where(self) -> str:
        """"file:line", or the file alone, or nothing."""
        return self.file + (f":{self.line}" if self.line else "")

    def elsewhere(self, *, file: str) -> "PlanReadError":
        """The same error naming the file as the user gave it."""
        return PlanReadError(self.code, file=file, line=self.line, fragment=self.fragment,
                             section=self.section, **self.args_)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _span_from_json(data: dict[str, Any] | None) -> Span | None:
    return Span(**data) if data else None


def rule_from_json(data: dict[str, Any]) -> Rule:
    """A Rule from its JSON form (the shape of SCHEMA.md)."""
    fields = {k: data.get(k) for k in Rule.__dataclass_fields__ if k in data}
    fields["span"] = _span_from_json(fields.get("span"))
    return Rule(**fields)


def window_from_json(data: dict[str, Any] | None) -> Window | None:
    if data is None:
        return None
    return Window(start=_date(data["start"]), end=_date(data["end"]), text=data.get("text", ""))


def activity_from_json(data: dict[str, Any]) -> Activity:
    return Activity(
        ref=data["ref"],
        title=data.get("title", ""),
        scope=data.get("scope"),
        lead=data.get("lead", ()),
        support=data.get("support", ()),
        directs=data.get("directs", ()),
        window=window_from_json(data.get("window")),
        ongoing=bool(data.get("ongoing", False)),
        rules=[rule_from_json(r) for r in data.get("rules", ())],
    )


def _stored_warning(data: dict[str, Any]) -> Diagnostic:
    """A warning of a stored reading: its code and values, or its words when it has no code."""
    if data.get("code"):
        return Diagnostic(ref=data.get("ref"), code=data["code"], args=data.get("args") or {})
    return Diagnostic(ref=data.get("ref"), code="stored", args={"message": data.get("message", "")})


def plan_from_json(data: dict[str, Any]) -> Plan:
    """A Plan from its JSON form: a gold reading, or a stored ``--json`` parse."""
    return Plan(
        file=data.get("file", ""),
        title=data.get("title", ""),
        issuer=data.get("issuer", ""),
        year=int(data["year"]),
        activities=[activity_from_json(a) for a in data.get("activities", ())],
        monitors=[Monitor(unit=m["unit"], scope=m["scope"], ref=m["ref"]) for m in data.get("monitors", ())],
        reports=[
            Report(
                ref=r["ref"], from_=r["from"], to=r["to"], scope=r["scope"],
                periods=r.get("periods", ()), text=r.get("text", ""),
            )
            for r in data.get("reports", ())
        ],
        warnings=[_stored_warning(w) for w in data.get("warnings", ())],
    )
