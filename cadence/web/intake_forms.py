"""The review page's forms read back into the values of a reading: an activity's fields, its
cadences (one group of fields per rule: ``r0-count``, ``r0-per``…; ``rn-…`` for a new one), the
plan's monitors and reports, a new activity. Bad input raises ``FormProblem`` naming the field
(its words in the catalogue), and nothing is saved."""
from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.datastructures import FormData

from rules.model import Scope

PERS = ("day", "week", "month", "quarter", "year")
KINDS = ("produce", "rebroadcast")
SCOPES = tuple(scope.value for scope in Scope)
REPORT_PERIODS = ("month", "quarter", "half_year", "year")
MAX_RULES = 12
MAX_ROWS = 40


class FormProblem(Exception):
    def __init__(self, key: str, **fields) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields


def text(form: FormData, name: str, *, most: int = 1000) -> str:
    value = form.get(name, "")
    return " ".join(str(value).split())[:most] if isinstance(value, str) else ""


def names(form: FormData, name: str) -> list[str]:
    """One unit name a line (a textarea), blanks left out."""
    value = form.get(name, "")
    lines = str(value).replace("\r", "").split("\n") if isinstance(value, str) else []
    return [" ".join(line.split())[:400] for line in lines if line.strip()][:MAX_ROWS]


def window(form: FormData) -> dict | None:
    """Both dates or neither; the end not before the start."""
    start, end = text(form, "start"), text(form, "end")
    if not start and not end:
        return None
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise FormProblem("intake.web.bad-window") from None
    if last < first:
        raise FormProblem("intake.web.backwards-window")
    return {"start": first.isoformat(), "end": last.isoformat(), "text": "", "span": None}


def rules(form: FormData, current: list[dict]) -> list[dict]:
    """The activity's cadences as the form gives them: each existing one changed or dropped,
    and a new one when its count is filled in. What the form does not show of a rule (its words,
    named days, time of day) is kept."""
    found = []
    for index, rule in enumerate(current[:MAX_RULES]):
        if form.get(f"r{index}-drop"):
            continue
        found.append(_rule(form, f"r{index}", rule))
    if text(form, "rn-count"):
        found.append(_rule(form, "rn", {"kind": "produce", "every": 1}))
    return found


def _rule(form: FormData, prefix: str, base: dict) -> dict:
    rule = {k: v for k, v in base.items() if k != "span"}
    rule["count"] = _whole(form, f"{prefix}-count", low=1, high=100_000)
    rule["every"] = _whole(form, f"{prefix}-every", low=1, high=100, default=1)
    rule["per"] = _choice(form, f"{prefix}-per", PERS)
    rule["kind"] = _choice(form, f"{prefix}-kind", KINDS, default="produce")
    rule["approx"] = bool(form.get(f"{prefix}-approx"))
    declared = text(form, f"{prefix}-declared")
    rule["declared_total"] = _whole(form, f"{prefix}-declared", low=1, high=1_000_000) if declared else None
    for field in ("series", "channel"):
        rule[field] = text(form, f"{prefix}-{field}", most=300) or None
    rule.setdefault("text", "")
    return rule


def _whole(form: FormData, name: str, *, low: int, high: int, default: int | None = None) -> int:
    value = text(form, name)
    if not value and default is not None:
        return default
    if not (value.isascii() and value.isdigit()) or len(value) > 12 or not low <= int(value) <= high:
        raise FormProblem("intake.web.bad-number", low=low, high=high, value=value or "—")
    return int(value)


def _choice(form: FormData, name: str, allowed: tuple[str, ...], default: str | None = None) -> str:
    value = text(form, name) or default
    if value not in allowed:
        raise FormProblem("intake.web.bad-choice")
    return value


def monitors(form: FormData, current: list[dict]) -> list[dict]:
    """The plan's monitors (đầu mối): each row kept, changed or dropped, and a new one."""
    found = []
    for index in range(min(len(current), MAX_ROWS)):
        if form.get(f"m{index}-drop") or not text(form, f"m{index}-unit"):
            continue
        found.append({"unit": text(form, f"m{index}-unit", most=400), "scope": _choice(form, f"m{index}-scope", SCOPES),
                      "ref": current[index].get("ref", ""), "span": None})
    if text(form, "mn-unit"):
        found.append({"unit": text(form, "mn-unit", most=400), "scope": _choice(form, "mn-scope", SCOPES), "ref": "",
                      "span": None})
    return found


def reports(form: FormData, current: list[dict]) -> list[dict]:
    """The plan's reporting duties: who reports, to whom, in what scope, for which periods."""
    found = []
    rows = [(f"p{index}", current[index]) for index in range(min(len(current), MAX_ROWS))] + [("pn", {})]
    for prefix, base in rows:
        if form.get(f"{prefix}-drop") or not text(form, f"{prefix}-from"):
            continue
        periods = [p for p in REPORT_PERIODS if form.get(f"{prefix}-{p}")]
        found.append({"ref": base.get("ref", ""), "from": text(form, f"{prefix}-from", most=400),
                      "to": text(form, f"{prefix}-to", most=400), "scope": _choice(form, f"{prefix}-scope", SCOPES),
                      "periods": periods, "text": base.get("text", ""), "span": None})
    return found


def new_activity(form: FormData, taken: set[str]) -> dict[str, Any]:
    """An activity a person adds: its ref (or the next free "+1", "+2"…), title, units, window
    and one cadence."""
    ref = text(form, "ref", most=40) or next(f"+{n}" for n in range(1, 1000) if f"+{n}" not in taken)
    if ref in taken:
        raise FormProblem("intake.web.ref-taken", ref=ref)
    title = text(form, "title", most=2000)
    if not title:
        raise FormProblem("intake.web.no-title")
    lead = names(form, "lead")
    return {"ref": ref, "title": title, "scope": None, "lead": lead, "support": names(form, "support"),
            "directs": [], "window": window(form), "ongoing": bool(form.get("ongoing")),
            "rules": rules(form, []), "spans": {"title": None, "lead": [None] * len(lead), "support": [], "directs": []}}
