"""Cadence phrases → Rules: "01 số/tuần (52 số/năm)", "2 tuần/1 số", "mỗi tháng 01 chuyên
mục và phát lại 03 lần/tháng", "khoảng 15 tin, bài/tháng", "10/10 hằng năm".

``find_cadences`` finds every countable cadence in a piece of text; ``RuleCollector`` turns
the cadences of one task's pieces into Rules, carrying the series and channel a piece names
on to the pieces after it, and attaching yearly totals to the cadence they describe.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from rules.model import Diagnostic, Kind, Per, Rule
from rules.text import fold, squash, strip_trailing
from rules.vocabulary import alternation, vocabulary

PER_WORDS = {"day": Per.DAY, "week": Per.WEEK, "month": Per.MONTH, "quarter": Per.QUARTER, "year": Per.YEAR}
# A yearly total sits beside its cadence: "01 số/tuần (52 số/năm)", "02 số/tháng, 24 số/năm".
TOTAL_GAP = 30


@dataclass(frozen=True)
class Found:
    """A cadence found in text, before its context (series, channel, totals) is known."""

    start: int
    end: int
    count: int
    per: Per | None
    every: int = 1
    kind: Kind = Kind.PRODUCE
    approx: bool = False
    on: str | None = None
    bare_each: bool = False  # "hằng năm" with no count

    @property
    def yearly_total(self) -> bool:
        return self.per is Per.YEAR and self.every == 1 and self.on is None and not self.bare_each


@functools.cache
def _grammar() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    periods = vocab.table("cadence", "periods")
    per = "|".join(
        f"(?P<{name}{{n}}>{alternation(vocab.words('cadence', 'periods', name))})" for name in periods
    )
    out = alternation(vocab.words("cadence", "outputs"))
    outs = rf"{out}(?:\s*,\s*{out})*"
    brackets = r"(?:\s*\([^()]{0,40}\))?"
    num = r"(?<![\d/.,])(?P<num>\d{1,3})(?![\d/])"
    each = alternation(vocab.words("cadence", "each"))
    again = alternation(vocab.words("cadence", "rebroadcast"))
    once = alternation(vocab.words("cadence", "once"))
    words = alternation(fold(w) for w in vocab.table("cadence", "small_numbers"))

    def periods_as(n: int) -> str:
        return per.replace("{n}", str(n))

    end = r"(?![\w])"
    return {
        "per_output": re.compile(
            rf"{num}\s*{outs}{brackets}(?:\s*/\s*\d{{1,3}}\s*{out})?\s*/\s*(?:(?P<every>\d{{1,2}})\s*)?(?:{periods_as(1)}){end}"
        ),
        "output_each": re.compile(
            rf"{num}\s*{outs}{brackets}\s+(?:trong\s+)?(?:moi|mot|{each})\s+(?:{periods_as(2)}){end}"
        ),
        "every_n": re.compile(
            rf"(?<![\d/])(?P<every>\d{{1,2}})\s*(?:{periods_as(3)})\s*/\s*(?:(?P<num>\d{{1,3}})\s*)?{out}{end}"
        ),
        "every_n_words": re.compile(  # "Hai tuần một số"
            rf"(?<![\w])(?P<every_word>{words})\s+(?:{periods_as(8)})\s+(?:{once})\s+{out}{end}"
        ),
        "every_n_once": re.compile(
            rf"(?<![\d/])(?P<every>\d{{1,2}})\s*(?:{periods_as(4)})\s+(?:{once})\s+lan{end}"
        ),
        "each_period": re.compile(
            rf"(?<![\w])(?:{each})\s+(?:{periods_as(5)}){end}(?:\s*,?\s*(?P<num>\d{{1,3}})\s*{outs}{end})?"
        ),
        "period_count": re.compile(
            rf"(?<![\w])(?:(?P<week6>tuan)|(?P<month6>thang)|(?P<quarter6>quy))\s+(?P<num>\d{{1,3}})\s*{out}{end}"
        ),
        "rebroadcast": re.compile(
            rf"(?:{again})\s+(?P<num>\d{{1,3}})\s*lan{end}(?:\s*(?:/|moi|mot|trong)\s*(?:{periods_as(7)}){end})?"
        ),
        "yearly_date": re.compile(
            r"(?<![\d/])(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\d/])\s+(?:hang|moi)\s+nam" + end
        ),
    }


def _period(match: re.Match) -> Per | None:
    for name, value in match.groupdict().items():
        if value and name.rstrip("0123456789") in PER_WORDS:
            return PER_WORDS[name.rstrip("0123456789")]
    return None


@functools.cache
def _approx_before() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{alternation(vocabulary().words('cadence', 'approx'))})\s*[(]?\s*$")


@functools.cache
def _not_yearly_after() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{alternation(vocabulary().words('cadence', 'yearly_not_after'))})\s*$")


def _small_number(word: str | None) -> int | None:
    """'hai' → 2: the number words plans write out."""
    if not word:
        return None
    numbers = {fold(k): v for k, v in vocabulary().table("cadence", "small_numbers").items()}
    return numbers.get(word)


def _found(name: str, match: re.Match, folded: str) -> Found | None:
    groups = match.groupdict()
    approx = bool(_approx_before().search(folded[max(0, match.start() - 25) : match.start()]))
    if name == "yearly_date":
        day, month = int(groups["day"]), int(groups["month"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return Found(match.start(), match.end(), 1, Per.YEAR, on=f"{month:02d}-{day:02d}")
    count = int(groups.get("num") or 1)
    every = int(groups.get("every") or _small_number(groups.get("every_word")) or 1)
    if count < 1 or every < 1:
        return None
    per = _period(match)
    kind = Kind.REBROADCAST if name == "rebroadcast" else Kind.PRODUCE
    bare = name == "each_period" and not groups.get("num")
    if bare and per is Per.YEAR and _not_yearly_after().search(folded[max(0, match.start() - 25) : match.start()]):
        return None
    return Found(match.start(), match.end(), count, per, every, kind, approx, bare_each=bare)


def find_cadences(text: str) -> list[Found]:
    """Every cadence in the text, in order; where two readings overlap the earlier, longer wins."""
    folded = fold(text)
    candidates = []
    for name, pattern in _grammar().items():
        for match in pattern.finditer(folded):
            if found := _found(name, match, folded):
                candidates.append(found)
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for found in candidates:
        if not kept or found.start >= kept[-1].end:
            kept.append(found)
    return kept


# -- context: series, channels, durations ----------------------------------------------------


@functools.cache
def _context_patterns() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    heads = alternation(vocab.words("series", "heads"))
    channels = alternation([v for c in vocab.table("channels").values() for v in vocab.with_ocr(map(fold, c))])
    return {
        "series": re.compile(rf"(?<![\w])(?:{heads})(?![\w])[^:;.]{{0,100}}:"),
        "channel_prefix": re.compile(rf"(?<![\w])(?:tren\s+)?({channels})\s*:"),
        "channel_suffix": re.compile(rf"^\s*\(\s*(?:doi voi|danh cho|tren)?\s*({channels})\s*\)"),
        "duration": re.compile(r"thoi\s+luong\s+(?:khoang\s+)?(\d{1,3})\s*phut"),
        "frequency_tail": re.compile(r"[,\s]*tan suat\s*:?\s*$"),
    }


@functools.cache
def _channel_names() -> dict[str, str]:
    """Folded wording → the channel's name as the gold readings write it."""
    names = {}
    for name, wordings in vocabulary().table("channels").items():
        for wording in wordings:
            names[fold(wording)] = name
    return names


def channel_name(folded: str) -> str:
    return _channel_names().get(re.sub(r"\s+", " ", folded).strip(), folded)


def series_name(text: str) -> str | None:
    """A bullet that names an output ("- Chuyên mục “Cải cách hành chính”, tần suất:")."""
    folded = fold(text)
    heads = vocabulary().words("series", "heads")
    if not any(folded.startswith(h) for h in heads) or find_cadences(text):
        return None
    tail = _context_patterns()["frequency_tail"].search(folded)
    name = text[: tail.start()] if tail else text
    return strip_trailing(squash(name)) or None


@dataclass
class RuleCollector:
    """Collects one task's rules piece by piece, in the order the plan writes them."""

    ref: str | None = None
    rules: list[Rule] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    series: str | None = None
    channel: str | None = None
    pending_totals: list[tuple[int, bool, str]] = field(default_factory=list)

    def add_piece(self, text: str, *, bullet: bool = False) -> list[Found]:
        """Read one piece of the task's text; returns the cadences it held.

        A bullet that only names an output ("- Chuyên mục “Cải cách hành chính”") sets the
        series for the cadences after it; a heading naming its one output does not.
        """
        if bullet and (name := series_name(text)) is not None:
            self.series = name
            return []
        found = find_cadences(text)
        folded = fold(text)
        prefixes = list(_context_patterns()["channel_prefix"].finditer(folded))
        previous: tuple[Found, Rule] | None = None
        for index, item in enumerate(found):
            later = [f.start for f in found[index + 1 :] if not f.yearly_total]
            following = later[0] if later else len(text)
            if item.yearly_total and previous and self._attach_total(previous, item, folded, text):
                previous = None
                continue
            rule = self._rule(item, text, folded, prefixes, following, previous)
            self.rules.append(rule)
            previous = (item, rule)
        if prefixes:
            self.channel = channel_name(prefixes[-1].group(1))
        return found

    def add_total_note(self, text: str) -> None:
        """A yearly total written away from its cadence ("… tỉnh (52 số/năm)")."""
        for item in find_cadences(text):
            if item.yearly_total:
                self.pending_totals.append((item.count, item.approx, text[item.start : item.end]))

    def _attach_total(self, previous: tuple[Found, Rule], item: Found, folded: str, text: str) -> bool:
        found, rule = previous
        gap = folded[found.end : item.start]
        if rule.per is Per.YEAR or rule.declared_total is not None or len(gap) > TOTAL_GAP or "." in gap:
            return False
        updated = replace(
            rule,
            declared_total=item.count,
            approx=rule.approx or item.approx,
            text=squash(text[found.start : item.end + (1 if text[item.end : item.end + 1] == ")" else 0)]),
        )
        self.rules[self.rules.index(rule)] = updated
        return True

    def _rule(self, item: Found, text: str, folded: str, prefixes, following: int, previous) -> Rule:
        per = item.per
        if per is None:  # "phát lại 03 lần" takes the period of the output it repeats
            per = previous[1].per if previous else (self.rules[-1].per if self.rules else None)
            if per is None:
                self._warn("cadence-no-period", f"no period for {text[item.start:item.end]!r}", text)
                per = Per.MONTH
        after = folded[item.end : following]
        duration = _context_patterns()["duration"].search(after)
        return Rule(
            count=item.count,
            per=per,
            every=item.every,
            kind=item.kind,
            series=self._series_at(item, text, folded, previous),
            channel=self._channel_at(item, folded, prefixes, following),
            approx=item.approx,
            duration_min=int(duration.group(1)) if duration and int(duration.group(1)) > 0 else None,
            on=item.on,
            text=squash(text[item.start : item.end]),
        )

    def _series_at(self, item: Found, text: str, folded: str, previous) -> str | None:
        floor = previous[0].end if previous else 0
        names = [m for m in _context_patterns()["series"].finditer(folded, floor) if m.end() <= item.start]
        if names:
            return strip_trailing(squash(text[names[-1].start() : names[-1].end() - 1]))
        return self.series

    def _channel_at(self, item: Found, folded: str, prefixes, following: int) -> str | None:
        suffix = _context_patterns()["channel_suffix"].match(folded[item.end : following])
        if suffix:
            return channel_name(suffix.group(1))
        before = [m for m in prefixes if m.end() <= item.start]
        return channel_name(before[-1].group(1)) if before else self.channel

    def _warn(self, code: str, message: str, text: str) -> None:
        self.warnings.append(Diagnostic(ref=self.ref, code=code, message=message, text=text))

    def finish(self) -> tuple[list[Rule], list[Diagnostic]]:
        """The rules, with totals written elsewhere attached, and totals that disagree warned."""
        for count, approx, written in self.pending_totals:
            open_rules = [r for r in self.rules if r.declared_total is None and r.per is not Per.YEAR]
            if open_rules:
                rule = open_rules[-1]
                index = self.rules.index(rule)
                self.rules[index] = replace(rule, declared_total=count, approx=rule.approx or approx,
                                            text=f"{rule.text} … {written}")
            else:
                self.rules.append(Rule(count=count, per=Per.YEAR, approx=approx, text=written))
        for rule in self.rules:
            self._check_total(rule)
        return self.rules, self.warnings

    def _check_total(self, rule: Rule) -> None:
        if rule.declared_total is None:
            return
        expected = rule.per_year()
        if round(expected) != rule.declared_total:
            self._warn(
                "total-mismatch",
                f"declared total {rule.declared_total}/year disagrees with the cadence "
                f"{rule.count}/{rule.per.value}"
                + (f" every {rule.every}" if rule.every > 1 else "")
                + f" = {expected:g}/year ({rule.text})",
                rule.text,
            )
