"""Modifiers of a cadence: weekdays, the week and day of the month, a day of the year, a time of
day, a duration; and which anchor each belongs to (its own clause and brackets, the nearest)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from rules.found import Found
from rules.lexicon import words_pattern
from rules.model import WEEKDAYS, Kind, Per
from rules.tokens import Tokens
from rules.vocabulary import alternation, vocabulary


@functools.cache
def word_set(*path: str) -> frozenset[str]:
    return frozenset(vocabulary().words(*path))


def weekday_list(tokens: Tokens, first: int, last: int) -> tuple[str, ...]:
    """"thứ Hai, thứ Tư và thứ Sáu" → three days; "thứ 2 - thứ 6", "thứ Hai đến thứ Sáu" → a run."""
    days: list[str] = []
    i = first
    while i < last:
        if tokens.tags[i] == "W":
            day = tokens.values[i]
            if days and i > first and tokens.tags[i - 1] in "-J":
                a, b = WEEKDAYS.index(days[-1]), WEEKDAYS.index(day)
                days.extend(WEEKDAYS[k] for k in range(a + 1, b + 1) if WEEKDAYS[k] not in days)
            elif day not in days:
                days.append(day)
        i += 1
    return tuple(days)


@dataclass(frozen=True)
class Modifier:
    index: int
    field: str
    value: object
    deadline: bool = False  # after "trước", "chậm nhất", "thời hạn": wins over another date


def clause_has(tokens: Tokens, i: int, name: str) -> bool:
    """Whether the words before token i, back to the last comma or bracket (for figures' cut-offs,
    back to the sentence's start and no deadline since), hold a ``cadence.<name>`` word."""
    start = i
    stops = ";." if name == "data_extent" else ",;.()"  # a clause of figures runs to the sentence's end
    while start > 0 and tokens.tags[start - 1] not in stops:
        start -= 1
    if start >= i:
        return False
    clause = tokens.view[tokens.starts[start]:tokens.starts[i]]
    found = [m.end() for m in words_pattern(tokens.strict, ("cadence", name)).finditer(clause)]
    if not found or name != "data_extent":
        return bool(found)
    begin = tokens.starts[start]
    deadlines = [m.end() for m in words_pattern(tokens.strict, ("cadence", "deadline")).finditer(clause)
                 if deadline_ahead().match(tokens.view, begin + m.end())]
    return not deadlines or max(found) > max(deadlines)


@functools.cache
def deadline_ahead() -> re.Pattern:
    """"trước" is a deadline before a day ("trước ngày 28", "chậm nhất là 30/6"), not in "năm trước"."""
    vocab = vocabulary()
    day = alternation([w for w in vocab.data["cadence"]["periods"]["day"]] + list(vocab.words("cadence", "periods", "day")))
    copula = alternation([w for w in vocab.data["cadence"]["copula"]] + list(vocab.words("cadence", "copula")))
    return re.compile(rf"\s*(?:(?:{copula})\s+)?(?:(?:{day})\b|\d)|[^\d]*?(?:{copula})\s+\d")


def dated(tokens: Tokens, i: int, field: str, value) -> Modifier | None:
    """A day of the month or of the year, unless its clause gives the stretch a report's figures
    cover ("số liệu … tính từ ngày 01 …") or it opens a range ("từ ngày 1 đến ngày 5")."""
    if clause_has(tokens, i, "data_extent") or (i > 0 and tokens.tags[i - 1] == "F"):
        return None
    return Modifier(i, field, value, deadline=clause_has(tokens, i, "deadline"))


def modifiers_in(tokens: Tokens, used: set[int]) -> list[Modifier]:
    """Every modifier in the text that no anchor consumed."""
    tags, values = tokens.tags, tokens.values
    out: list[Modifier] = []
    i = 0
    while i < len(tags):
        tag = tags[i]
        if i in used:
            i += 1
            continue
        if tag == "W":
            j = i
            while j + 2 < len(tags) and tags[j + 1] in ",v-J" and tags[j + 2] == "W":
                j += 2
            out.append(Modifier(i, "weekdays", weekday_list(tokens, i, j + 1)))
            i = j + 1
            continue
        modifier = None
        if tag == "H" and i + 2 < len(tags) and tags[i + 1] == "J" and tags[i + 2] == "H" and not clause_has(tokens, i, "data_extent"):
            (h1, m1), (h2, m2) = values[i], values[i + 2]  # "từ 5h10 đến 5h30": a 20-minute slot at 5:10
            if h1 < 24 and 0 < (h2 * 60 + m2) - (h1 * 60 + m1) <= 24 * 60:
                out.append(Modifier(i, "time", f"{h1:02d}:{m1:02d}"))
                out.append(Modifier(i + 2, "duration_min", (h2 * 60 + m2) - (h1 * 60 + m1)))
                i += 3
                continue
        if tag == "H" and (i > 0 and tags[i - 1] == "J" or clause_has(tokens, i, "data_extent")):
            pass  # "tính từ 0h00": figures, not a time
        elif tag == "H" and not (i > 0 and tags[i - 1] in "Tu"):
            hour, minute = values[i]
            nxt = values[i + 1] if i + 1 < len(tags) and tags[i + 1] == "X" else None
            if nxt in word_set("cadence", "afternoon") and hour < 12:
                hour += 12
            if hour < 24:
                modifier = Modifier(i, "time", f"{hour:02d}:{minute:02d}")
        elif tag == "H" and tags[i - 1] == "u":
            modifier = Modifier(i, "duration_min", values[i][0] * 60 + values[i][1])
        elif tag == "a" and i > 0 and tags[i - 1] == "F" and tags[i + 1:i + 3] in ("JD", "-D"):
            day, month, year = values[i + 2]  # "từ ngày 15 đến 22 tháng 5": a yearly stretch starts on the 15th
            if year is None:
                modifier = Modifier(i, "on", (values[i], month, None))
                i += 2
        elif tag == "a":
            modifier = dated(tokens, i, "day_of_month", values[i])
        elif tag == "D" and values[i][2] is None and i > 0 and tags[i - 1] == "F" and "J" in tags[i + 1:i + 3]:
            pass  # "từ ngày 15/6 đến ngày 04/7": the stretch's end is the deadline
        elif tag == "D" and values[i][2] is None:
            modifier = dated(tokens, i, "on", values[i])
        elif tag == "N" and i + 1 < len(tags) and tags[i + 1] == "P" and 0 < values[i] <= 600:
            modifier = Modifier(i, "duration_min", values[i])
        elif tag == "w" and i + 1 < len(tags) and tags[i + 1] in "Lo" and isinstance(values[i + 1], int):
            if values[i + 1] == -1 or 1 <= values[i + 1] <= 5:
                modifier = Modifier(i, "week_of_month", values[i + 1])
        if modifier is not None:
            out.append(modifier)
        i += 1
    return out


def owner_of(mod: Modifier, anchors: list[Found], segments) -> Found | None:
    """The anchor a modifier belongs to: in its own clause and brackets the nearest before it,
    else the nearest after it; else the same in the clause around the brackets. A duration
    with no anchor in its clause goes to the only anchor of the text."""
    candidates = [a for a in anchors if fits(mod, a)]
    segment = segments[mod.index]
    inside = [a for a in candidates if a.first <= mod.index < a.last]
    if inside:
        return inside[0]
    for scope in (segment, (segment[0], 0)):
        here = [a for a in candidates if a.segment == scope]
        before = [a for a in here if a.last <= mod.index]
        if before:
            return max(before, key=lambda a: a.last)
        after = [a for a in here if a.first > mod.index]
        if after:
            return min(after, key=lambda a: a.first)
    if len(anchors) == 1 and (mod.field == "duration_min" or (mod.deadline and fits(mod, anchors[0]))):
        return anchors[0]  # "Báo cáo 6 tháng: …; Thời gian nộp báo cáo: … đến ngày 04/7"
    return None


def fits(mod: Modifier, anchor: Found) -> bool:
    if mod.field == "on":
        return anchor.per in (Per.MONTH, Per.QUARTER, Per.YEAR)
    if mod.field == "duration_min":
        return anchor.kind is Kind.PRODUCE
    if mod.field == "week_of_month":
        return anchor.per is Per.MONTH
    if mod.field == "weekdays":
        return anchor.per in (Per.WEEK, Per.MONTH, None) or anchor.kind is Kind.REBROADCAST
    if mod.field == "day_of_month":
        return anchor.per in (Per.MONTH, Per.QUARTER, Per.YEAR)
    return True


def applied(anchor: Found, mod: Modifier) -> Found:
    """The anchor with the modifier's value: a day of the year is the yearly rule's ``on``, and
    the day of the month of any other (a half-year report "trước ngày 05 tháng 6" is due on the
    5th); the half-year report named "6 tháng đầu năm" with a day of the year is yearly."""
    field, value = mod.field, mod.value
    if field == "on":
        day, month, _ = value
        if anchor.per is Per.YEAR or anchor.named_half:
            return replace(anchor, per=Per.YEAR, every=1, on=f"{month:02d}-{day:02d}", used=anchor.used | {mod.index},
                           named_half=False)
        field, value = "day_of_month", day
    if field == "weekdays" and anchor.kind is Kind.REBROADCAST and anchor.per is None and anchor.bare_each:
        return replace(anchor, per=Per.WEEK, count=len(value), weekdays=value, used=anchor.used | {mod.index})
    current = getattr(anchor, field)
    if current is not None and not mod.deadline:
        if field in ("time", "duration_min") and current != value:  # two slots ("sáng từ 5h, chiều từ 17h")
            cleared = {field: None, "duration_min": None} if field == "time" else {field: None}
            return replace(anchor, used=anchor.used | {mod.index}, clashes=anchor.clashes | set(cleared), **cleared)
        return anchor
    if field in anchor.clashes:
        return anchor
    return replace(anchor, used=anchor.used | {mod.index}, **{field: value})


def yearly_times(anchor: Found) -> int | None:
    """How many times a year a cadence falls, where it is a whole number: 2 for "6 tháng 1 lần"."""
    months = {Per.MONTH: 1, Per.QUARTER: 3, Per.YEAR: 12}.get(anchor.per)
    if months is None or (12 % (months * anchor.every)):
        return None
    return anchor.count * 12 // (months * anchor.every)


def respectively(anchors: list[Found], modifiers: list[Modifier], segments) -> tuple[list[Found], list[Modifier]]:
    """Days of the year given together: "2 lần/năm (trước 05/7 và 10/01)" is two yearly rules on
    those days; "báo cáo 6 tháng đầu năm và hằng năm trước ngày 05/07 và ngày 05/01 của năm sau"
    gives each report its day, in order."""
    dates = [m for m in modifiers if m.field == "on"]
    by_sentence: dict[int, list[Modifier]] = {}
    for mod in dates:
        by_sentence.setdefault(segments[mod.index][0], []).append(mod)
    used: set[int] = set()
    result = list(anchors)
    for sentence, mods in by_sentence.items():
        if len(mods) < 2:
            continue
        here = [a for a in result if a.segment[0] == sentence and a.on is None]
        yearly = [a for a in here if a.per is Per.YEAR or a.named_half or a.stretch]
        named = True  # a half-year report with a day of the year is yearly
        if len(yearly) != len(mods) and len(here) == len(mods):
            yearly, named = here, False  # "Định kỳ 6 tháng, hằng năm … trước ngày 15/6 và 15/12": each its day
        hosts = [a for a in here if yearly_times(a) == len(mods) and not a.bare_each]
        if not hosts and len(here) == 1 and here[0].bare_each and here[0].per is Per.YEAR:
            hosts = here  # "trước ngày 15 tháng 6 và 15 tháng 12 hằng năm"
        if len(hosts) == 1:
            host = hosts[0]
            index = result.index(host)
            result[index:index + 1] = [applied(replace(host, count=1, per=Per.YEAR, every=1, named_half=True), m) for m in mods]
            result = [a for a in result if not (a in here and a is not host and a.bare_each and a.per is Per.YEAR)]
            used.update(m.index for m in mods)
        elif len(yearly) == len(mods):
            for anchor, mod in zip(yearly, mods):
                result[result.index(anchor)] = applied(replace(anchor, named_half=named or anchor.named_half), mod)
            used.update(m.index for m in mods)
    return result, [m for m in modifiers if m.index not in used]
