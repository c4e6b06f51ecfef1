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

from rules.channels import mentions
from rules.grammar import Found, find_cadences
from rules.model import Diagnostic, Kind, Per, Rule
from rules.text import fold, squash, strip_trailing
from rules.tokens import tokenize
from rules.vocabulary import alternation, vocabulary

__all__ = ["Found", "RuleCollector", "find_cadences", "series_name", "channel_name"]

# A yearly total sits beside its cadence: "01 số/tuần (52 số/năm)", "02 số/tháng, 24 số/năm".
TOTAL_GAP = 30
_SENTENCE_END = re.compile(r"[;.](?=\s|$)")


# -- context: series, channels, durations ----------------------------------------------------


@functools.cache
def _context_patterns() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    heads = alternation(vocab.words("series", "heads"))
    lead = alternation(vocab.words("channel_names", "lead"))
    channels = alternation([v for c in vocab.table("channels").values() for v in vocab.with_ocr(map(fold, c))])
    return {
        "series": re.compile(rf"(?<![\w])(?:{heads})(?![\w])[^:;.]{{0,100}}:"),
        "channel_prefix": re.compile(rf"(?<![\w])(?:{lead}\s+)?({channels})\s*:"),
        "channel_suffix": re.compile(rf"^\s*\(\s*(?:{alternation(vocab.words('channel_names', 'for'))})?\s*({channels})\s*\)"),
        "frequency_tail": re.compile(rf"[,\s]*(?:{alternation(vocab.words('labels', 'frequency'))})\s*:?\s*$"),
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


def series_name(text: str, tokens=None) -> str | None:
    """A bullet that names an output ("- Chuyên mục “Cải cách hành chính”, tần suất:")."""
    folded = fold(text)
    heads = vocabulary().words("series", "heads")
    if not any(folded.startswith(h) for h in heads) or find_cadences(text, tokens):
        return None
    tail = _context_patterns()["frequency_tail"].search(folded)
    name = text[: tail.start()] if tail else text
    return strip_trailing(squash(name)) or None


@functools.cache
def _span_words() -> re.Pattern:
    words = vocabulary().words("cadence", "span_words")
    return re.compile(rf"(?<![\w])(?:{alternation(words)})\s*(?:\(?\s*)$")


_NUMBER_AND_PERIOD = re.compile(r"[NM][dwmqy](?!L)")


def unread_cadences(text: str, found: list[Found], tokens=None) -> list[tuple[int, int]]:
    """Offsets of numbers beside a period word ("3 tháng", "hai tuần") that no cadence was read
    from and that are no wait, deadline or named period: they may state a cadence the grammar
    could not read, so the reader says so rather than stay silent."""
    tokens = tokens or tokenize(text)
    covered = set().union(*(range(f.first, f.last) for f in found), *(f.used for f in found)) if found else set()
    out = []
    for match in _NUMBER_AND_PERIOD.finditer(tokens.tags):
        i = match.start()
        if i in covered or i + 1 in covered or (i > 0 and tokens.tags[i - 1] in "TBF@$JLkc"):
            continue
        if tokens.values[i] > 100 or _span_words().search(tokens.folded[max(0, tokens.starts[i] - 20):tokens.starts[i]]):
            continue
        out.append(tokens.span(i, i + 2))
    return out


@functools.cache
def _program_channels() -> list[tuple[re.Pattern, str]]:
    table = vocabulary().table("cadence", "program_channels")
    return [(re.compile(rf"(?<![\w])(?:{alternation(fold(w) for w in words)})(?![\w])"), name)
            for name, words in table.items()]


def _program_channel(folded: str, sentence: int) -> str | None:
    """The channel a kind of programme names in the sentence ("chương trình phát thanh")."""
    found = {name for pattern, name in _program_channels() for m in pattern.finditer(folded)
             if _sentence(folded, m.start()) == sentence}
    return found.pop() if len(found) == 1 else None


def _sentence(folded: str, offset: int) -> int:
    """Which sentence of the piece an offset falls in (";" and "." end one)."""
    return sum(1 for _ in _SENTENCE_END.finditer(folded, 0, offset))


@dataclass
class RuleCollector:
    """Collects one task's rules piece by piece, in the order the plan writes them."""

    ref: str | None = None
    rules: list[Rule] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    series: str | None = None
    channel: str | None = None
    pending_totals: list[tuple] = field(default_factory=list)  # (count, approx, words, span)
    locate: object = None  # (start, end) in the current piece → Span in the source, when known
    last_found: list = field(default_factory=list)  # the cadences of the last piece
    last_tokens: object = None  # and its tokens
    used: set = field(default_factory=set)  # the tokens they were read from (anchors and modifiers)

    def add_piece(self, text: str, *, bullet: bool = False, locate=None, tokens=None) -> list[Found]:
        """Read one piece of the task's text; returns the cadences it held.

        A bullet that only names an output ("- Chuyên mục “Cải cách hành chính”") sets the
        series for the cadences after it; a heading naming its one output does not.
        """
        self.locate = locate
        tokens = tokens or tokenize(text, cadences_only=True)
        self.last_tokens = tokens
        self.last_found, self.used = [], set()
        if bullet and (name := series_name(text, tokens)) is not None:
            self.series = name
            return []
        found = find_cadences(text, tokens) if tokens.tags else []
        named = mentions(text, tokens.folded) if found else []
        if len(found) > 1:  # "Báo Nhân Dân hằng ngày": the paper's name, beside the cadence it states
            found = [f for f in found if not (f.bare_each and any(0 <= f.start - m.end <= 1 for m in named))]
        self.last_found = found
        self.used = set().union(*(f.used | set(range(f.first, f.last)) for f in found)) if found else set()
        folded = tokens.folded
        if not found:
            if ":" in text and (prefixes := list(_context_patterns()["channel_prefix"].finditer(folded))):
                self.channel = channel_name(prefixes[-1].group(1))
            return found
        prefixes = list(_context_patterns()["channel_prefix"].finditer(folded))
        previous: tuple[Found, Rule] | None = None
        made: list[tuple[int, Found]] = []
        for index, item in enumerate(found):
            later = [f.start for f in found[index + 1 :] if not f.yearly_total]
            following = later[0] if later else len(text)
            if item.yearly_total and previous and self._attach_total(previous, item, folded, text):
                previous = None
                continue
            rule = self._rule(item, text, folded, prefixes, following, previous, named)
            made.append((len(self.rules), item))
            self.rules.append(rule)
            previous = (item, rule)
        if prefixes:
            self.channel = channel_name(prefixes[-1].group(1))
        self._name_outputs(made, text)
        return found

    def _name_outputs(self, made: list[tuple[int, Found]], text: str) -> None:
        """Where one piece counts several kinds of output ("30 tin và 6 phóng sự truyền hình") and
        nothing else names them, each rule's series is its output's own words."""
        named = [(i, f) for i, f in made if f.output and f.kind is Kind.PRODUCE and self.rules[i].series is None]
        outputs = {fold(text[f.output[0]:f.output[1]]) for _, f in named}
        if len(named) < 2 or len(outputs) < 2:
            return
        for i, item in named:
            self.rules[i] = replace(self.rules[i], series=squash(text[item.output[0]:item.output[1]]))

    def add_total_note(self, text: str, span=None) -> None:
        """A yearly total written away from its cadence ("… tỉnh (52 số/năm)")."""
        for item in find_cadences(text):
            if item.yearly_total:
                self.pending_totals.append((item.count, item.approx, text[item.start : item.end], span))

    def _attach_total(self, previous: tuple[Found, Rule], item: Found, folded: str, text: str) -> bool:
        found, rule = previous
        gap = folded[found.end : item.start]
        if rule.per is Per.YEAR or rule.declared_total is not None or len(gap) > TOTAL_GAP or "." in gap:
            return False
        end = item.end + (1 if text[item.end : item.end + 1] == ")" else 0)
        updated = replace(
            rule,
            declared_total=item.count,
            approx=rule.approx or item.approx,
            duration_min=rule.duration_min or item.duration_min,
            text=squash(text[found.start : end]),
            span=self.locate(found.start, end) if self.locate else rule.span,
        )
        self.rules[self.rules.index(rule)] = updated
        return True

    def _rule(self, item: Found, text: str, folded: str, prefixes, following: int, previous, named) -> Rule:
        per, every = item.per, item.every
        if per is None:  # "phát lại 03 lần" takes the period of the output it repeats
            source = previous[1] if previous else (self.rules[-1] if self.rules else None)
            per, every = (source.per, source.every) if source else (None, 1)
            if source is not None and item.weekdays is None:  # "(phát lại lúc 16 giờ 45)": the same day
                item = replace(item, weekdays=source.weekdays)
            if per is None:
                self._warn("cadence-no-period", text, item.start, item.end, words=squash(text[item.start:item.end]))
                per = Per.MONTH
        return Rule(
            count=item.count,
            per=per,
            every=every,
            kind=item.kind,
            series=self._series_at(item, text, folded, previous),
            channel=self._channel_at(item, folded, prefixes, following, named),
            approx=item.approx,
            duration_min=item.duration_min,
            on=item.on,
            text=squash(text[item.start : item.end]),
            weekdays=item.weekdays,
            day_of_month=item.day_of_month,
            week_of_month=item.week_of_month,
            time=item.time,
            span=self.locate(item.start, item.end) if self.locate else None,
        )

    def _series_at(self, item: Found, text: str, folded: str, previous) -> str | None:
        floor = previous[0].end if previous else 0
        names = [m for m in _context_patterns()["series"].finditer(folded, floor) if m.end() <= item.start]
        if names:
            return strip_trailing(squash(text[names[-1].start() : names[-1].end() - 1]))
        return self.series

    def _channel_at(self, item: Found, folded: str, prefixes, following: int, named) -> str | None:
        suffix = _context_patterns()["channel_suffix"].match(folded[item.end : following])
        if suffix:
            return channel_name(suffix.group(1))
        sentence = _sentence(folded, item.start)
        here = [m for m in named if _sentence(folded, m.start) == sentence and
                not any(item.end <= f.start < m.start for f in self.last_found)]  # not past another cadence
        if len({fold(m.name).lower() for m in here}) > 1:
            return None  # several channels named together: none of them is the cadence's own
        if here:
            before = [m for m in here if m.start <= item.start]
            return (before[-1] if before else here[0]).name
        before = [m for m in prefixes if m.end() <= item.start]
        if before:
            return channel_name(before[-1].group(1))
        if self.channel is None and not item.bare_each and (kind := _program_channel(folded, sentence)):
            return kind  # "3 chương trình phát thanh/ngày", "mỗi ngày phát sóng 2 lần" of a radio programme
        return self.channel

    def _warn(self, code: str, text: str, start: int, end: int, **args) -> None:
        span = self.locate(start, end) if self.locate else None
        self.warnings.append(Diagnostic(ref=self.ref, code=code, args=args, span=span))

    def finish(self) -> tuple[list[Rule], list[Diagnostic]]:
        """The rules, with totals written elsewhere attached, and totals that disagree warned."""
        for count, approx, written, span in self.pending_totals:
            open_rules = [r for r in self.rules if r.declared_total is None and r.per is not Per.YEAR]
            if open_rules:
                rule = open_rules[-1]
                index = self.rules.index(rule)
                self.rules[index] = replace(rule, declared_total=count, approx=rule.approx or approx,
                                            text=f"{rule.text} … {written}")
            else:
                self.rules.append(Rule(count=count, per=Per.YEAR, approx=approx, text=written, span=span))
        for rule in self.rules:
            self._check_total(rule)
        return self.rules, self.warnings

    def _check_total(self, rule: Rule) -> None:
        if rule.declared_total is None:
            return
        expected = rule.per_year()
        if round(expected) != rule.declared_total:
            self.warnings.append(Diagnostic(
                ref=self.ref, code="total-mismatch", span=rule.span,
                args={"declared": rule.declared_total, "count": rule.count, "per": rule.per.value,
                      "every": rule.every, "per_year": f"{expected:g}", "text": rule.text}))
