"""The values a reading of a plan produces.

Field names follow ``shared/gold/SCHEMA.md`` so that the JSON a user sees and the object a
developer holds agree. Every value is frozen, keyword-only and checked when built.
"""
from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import asdict, dataclass, field
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "per", Per(self.per))
        object.__setattr__(self, "kind", Kind(self.kind))
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
        data = asdict(self)
        data["per"] = self.per.value
        data["kind"] = self.kind.value
        return data


@dataclass(frozen=True, kw_only=True)
class Window:
    """The period a task runs in, as dates inclusive at both ends."""

    start: dt.date
    end: dt.date
    text: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Window ends ({self.end}) before it starts ({self.start})")

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "text": self.text}


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
        }


@dataclass(frozen=True, kw_only=True)
class Monitor:
    """A unit that follows up on the carrying out of the plan in a scope (đầu mối)."""

    unit: str
    scope: Scope
    ref: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "scope", Scope(self.scope))

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "scope": self.scope.value, "ref": self.ref}


@dataclass(frozen=True, kw_only=True)
class Report:
    """A recurring reporting duty of ``from_`` units to ``to``."""

    ref: str
    from_: str
    to: str
    scope: Scope
    periods: tuple[ReportPeriod, ...] = ()
    text: str = ""

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
        }


@dataclass(frozen=True, kw_only=True)
class Diagnostic:
    """A problem in a plan the reader could still understand: shown, never silent."""

    ref: str | None
    message: str
    code: str = ""
    text: str = ""
    line: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "message": self.message}


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
    """Input that cannot be read at all: names the file, the line and the fragment."""

    def __init__(self, message: str, *, file: str = "", line: int = 0, fragment: str = ""):
        self.reason = message
        self.file = file
        self.line = line
        self.fragment = fragment
        where = file + (f":{line}" if line else "")
        text = f"{where}: {message}" if where else message
        if fragment:
            text += f" ({fragment[:60]!r})"
        super().__init__(text)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def rule_from_json(data: dict[str, Any]) -> Rule:
    """A Rule from its JSON form (the shape of SCHEMA.md)."""
    return Rule(**{k: data.get(k) for k in Rule.__dataclass_fields__ if k in data})


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


def plan_from_json(data: dict[str, Any]) -> Plan:
    """A Plan from its JSON form: a gold reading, or a stored ``--json`` parse."""
    return Plan(
        file=data.get("file", ""),
        title=data.get("title", ""),
        issuer=data.get("issuer", ""),
        year=int(data["year"]),
        activities=[activity_from_json(a) for a in data.get("activities", ())],
        monitors=[Monitor(**m) for m in data.get("monitors", ())],
        reports=[
            Report(
                ref=r["ref"], from_=r["from"], to=r["to"], scope=r["scope"],
                periods=r.get("periods", ()), text=r.get("text", ""),
            )
            for r in data.get("reports", ())
        ],
        warnings=[Diagnostic(ref=w.get("ref"), message=w["message"]) for w in data.get("warnings", ())],
    )
