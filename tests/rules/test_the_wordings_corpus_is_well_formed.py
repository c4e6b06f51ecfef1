"""The corpus of real wordings is well formed, so that a score against it means something.

Each row of ``tests/rules/wordings/*.jsonl`` is a phrase copied from a public Vietnamese source,
with the reading a careful official would give (the shape of ``cadence parse --phrase --json``).
A row that names no source, a reading that could not be built as rules, or a corpus that leans
on one province would make the grammar's figures meaningless; these tests keep it honest.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from rules.model import Rule, rule_from_json

WORDINGS = Path(__file__).parent / "wordings"
CATEGORIES = {"cadence", "report", "window", "mixed", "negative"}
DUTIES = {"communication", "reporting", "other"}
ROW_FIELDS = {"text", "source", "issuer", "doc", "year", "category", "duty", "expected"}
OPTIONAL_ROW_FIELDS = {"note"}
ORIGINAL_RULE_FIELDS = set(Rule.__dataclass_fields__) - {"text"}
NEW_RULE_FIELDS = {"weekdays", "day_of_month", "week_of_month", "time"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def load_rows() -> list[tuple[str, int, dict]]:
    """Every row as (file name, line number, row)."""
    rows = []
    for path in sorted(WORDINGS.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                rows.append((path.name, number, json.loads(line)))
    return rows


def listed_sources() -> set[str]:
    """The addresses SOURCES.md lists, each written as <https://...>."""
    return set(re.findall(r"<(https://[^>\s]+)>", (WORDINGS / "SOURCES.md").read_text(encoding="utf-8")))


def rule_problems(rule: dict) -> list[str]:
    """What is wrong with one expected rule; empty when it builds and its new fields are sane."""
    unknown = set(rule) - ORIGINAL_RULE_FIELDS - NEW_RULE_FIELDS
    if unknown:
        return [f"unknown rule fields {sorted(unknown)}"]
    try:
        rule_from_json({k: v for k, v in rule.items() if k in ORIGINAL_RULE_FIELDS})
    except (TypeError, ValueError) as error:
        return [f"rule does not build: {error}"]
    problems = []
    weekdays = rule.get("weekdays")
    if weekdays is not None and (not weekdays or not set(weekdays) <= WEEKDAYS or len(set(weekdays)) != len(weekdays)):
        problems.append(f"weekdays {weekdays!r} are not distinct day names")
    day = rule.get("day_of_month")
    if day is not None and (not isinstance(day, int) or isinstance(day, bool) or not (1 <= day <= 31 or day == -1)):
        problems.append(f"day_of_month {day!r} is not 1-31 or -1")
    week = rule.get("week_of_month")
    if week is not None and (not isinstance(week, int) or isinstance(week, bool) or not (1 <= week <= 5 or week == -1)):
        problems.append(f"week_of_month {week!r} is not 1-5 or -1")
    time = rule.get("time")
    if time is not None and not (isinstance(time, str) and TIME.match(time)):
        problems.append(f"time {time!r} is not HH:MM")
    return problems


def window_problems(window) -> list[str]:
    if window is None:
        return []
    if not isinstance(window, dict) or not {"start", "end"} <= set(window) or set(window) - {"start", "end", "ongoing"}:
        return [f"window {window!r} is not {{start, end[, ongoing]}}"]
    try:
        start, end = dt.date.fromisoformat(window["start"]), dt.date.fromisoformat(window["end"])
    except (TypeError, ValueError):
        return [f"window dates {window['start']!r}..{window['end']!r} are not YYYY-MM-DD"]
    problems = [] if start <= end else [f"window ends {end} before it starts {start}"]
    if not isinstance(window.get("ongoing", False), bool):
        problems.append("window.ongoing is not true or false")
    return problems


def row_problems(file: str, row: dict, sources: set[str]) -> list[str]:
    """Everything wrong with one row of the corpus."""
    missing, unknown = ROW_FIELDS - set(row), set(row) - ROW_FIELDS - OPTIONAL_ROW_FIELDS
    if missing or unknown:
        return [f"missing fields {sorted(missing)}, unknown fields {sorted(unknown)}"]
    problems = []
    if not isinstance(row["text"], str) or not row["text"].strip() or row["text"] != row["text"].strip():
        problems.append("text is empty or has spaces at its ends")
    if row["category"] not in CATEGORIES or file != f"{row['category']}.jsonl":
        problems.append(f"category {row['category']!r} is unknown or not the file's ({file})")
    if row["duty"] not in DUTIES:
        problems.append(f"duty {row['duty']!r} is unknown")
    if not str(row["source"]).startswith("https://") or row["source"] not in sources:
        problems.append(f"source {row['source']!r} is not an https address listed in SOURCES.md")
    if not row["issuer"] or not row["doc"]:
        problems.append("issuer or doc is empty")
    if not isinstance(row["year"], int) or isinstance(row["year"], bool) or not 1990 <= row["year"] <= 2030:
        problems.append(f"year {row['year']!r} is not a year")
    expected = row["expected"]
    if not isinstance(expected, dict) or set(expected) != {"rules", "window"} or not isinstance(expected["rules"], list):
        return problems + ["expected is not {rules: [...], window: ...}"]
    for rule in expected["rules"]:
        problems += rule_problems(rule) if isinstance(rule, dict) else [f"rule {rule!r} is not an object"]
    problems += window_problems(expected["window"])
    if row["category"] == "negative" and (expected["rules"] or expected["window"] is not None):
        problems.append("a negative row expects rules or a window")
    if row["category"] != "negative" and row["category"] != "report" and not expected["rules"] and expected["window"] is None:
        problems.append("a row that is not negative expects nothing")
    return problems


ROWS = load_rows()
SOURCES = listed_sources()


@pytest.mark.parametrize("file, line, row", ROWS, ids=[f"{f}:{n}" for f, n, _ in ROWS])
def test_every_row_is_well_formed(file, line, row):
    assert row_problems(file, row, SOURCES) == []


def test_every_text_is_unique():
    seen: dict[str, str] = {}
    for file, line, row in ROWS:
        assert row["text"] not in seen, f"{file}:{line} repeats {seen[row['text']]}"
        seen[row["text"]] = f"{file}:{line}"


def test_the_corpus_is_large_and_drawn_from_many_issuers():
    assert len(ROWS) >= 400
    assert len({row["issuer"] for _, _, row in ROWS}) >= 20


def test_most_rows_are_communication_or_reporting_duties_and_about_a_tenth_are_negatives():
    duties = [row["duty"] for _, _, row in ROWS]
    negatives = sum(row["category"] == "negative" for _, _, row in ROWS)
    assert sum(d in ("communication", "reporting") for d in duties) >= 0.60 * len(ROWS)
    assert 0.08 * len(ROWS) <= negatives <= 0.15 * len(ROWS)


def test_every_listed_source_is_used():
    used = {row["source"] for _, _, row in ROWS}
    assert SOURCES - used == set()


# The checks themselves must catch broken rows, or the table test above could never fail.
GOOD = {"text": "01 số/tuần", "source": "https://example.gov.vn/kh", "issuer": "UBND tỉnh X", "doc": "Kế hoạch 1/KH-UBND",
        "year": 2025, "category": "cadence", "duty": "communication",
        "expected": {"rules": [{"count": 1, "per": "week"}], "window": None}}


@pytest.mark.parametrize("change, complaint", [
    ({"category": "cadenza"}, "category"),
    ({"duty": "leisure"}, "duty"),
    ({"source": "http://example.gov.vn/kh"}, "source"),
    ({"source": "https://elsewhere.gov.vn/kh"}, "source"),
    ({"year": "2025"}, "year"),
    ({"expected": {"rules": [{"count": 0, "per": "week"}], "window": None}}, "does not build"),
    ({"expected": {"rules": [{"count": 1, "per": "fortnight"}], "window": None}}, "does not build"),
    ({"expected": {"rules": [{"count": 1, "per": "week", "kind": "repeat"}], "window": None}}, "does not build"),
    ({"expected": {"rules": [{"count": 1, "per": "week", "weekdays": ["friday", "fryday"]}], "window": None}}, "weekdays"),
    ({"expected": {"rules": [{"count": 1, "per": "month", "day_of_month": 32}], "window": None}}, "day_of_month"),
    ({"expected": {"rules": [{"count": 1, "per": "week", "time": "19h"}], "window": None}}, "time"),
    ({"expected": {"rules": [{"count": 1, "per": "week", "colour": "red"}], "window": None}}, "unknown rule fields"),
    ({"expected": {"rules": [], "window": {"start": "2025-03-20", "end": "2025-03-05"}}}, "before it starts"),
    ({"category": "negative", "expected": {"rules": [{"count": 1, "per": "week"}], "window": None}}, "category"),
    ({"text": " 01 số/tuần"}, "text"),
])
def test_the_checks_catch_a_broken_row(change, complaint):
    sources = {GOOD["source"]}
    assert row_problems("cadence.jsonl", GOOD, sources) == []
    broken = {**GOOD, **change}
    assert any(complaint in problem for problem in row_problems("cadence.jsonl", broken, sources))


def test_the_checks_catch_a_negative_that_expects_a_window():
    row = {**GOOD, "category": "negative", "expected": {"rules": [], "window": {"start": "2025-01-01", "end": "2025-12-31"}}}
    assert any("negative" in p for p in row_problems("negative.jsonl", row, {GOOD["source"]}))
