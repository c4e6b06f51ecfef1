"""A cadence in plain words, as the review page shows it beside its form fields: "1 số mỗi
tuần, 52 số/năm", "khoảng 15 tin mỗi tháng, 180 tin/năm (kế hoạch ghi 150/năm)". The output
word is the one the plan used ("số", "tin, bài", "chương trình"), found with the reader's own
list of output words."""
from __future__ import annotations

import functools
from typing import Any

from cadence.catalogue import say
from rules.text import fold

PERIODS_A_YEAR = {"day": 365, "week": 52, "month": 12, "quarter": 4, "year": 1}


def describe_rule(rule: dict[str, Any], lang: str = "vi") -> str:
    """One rule (its JSON form) in words."""
    output = _output_word(rule.get("text") or "") if str(getattr(lang, "value", lang)) == "vi" else ""
    output = output or say("intake.words.output", lang)
    period = say(f"per.{rule['per']}", lang)
    every = int(rule.get("every") or 1)
    key = "intake.words.cadence-every" if every > 1 else "intake.words.cadence"
    text = say(key, lang, count=int(rule["count"]), output=output, every=every, period=period)
    if rule.get("approx"):
        text = say("intake.words.about", lang, text=text)
    if rule.get("kind") == "rebroadcast":
        text = say("intake.words.rebroadcast", lang, text=text)
    parts = [text, say("intake.words.a-year", lang, n=per_year(rule), output=output)]
    declared = rule.get("declared_total")
    if declared and declared != per_year(rule):
        parts.append(say("intake.words.declared", lang, n=int(declared)))
    parts += _when(rule, lang)
    named = ", ".join(p for p in (rule.get("series"), rule.get("channel")) if p)
    return (named + ": " if named else "") + ", ".join(parts)


def per_year(rule: dict[str, Any]) -> int:
    """Outputs a full year of the cadence gives (52 weeks, 365 days)."""
    return round(int(rule["count"]) * PERIODS_A_YEAR[rule["per"]] / int(rule.get("every") or 1))


def _when(rule: dict[str, Any], lang: str) -> list[str]:
    found = []
    if rule.get("weekdays"):
        days = ", ".join(say(f"parse.weekday.{d}", lang) for d in rule["weekdays"])
        found.append(say("intake.words.on-days", lang, days=days))
    if rule.get("day_of_month"):
        found.append(say("intake.words.by-day", lang, day=int(rule["day_of_month"])))
    if rule.get("on"):
        month, day = rule["on"].split("-")
        found.append(say("intake.words.on-date", lang, day=f"{day}/{month}"))
    if rule.get("time"):
        found.append(say("intake.words.at-time", lang, time=rule["time"]))
    return found


def _output_word(text: str) -> str:
    """The longest output word the rule's own words contain ("01 số/tuần" → "số")."""
    folded = f" {_words(fold(text))} "
    for original, word in _outputs():
        if f" {word} " in folded:
            return original
    return ""


@functools.cache
def _outputs() -> tuple[tuple[str, str], ...]:
    from rules.vocabulary import vocabulary

    words = vocabulary().data["cadence"]["outputs"]
    return tuple(sorted(((w, _words(fold(w))) for w in words), key=lambda pair: -len(pair[1])))


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())
