"""A reading held against a reference reading, field by field, as shared/gold/SCHEMA.md scores.

Activities are matched on folded titles (first 60 characters, similarity ≥ 0.75; an identical
ref breaks ties). Units compare folded with similarity ≥ 0.85, so OCR damage can still match.
Rules compare as a multiset; a yearly count that divides into weeks, months or quarters
compares equal to that form. Monitors and reports compare as sets.
"""
from __future__ import annotations

import difflib
import math
from collections import Counter
from dataclasses import dataclass, field

from rules.text import fold_words

TITLE_LIKENESS = 0.75
UNIT_LIKENESS = 0.85
FIELDS = ("lead", "support", "window", "ongoing", "rules")


def _alike(a: str, b: str, threshold: float) -> bool:
    return difflib.SequenceMatcher(None, fold_words(a), fold_words(b)).ratio() >= threshold


def _title_key(title: str) -> str:
    return fold_words(title)[:60]


def _units_equal(gold: list[str], parsed: list[str]) -> bool:
    if len(gold) != len(parsed):
        return False
    left = list(parsed)
    for unit in gold:
        match = next((p for p in left if _alike(unit, p, UNIT_LIKENESS)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _rule_key(rule: dict) -> tuple:
    count, per, every = rule["count"], rule["per"], rule.get("every", 1)
    if per == "year" and every == 1:
        for size, name in ((52, "week"), (12, "month"), (4, "quarter")):
            if count % size == 0:
                count, per = count // size, name
                break
    channel = fold_words(rule["channel"]) if rule.get("channel") else None
    return (count, per, every, rule.get("kind", "produce"), channel, bool(rule.get("approx")),
            rule.get("duration_min"), rule.get("declared_total"), rule.get("on"))


def _rules_equal(gold: list[dict], parsed: list[dict]) -> bool:
    if Counter(_rule_key(r) for r in gold) != Counter(_rule_key(r) for r in parsed):
        return False
    left = list(parsed)
    for rule in gold:
        match = next((p for p in left if _rule_key(p) == _rule_key(rule) and _series_ok(rule, p)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _series_ok(gold: dict, parsed: dict) -> bool:
    if not gold.get("series"):
        return True
    return bool(parsed.get("series")) and fold_words(gold["series"]) in fold_words(parsed["series"])


def _window_key(window: dict | None):
    return (window["start"], window["end"]) if window else None


def _field_equal(name: str, gold: dict, parsed: dict) -> bool:
    if name in ("lead", "support"):
        return _units_equal(gold[name], parsed[name])
    if name == "window":
        return _window_key(gold["window"]) == _window_key(parsed["window"])
    if name == "rules":
        return _rules_equal(gold["rules"], parsed["rules"])
    return gold[name] == parsed[name]


def match_activities(gold: list[dict], parsed: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each reference activity with the parsed activity it matches, or None."""
    pairs = []
    for activity in gold:
        best, best_score = None, 0.0
        for candidate in parsed:
            score = difflib.SequenceMatcher(None, _title_key(activity["title"]), _title_key(candidate["title"])).ratio()
            score += 0.001 if candidate["ref"] == activity["ref"] else 0
            if score > best_score:
                best, best_score = candidate, score
        pairs.append((activity, best if best_score >= TITLE_LIKENESS else None))
    return pairs


@dataclass
class SetScore:
    found: int = 0  # reference items the parse has
    expected: int = 0  # reference items
    produced: int = 0  # parsed items
    extra: int = 0  # parsed items the reference lacks

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return (self.produced - self.extra) / self.produced if self.produced else 1.0


def _set_score(gold: list, parsed: list, same) -> SetScore:
    gold_set = _unique(gold, same)
    parsed_set = _unique(parsed, same)
    found = sum(1 for g in gold_set if any(same(g, p) for p in parsed_set))
    extra = sum(1 for p in parsed_set if not any(same(g, p) for g in gold_set))
    return SetScore(found, len(gold_set), len(parsed_set), extra)


def _unique(items: list, same) -> list:
    out: list = []
    for item in items:
        if not any(same(item, kept) for kept in out):
            out.append(item)
    return out


def _same_monitor(a: dict, b: dict) -> bool:
    return a["scope"] == b["scope"] and _alike(a["unit"], b["unit"], UNIT_LIKENESS)


def _same_report(a: dict, b: dict) -> bool:
    if sorted(a["periods"]) != sorted(b["periods"]):
        return False
    x, y = fold_words(a["to"]), fold_words(b["to"])
    return x in y or y in x or _alike(x, y, UNIT_LIKENESS)


@dataclass
class PlanScore:
    """How a parse of one plan fares against its reference reading."""

    file: str
    activities: SetScore
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (right, matched)
    wrong: list[str] = field(default_factory=list)  # "ref: field" for each miss
    monitors: SetScore = field(default_factory=SetScore)
    reports: SetScore = field(default_factory=SetScore)

    def field_rate(self, name: str) -> float:
        right, total = self.fields.get(name, (0, 0))
        return right / total if total else 1.0


def score_plan(gold: dict, parsed: dict) -> PlanScore:
    """Score one parsed plan (the ``--json`` shape) against its reference reading."""
    pairs = match_activities(gold["activities"], parsed["activities"])
    matched = [(g, p) for g, p in pairs if p is not None]
    score = PlanScore(
        file=gold.get("file", ""),
        activities=SetScore(len(matched), len(gold["activities"]), len(parsed["activities"]),
                            len(parsed["activities"]) - len({id(p) for _, p in matched})),
        monitors=_set_score(gold["monitors"], parsed["monitors"], _same_monitor),
        reports=_set_score(gold["reports"], parsed["reports"], _same_report),
    )
    score.wrong.extend(f"{g['ref']}: not found" for g, p in pairs if p is None)
    for name in FIELDS:
        right = 0
        for g, p in matched:
            if _field_equal(name, g, p):
                right += 1
            else:
                score.wrong.append(f"{g['ref']}: {name}")
        score.fields[name] = (right, len(matched))
    return score


# -- one wording against its expected reading (tests/rules/wordings) ------------------------

PHRASE_FIELDS = ("kind", "approx", "duration_min", "declared_total", "on", "day_of_month", "week_of_month", "time")
_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _rate(count: int, per: str, every: int) -> tuple:
    """A cadence in one canonical form, so that equivalent forms compare equal: 12/year =
    1/month, 4/year = 1 every 3 months = 1/quarter, 52/year = 1/week, 2/year = 1 every 6 months."""
    if per == "year" and every == 1 and count % 52 == 0:
        return (count // 52, "week", 1)
    if per in _MONTHS:
        months = _MONTHS[per] * every
        divisor = math.gcd(count, months)
        return (count // divisor, "month", months // divisor)
    return (count, per, every)


def _phrase_rule_key(rule: dict) -> tuple:
    weekdays = tuple(sorted(rule.get("weekdays") or ()))
    defaults = {"kind": "produce", "approx": False}
    rest = tuple(rule.get(name, defaults.get(name)) or defaults.get(name) for name in PHRASE_FIELDS)
    return _rate(rule["count"], rule["per"], rule.get("every") or 1) + rest + (weekdays,)


def _channel_ok(expected: str | None, parsed: str | None) -> bool:
    """Channels compare folded; one containing the other matches ("Báo Lào Cai" in "Báo Lào Cai
    điện tử"); a channel where none was expected, or none where one was, does not."""
    if not expected or not parsed:
        return not expected and not parsed
    a, b = fold_words(expected), fold_words(parsed)
    return a in b or b in a


def phrase_rules_equal(expected: list[dict], parsed: list[dict]) -> bool:
    """Expected rules against parsed ones, as multisets; channel and series compared loosely."""
    if len(expected) != len(parsed):
        return False
    left = list(parsed)
    for rule in expected:
        match = next((p for p in left if _phrase_rule_key(p) == _phrase_rule_key(rule)
                      and _channel_ok(rule.get("channel"), p.get("channel")) and _series_ok(rule, p)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def phrase_window_equal(expected: dict | None, parsed: dict | None) -> bool:
    if expected is None or parsed is None:
        return expected is None and parsed is None
    same = (expected["start"], expected["end"]) == (parsed["start"], parsed["end"])
    return same and ("ongoing" not in expected or bool(expected["ongoing"]) == bool(parsed.get("ongoing")))


def phrase_reads_right(expected: dict, parsed: dict) -> bool:
    """A reading of one wording (the ``--phrase --json`` shape) against the row's expected one."""
    return phrase_rules_equal(expected["rules"], parsed["rules"]) and phrase_window_equal(expected["window"], parsed["window"])
