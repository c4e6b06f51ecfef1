"""The cadence grammar: constructions over the tag row of ``rules.tokens``, never one phrase.

A construction that states how often something happens is an *anchor*:

  count per period    "01 số/tuần", "1 lần/2 tuần", "02 số mỗi tháng", "2 lần trong năm",
                      "khoảng 15 tin, bài/tháng", "02 tin, bài/tháng trở lên"
  period per count    "2 tuần/1 số", "06 tháng/lần", "10 ngày một lần", "5 năm 2 lần"
  each period         "mỗi tháng 01 chuyên mục", "mỗi tháng tổ chức ít nhất 2 buổi", "tuần 02 buổi",
                      "mỗi 2 tuần", bare "hằng quý", lists "hằng tháng, quý", "định kỳ quý, 6 tháng, năm"
  alternate periods   "cách tuần", "cách một tuần phát một số"
  rebroadcasts        "phát lại 03 lần/tháng", "(phát lại vào sáng thứ Bảy)"
  weekdays            "thứ Sáu hằng tuần", "các ngày thứ 6, thứ 7 và chủ nhật", "thứ Hai tuần đầu tiên của tháng"

The rest are *modifiers* of the anchor they stand beside (same clause, same brackets):
weekdays, the week of the month, a day of the month ("trước ngày 20"), a fixed day of the year
("10/10"), a time of day ("lúc 19 giờ"), a duration ("thời lượng 15 phút"). A bare "hằng tuần"
next to a counted weekly anchor adds nothing but its weekdays; one period word repeated in a
sentence is one cadence.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, replace

from rules.model import WEEKDAYS, Kind, Per
from rules.tokens import Tokens, tokenize, words_pattern
from rules.vocabulary import alternation, vocabulary

PER_OF = {"d": Per.DAY, "w": Per.WEEK, "m": Per.MONTH, "q": Per.QUARTER, "y": Per.YEAR}

_C = "[NM]"
_PER = "[dwmqy]"
_OUTS = "[Ob](?:[,/v]?O)*"  # "kỳ báo cáo" counts too: "mỗi năm thực hiện 2 kỳ báo cáo"
_BR = r"(?:\([^()NMdwmqyY]{1,8}\))?"
_ITEM = rf"(?:{_C}?{_PER}|h{_PER})"
_NEXT_ITEM = rf"(?:E{_ITEM}|{_ITEM}(?=[,v;.():Kb]|$))"  # "hằng tháng, quý", not "hằng năm, tuần lễ biển"
_WLIST = r"W(?:[,v\-J]W)*+"  # possessive: a list is never cut short to fit
_WITEM = rf"{_WLIST}[,c]?w?[Lo]"
_WNEXT = rf"(?:{_WLIST}[,c]?)?w?[Lo]"
_RITEM = rf"(?:{_C}mLy|q[rN](?![/\-]?Y)|{_C}?[mqy](?![LNYGDa]))"

# (name, pattern over the tag row); the grammar takes, at each place, the longest match.
CONSTRUCTIONS = (
    ("count_per", rf"K?(?P<a>A)?(?P<c>{_C})(?P<o>{_OUTS}|d(?=/)){_BR}(?:/{_C}[Og])?(?P<u1>U)?/(?P<e>{_C})?(?P<p>{_PER})(?P<u>U)?"),
    ("count_each", rf"K?(?P<a>A)?(?P<c>{_C})(?P<o>{_OUTS}|d(?=[TEM])){_BR}(?P<u1>U)?(?:T(?P<e>N)|T[EM]?|[EM])(?P<p>{_PER})(?![NM])"),
    ("each_slash", rf"K?(?P<a>A)?E(?P<e>{_C})?(?P<p>{_PER})/(?P<c>{_C})?O"),
    ("per_slash", rf"K?(?P<a>A)?(?P<e>{_C})(?P<p>{_PER})/(?P<c>{_C})?[Ob]"),
    ("per_once", rf"K?(?P<a>A)?(?P<e>{_C})(?P<p>{_PER})(?P<c>{_C})[Ob]"),
    ("each_every", rf"K?(?P<a>A)?E(?P<e>{_C})(?P<p>{_PER})(?:(?P<c>{_C})O)?"),
    ("each_count", rf"K?(?P<a0>A)?E(?P<p>{_PER})[:,]?[Xc@!k]{{0,12}}?(?P<a>A)?(?P<c>{_C})(?P<o>{_OUTS}|d(?![/\w]))(?P<u>U)?"
                   rf"(?:[v,](?P<c2>{_C})(?P<o2>{_OUTS}))?"),
    ("period_count", rf"(?<![ENMTFJ@BKa/])(?P<a>A)?(?P<p>[wmq])(?P<c>{_C})(?P<o>{_OUTS})(?![/])"),
    ("each_list", rf"(?:K:?E?|E)(?P<list>{_ITEM}(?:[,v]{_NEXT_ITEM})*)(?![/NMOYGD])"),
    ("by_period", rf"e(?P<p>[wmqy])(?![NMOYGD/])"),
    ("period_dates", rf"(?P<list>{_ITEM}(?:[,v]{_ITEM})+)(?P<dates>D(?:[,v]D)+)"),
    ("year_date", rf"(?<![NMEKbJF])y(?P<D>D)"),
    ("month_of_year", rf"(?P<a>a)(?P<o>[oL])c?[XFdJcB]{{0,6}}?y"),
    ("alternate", rf"C(?P<e>{_C})?(?P<p>{_PER})(?:[X@]{{0,3}}(?P<c>{_C})O)?"),
    ("rebroadcast", rf"R(?:(?P<c>{_C})O?)?(?:(?:/|T?[EM]|T)(?P<p>{_PER}))?"),
    ("weekday_month", rf"(?P<items>{_WITEM}(?:v[d@]?{_WNEXT})*)[cT]?E?m"),
    ("broadcast_slot", rf"(?P<H>H)[,@Fdk]{{0,3}}(?P<W>{_WLIST})(?!E|[,c]?w?[Lo]|\(?D)"),
    ("airtime", rf"u[XOc]{{0,5}}?(?P<a>A)?(?P<H>H)(?:/|E|T?M)(?P<p>d)"),
    ("days_month", rf"(?P<days>a(?:[,v]N)+)E(?P<p>m)"),
    ("next_period", rf"(?P<a>a)c?(?:(?P<m>m?[Lo])c?)?(?P<p>[mq])n"),
    ("cycle", rf"Z[XcOb]{{0,10}}?(?P<e>{_C})(?P<p>[wmqy])(?![/NMOYb])"),
    ("report", rf"b(?:d(?![NDa])|[XcObCT]{{0,6}}?(?P<list>{_RITEM}(?:[,v]b?[XcO]{{0,2}}?{_RITEM})*))"),
    ("next_year", rf"(?<![Dv,])(?:B[X]{{0,2}}(?P<D1>D)c?y(?:n|Bn?)|B?(?P<D>D)c?yn)"),
    ("weekday_week", rf"(?P<W>{_WLIST})Ew"),
)


@dataclass(frozen=True)
class Found:
    """A cadence found in text: an anchor with the modifiers that belong to it."""

    start: int
    end: int
    count: int
    per: Per | None
    every: int = 1
    kind: Kind = Kind.PRODUCE
    approx: bool = False
    on: str | None = None
    bare_each: bool = False  # "hằng năm" with no count
    weekdays: tuple[str, ...] | None = None
    day_of_month: int | None = None
    week_of_month: int | None = None
    time: str | None = None
    duration_min: int | None = None
    first: int = 0  # token range, for attaching modifiers
    last: int = 0
    segment: tuple[int, int] = (0, 0)
    used: frozenset = frozenset()  # the tokens of its modifiers
    named_half: bool = False  # "báo cáo 6 tháng": once a year where a day of the year is given
    clashes: frozenset = frozenset()  # fields given two different values ("sáng 5h … chiều 17h")
    stretch: int | None = None  # months a once-a-year report covers ("9 tháng", "6 tháng đầu năm")
    output: tuple[int, int] | None = None  # where the output's own words are ("tin", "phóng sự")

    @property
    def yearly_total(self) -> bool:
        return (self.per is Per.YEAR and self.every == 1 and self.on is None and not self.bare_each
                and self.kind is Kind.PRODUCE and self.weekdays is None and self.day_of_month is None)


_ANCHORED = re.compile("[dwmqyWRaDbZe]")


@functools.cache
def _compiled() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((name, re.compile(pattern)) for name, pattern in CONSTRUCTIONS)


@functools.cache
def _not_yearly_after() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{alternation(vocabulary().words('cadence', 'yearly_not_after'))})\s*[,:]?\s*$")


@functools.cache
def _word_set(*path: str) -> frozenset[str]:
    return frozenset(vocabulary().words(*path))


def _segments(tokens: Tokens) -> list[tuple[int, int]]:
    """Each token's (sentence, bracket group): ";" and "." end a sentence, brackets open a group."""
    sentence, group, depth, groups = 0, 0, 0, 0
    out = []
    for tag in tokens.tags:
        if tag == "(":
            depth += 1
            groups += 1
            group = groups
        out.append((sentence, group if depth else 0))
        if tag == ")" and depth:
            depth -= 1
            group = group if depth else 0
        elif tag in ";." and not depth:
            sentence += 1
    return out


# -- anchors -----------------------------------------------------------------------------------


def _value(tokens: Tokens, match: re.Match, group: str, default=None):
    if match.groupdict().get(group) is None:
        return default
    return tokens.values[match.start(group)]


def _anchors(tokens: Tokens) -> list[tuple[str, re.Match]]:
    """Non-overlapping construction matches: at each place the longest, the earlier listed on ties."""
    if not _ANCHORED.search(tokens.tags):  # every construction holds one of these
        return []
    matches = []
    for priority, (name, pattern) in enumerate(_compiled()):
        for match in pattern.finditer(tokens.tags):
            if match.end() > match.start():
                matches.append((match.start(), -(match.end() - match.start()), priority, name, match))
    matches.sort(key=lambda m: m[:3])
    kept, end = [], 0
    for start, _, _, name, match in matches:
        if start >= end:
            kept.append((name, match))
            end = match.end()
    return kept


def _weekday_list(tokens: Tokens, first: int, last: int) -> tuple[str, ...]:
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


def _build(name: str, match: re.Match, tokens: Tokens, segments) -> list[Found]:
    first, last = match.start(), match.end()
    start, end = tokens.span(first, last)
    common = dict(start=start, end=end, first=first, last=last, segment=segments[first])
    groups = match.groupdict()
    approx = any(groups.get(g) for g in ("a", "a0", "u", "u1"))
    if name == "each_list":
        items = _each_list(match, tokens, segments)
        if items and first > 0 and tokens.tags[first - 1] == "O":  # "chương trình phát thanh hằng ngày"
            items[0] = replace(items[0], output=tokens.span(first - 1, first))
        return items
    if name == "weekday_week":
        days = _weekday_list(tokens, match.start("W"), match.end("W"))
        return [Found(count=len(days), per=Per.WEEK, weekdays=days, bare_each=True, **common)]
    if name == "broadcast_slot":  # "phát sóng lúc 20h thứ Năm và thứ Sáu": a weekly slot
        days = _weekday_list(tokens, match.start("W"), match.end("W"))
        hour, minute = tokens.values[match.start("H")]
        time = f"{hour:02d}:{minute:02d}" if hour < 24 else None
        return [Found(count=len(days), per=Per.WEEK, weekdays=days, time=time, bare_each=True, **common)]
    if name == "airtime":  # "thời lượng 18 giờ mỗi ngày": a daily programme that long
        hour, minute = tokens.values[match.start("H")]
        return [Found(count=1, per=Per.DAY, duration_min=hour * 60 + minute, approx=approx, **common)]
    if name == "weekday_month":
        return _weekday_months(match, tokens, segments)
    if name == "days_month":
        days = [tokens.values[i] for i in range(match.start("days"), match.end("days")) if tokens.tags[i] in "aN"]
        return [replace(Found(count=1, per=Per.MONTH, day_of_month=d, **common), bare_each=True) for d in days if 1 <= d <= 31]
    if name == "next_period":  # "trước ngày 10 của tháng tiếp theo"; "ngày 30 của tháng đầu quý sau"
        day = tokens.values[match.start("a")]
        per = PER_OF[tokens.tags[match.start("p")]]
        return [Found(count=1, per=per, day_of_month=None if groups.get("m") else day, bare_each=True, **common)]
    if name == "report":
        if groups.get("list") is None:  # "Báo cáo thống kê ngày"
            return [Found(count=1, per=Per.DAY, bare_each=True, **common)]
        return _each_list(match, tokens, segments, report=True)
    if name == "by_period":  # "nộp theo tháng"
        return [Found(count=1, per=PER_OF[tokens.tags[match.start("p")]], bare_each=True, **common)]
    if name == "period_dates":  # "6 tháng và năm 19/6 và 19/12": each period its day, in order
        items = _each_list(match, tokens, segments)
        dates = [i for i in range(match.start("dates"), match.end("dates")) if tokens.tags[i] == "D"]
        if len(items) != len(dates):
            return items
        return [_apply(item, _Modifier(i, "on", tokens.values[i], deadline=True)) for item, i in zip(items, dates)]
    if name == "year_date":  # "Chính thức năm Ngày 10/8" (a table of reports): yearly, on that day
        day, month, year = tokens.values[match.start("D")]
        if year:
            return []
        return [Found(count=1, per=Per.YEAR, on=f"{month:02d}-{day:02d}", bare_each=True, **common)]
    if name == "month_of_year":  # "ngày cuối cùng của tháng thứ 3 kể từ ngày kết thúc năm"
        day, order = tokens.values[match.start("a")], tokens.values[match.start("o")]
        month = 12 if order == -1 else order
        if not (1 <= month <= 12):
            return []
        last = calendar.monthrange(2001, month)[1]
        day = last if day == -1 else min(day, last)
        return [Found(count=1, per=Per.YEAR, on=f"{month:02d}-{day:02d}", bare_each=True, **common)]
    if name == "next_year":  # "chậm nhất là ngày 15/01 năm kế tiếp": a yearly deadline
        at = match.start("D") if groups.get("D") else match.start("D1")
        day, month, year = tokens.values[at]
        if year or _clause_has(tokens, at, "data_extent"):
            return []
        return [Found(count=1, per=Per.YEAR, on=f"{month:02d}-{day:02d}", bare_each=True, **common)]
    count = _value(tokens, match, "c", 1)
    every = _value(tokens, match, "e", 1)
    per = PER_OF[tokens.tags[match.start("p")]] if groups.get("p") else None
    if name == "alternate":
        every = every + 1 if groups.get("e") else 2
    if name == "rebroadcast":
        if not groups.get("c") and not _followed_by_when(tokens, last, segments, first):
            return []
        return [Found(count=count, per=per, kind=Kind.REBROADCAST, approx=approx, bare_each=not groups.get("c"), **common)]
    if not (1 <= count <= 1000 and 1 <= every <= 100):
        return []
    output = tokens.span(match.start("o"), match.end("o")) if groups.get("o") else None
    found = [Found(count=count, per=per, every=every, approx=approx, output=output, **common)]
    if groups.get("c2"):  # "mỗi tháng … 30 tin và 6 phóng sự": one cadence an output
        found.append(replace(found[0], count=tokens.values[match.start("c2")],
                             output=tokens.span(match.start("o2"), match.end("o2"))))
    return found


def _followed_by_when(tokens: Tokens, last: int, segments, first: int = 0) -> bool:
    """A bare "phát lại" counts once where it says when ("phát lại vào sáng thứ Bảy", "Từ 5h10
    đến 5h30: Phát lại chương trình …")."""
    after = tokens.tags[last:last + 5]
    before = tokens.tags[max(0, first - 8):first]
    return any(t in "@WHE" for t in after) or ("H" in before and "W" in tokens.tags[:first])


def _weekday_months(match: re.Match, tokens: Tokens, segments) -> list[Found]:
    """"thứ Hai tuần đầu tiên của tháng", "thứ Sáu tuần thứ 2 và thứ Sáu tuần thứ 4 hằng tháng"."""
    found, first = [], match.start()
    for i in range(match.start("items"), match.end("items")):
        if tokens.tags[i] not in "Lo":
            continue
        days_at = [j for j in range(first, i) if tokens.tags[j] == "W"]
        order = tokens.values[i]
        week = order if isinstance(order, int) and (order == -1 or 1 <= order <= 5) else None
        start, end = tokens.span(first, match.end() if not found and i + 1 >= match.end("items") else i + 1)
        days = _weekday_list(tokens, days_at[0], days_at[-1] + 1) if days_at else (found[-1].weekdays if found else None)
        found.append(Found(start, end, 1, Per.MONTH, weekdays=days, week_of_month=week, bare_each=True,
                           first=first, last=i + 1, segment=segments[first]))
        first = i + 1
    return found


def _each_list(match: re.Match, tokens: Tokens, segments, report: bool = False) -> list[Found]:
    """"hằng tháng, quý" → one rule each; "định kỳ 6 tháng, năm" → every 6 months, and yearly;
    "9 tháng" (a stretch that does not divide the year) is once a year; "báo cáo 6 tháng đầu
    năm" names the half-year report."""
    found = []
    i = match.start("list")
    while i < match.end("list"):
        tag = tokens.tags[i]
        if report and tag == "q" and i + 1 < match.end("list") and tokens.tags[i + 1] in "rN":
            start, end = tokens.span(match.start() if not found else i, i + 2)  # "Báo cáo … Quý I": one a year
            found.append(Found(start, end, 1, Per.YEAR, bare_each=True, first=i, last=i + 2, segment=segments[i],
                               stretch=3 * tokens.values[i + 1]))
            i += 2
            continue
        if tag in "dwmqy":
            every, first = 1, i
            if i > match.start("list") and tokens.tags[i - 1] in "NM":
                every, first = tokens.values[i - 1], i - 1
            stretch = i + 2 < len(tokens.tags) and tokens.tags[i + 1] == "L" and tokens.tags[i + 2] == "y"
            last = i + 3 if stretch else i + 1
            named_half = report and tag == "m" and every > 1
            head = match.start() if not found else first
            start, end = tokens.span(head, last)
            if i > match.start("list") and tokens.tags[i - 1] == "h":  # "nửa tháng": twice a month
                found.append(Found(start, end, 2, PER_OF[tag], first=head, last=last, segment=segments[i]))
            elif tag == "m" and every > 1 and (12 % every or (report and stretch)):
                found.append(Found(start, end, 1, Per.YEAR, bare_each=True, first=head, last=last, segment=segments[i],
                                   stretch=every))
            elif 1 <= every <= 100:
                found.append(Found(start, end, 1, PER_OF[tag], every, bare_each=True, first=head, last=last,
                                   segment=segments[i], named_half=named_half))
            i = last
            continue
        i += 1
    return found


# -- modifiers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Modifier:
    index: int
    field: str
    value: object
    deadline: bool = False  # after "trước", "chậm nhất", "thời hạn": wins over another date


def _clause_has(tokens: Tokens, i: int, name: str) -> bool:
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
                 if _deadline_ahead().match(tokens.view, begin + m.end())]
    return not deadlines or max(found) > max(deadlines)


@functools.cache
def _deadline_ahead() -> re.Pattern:
    """"trước" is a deadline before a day ("trước ngày 28", "chậm nhất là 30/6"), not in "năm trước"."""
    vocab = vocabulary()
    day = alternation([w for w in vocab.data["cadence"]["periods"]["day"]] + list(vocab.words("cadence", "periods", "day")))
    copula = alternation([w for w in vocab.data["cadence"]["copula"]] + list(vocab.words("cadence", "copula")))
    return re.compile(rf"\s*(?:(?:{copula})\s+)?(?:(?:{day})\b|\d)|[^\d]*?(?:{copula})\s+\d")


def _dated(tokens: Tokens, i: int, field: str, value) -> _Modifier | None:
    """A day of the month or of the year, unless its clause gives the stretch a report's figures
    cover ("số liệu … tính từ ngày 01 …") or it opens a range ("từ ngày 1 đến ngày 5")."""
    if _clause_has(tokens, i, "data_extent") or (i > 0 and tokens.tags[i - 1] == "F"):
        return None
    return _Modifier(i, field, value, deadline=_clause_has(tokens, i, "deadline"))


def _modifiers(tokens: Tokens, used: set[int]) -> list[_Modifier]:
    """Every modifier in the text that no anchor consumed."""
    tags, values = tokens.tags, tokens.values
    out: list[_Modifier] = []
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
            out.append(_Modifier(i, "weekdays", _weekday_list(tokens, i, j + 1)))
            i = j + 1
            continue
        modifier = None
        if tag == "H" and i + 2 < len(tags) and tags[i + 1] == "J" and tags[i + 2] == "H" and not _clause_has(tokens, i, "data_extent"):
            (h1, m1), (h2, m2) = values[i], values[i + 2]  # "từ 5h10 đến 5h30": a 20-minute slot at 5:10
            if h1 < 24 and 0 < (h2 * 60 + m2) - (h1 * 60 + m1) <= 24 * 60:
                out.append(_Modifier(i, "time", f"{h1:02d}:{m1:02d}"))
                out.append(_Modifier(i + 2, "duration_min", (h2 * 60 + m2) - (h1 * 60 + m1)))
                i += 3
                continue
        if tag == "H" and (i > 0 and tags[i - 1] == "J" or _clause_has(tokens, i, "data_extent")):
            pass  # "tính từ 0h00": figures, not a time
        elif tag == "H" and not (i > 0 and tags[i - 1] in "Tu"):
            hour, minute = values[i]
            nxt = values[i + 1] if i + 1 < len(tags) and tags[i + 1] == "X" else None
            if nxt in _word_set("cadence", "afternoon") and hour < 12:
                hour += 12
            if hour < 24:
                modifier = _Modifier(i, "time", f"{hour:02d}:{minute:02d}")
        elif tag == "H" and tags[i - 1] == "u":
            modifier = _Modifier(i, "duration_min", values[i][0] * 60 + values[i][1])
        elif tag == "a" and i > 0 and tags[i - 1] == "F" and tags[i + 1:i + 3] in ("JD", "-D"):
            day, month, year = values[i + 2]  # "từ ngày 15 đến 22 tháng 5": a yearly stretch starts on the 15th
            if year is None:
                modifier = _Modifier(i, "on", (values[i], month, None))
                i += 2
        elif tag == "a":
            modifier = _dated(tokens, i, "day_of_month", values[i])
        elif tag == "D" and values[i][2] is None and i > 0 and tags[i - 1] == "F" and "J" in tags[i + 1:i + 3]:
            pass  # "từ ngày 15/6 đến ngày 04/7": the stretch's end is the deadline
        elif tag == "D" and values[i][2] is None:
            modifier = _dated(tokens, i, "on", values[i])
        elif tag == "N" and i + 1 < len(tags) and tags[i + 1] == "P" and 0 < values[i] <= 600:
            modifier = _Modifier(i, "duration_min", values[i])
        elif tag == "w" and i + 1 < len(tags) and tags[i + 1] in "Lo" and isinstance(values[i + 1], int):
            if values[i + 1] == -1 or 1 <= values[i + 1] <= 5:
                modifier = _Modifier(i, "week_of_month", values[i + 1])
        if modifier is not None:
            out.append(modifier)
        i += 1
    return out


def _owner(mod: _Modifier, anchors: list[Found], segments) -> Found | None:
    """The anchor a modifier belongs to: in its own clause and brackets the nearest before it,
    else the nearest after it; else the same in the clause around the brackets. A duration
    with no anchor in its clause goes to the only anchor of the text."""
    candidates = [a for a in anchors if _fits(mod, a)]
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
    if len(anchors) == 1 and (mod.field == "duration_min" or (mod.deadline and _fits(mod, anchors[0]))):
        return anchors[0]  # "Báo cáo 6 tháng: …; Thời gian nộp báo cáo: … đến ngày 04/7"
    return None


def _fits(mod: _Modifier, anchor: Found) -> bool:
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


def _apply(anchor: Found, mod: _Modifier) -> Found:
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


# -- putting it together -----------------------------------------------------------------------


def _split_host(anchors: list[Found]) -> list[Found]:
    """"mỗi tháng 2 số … thứ 7 tuần thứ 2 và tuần thứ 4 hằng tháng": a count that names as
    many distinct days as it counts is that many cadences of one, each on its day."""
    result = list(anchors)
    for host in anchors:
        if host.bare_each or host.count < 2:
            continue
        group = [a for a in anchors if a.bare_each and a.count == 1 and _same_clause(host, a)
                 and (a.per, a.every) == (host.per, host.every) and (a.week_of_month or a.day_of_month)]
        if len(group) == host.count and len({(a.week_of_month, a.day_of_month) for a in group}) == len(group):
            result.remove(host)
            for a in group:
                result[result.index(a)] = replace(_merge(a, host), bare_each=False, approx=host.approx,
                                                  used=a.used | host.used | set(range(host.first, host.last)))
    return result


def _absorb(anchors: list[Found]) -> list[Found]:
    """A bare "hằng tuần" (or a weekday group) beside a counted anchor of the same period adds
    only what it carries (in its clause, or anywhere in the text when both count one); one bare
    period repeated in a clause is one cadence."""
    anchors = _split_host(anchors)
    kept: list[Found] = []
    for anchor in anchors:
        if anchor.bare_each:
            host = next((k for k in kept if _same_cadence(k, anchor)), None)
            if host is not None:
                kept[kept.index(host)] = _merge(host, anchor)
                continue
        kept.append(anchor)
    result: list[Found] = []
    for anchor in kept:  # a counted anchor after a bare one of its period takes it in
        host = next((k for k in result if k.bare_each and not anchor.bare_each and _same_cadence(anchor, k)), None)
        if host is not None:
            result[result.index(host)] = replace(_merge(anchor, host), start=min(host.start, anchor.start),
                                                 first=min(host.first, anchor.first))
            continue
        result.append(anchor)
    return result


def _same_cadence(host: Found, bare: Found) -> bool:
    if (host.per, host.every) != (bare.per, bare.every) or host.kind is not Kind.PRODUCE:
        return False
    ones = host.count == 1 and bare.count == 1
    dated = (host.on is None) != (bare.on is None)  # "Báo cáo năm: … nộp … đến ngày 05/01 năm sau"
    if host.bare_each and host.stretch != bare.stretch and not dated:
        return False  # "báo cáo 9 tháng" and "báo cáo năm" are two reports
    for name in ("day_of_month", "week_of_month", "on"):
        mine, theirs = getattr(host, name), getattr(bare, name)
        if mine is not None and theirs is not None and mine != theirs:
            return False
    if host.weekdays and bare.weekdays and host.weekdays != bare.weekdays:
        return False
    return _same_clause(host, bare) or (ones and (not host.bare_each or dated))


def _same_clause(a: Found, b: Found) -> bool:
    return a.segment[0] == b.segment[0] and (a.segment[1] == b.segment[1] or 0 in (a.segment[1], b.segment[1]))


def _merge(host: Found, bare: Found) -> Found:
    fields = {name: getattr(host, name) if getattr(host, name) is not None else getattr(bare, name)
              for name in ("weekdays", "week_of_month", "day_of_month", "on", "time", "duration_min")}
    return replace(host, **fields, used=host.used | bare.used, end=max(host.end, bare.end), last=max(host.last, bare.last))


@functools.cache
def _not_after() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{alternation(vocabulary().words('cadence', 'bare_not_after'))})\s*$")


def _drop_unstated(anchors: list[Found], tokens: Tokens, segments) -> list[Found]:
    """A sentence with a target in percent states no bare cadence; "hằng năm" after "kế hoạch
    công tác" names a document, "hằng tuần" after "ngày nghỉ" a kind of day."""
    kept = []
    for anchor in anchors:
        sentence = [i for i, s in enumerate(segments) if s[0] == anchor.segment[0]]
        before = tokens.folded[max(0, anchor.start - 25):anchor.start]
        if anchor.bare_each and any(tokens.tags[i] == "%" for i in sentence):
            continue
        if anchor.bare_each and _not_after().search(before):
            continue
        if anchor.bare_each and anchor.per is Per.YEAR and _not_yearly_after().search(before):
            continue
        kept.append(anchor)
    return kept


def _rebroadcast_slots(anchors: list[Found]) -> list[Found]:
    """"phát sóng lại lúc 21h00 các ngày từ thứ Hai đến thứ Sáu": the slot is the rebroadcast's."""
    result: list[Found] = []
    for anchor in anchors:
        previous = result[-1] if result else None
        if (previous is not None and previous.kind is Kind.REBROADCAST and previous.bare_each and previous.per is None
                and anchor.bare_each and anchor.weekdays and anchor.time and anchor.first - previous.last <= 2):
            result[-1] = replace(anchor, kind=Kind.REBROADCAST, start=previous.start, first=previous.first)
            continue
        result.append(anchor)
    return result


def find_cadences(text: str, tokens: Tokens | None = None) -> list[Found]:
    """Every cadence the text states, in order, each with its modifiers."""
    tokens = tokens or tokenize(text)
    segments = _segments(tokens)
    anchors: list[Found] = []
    for name, match in _anchors(tokens):
        anchors.extend(_build(name, match, tokens, segments))
    used = {i for a in anchors for i in range(a.first, a.last)}
    anchors = _rebroadcast_slots(_drop_unstated(anchors, tokens, segments))
    modifiers = _modifiers(tokens, used)
    anchors, modifiers = _respectively(anchors, modifiers, segments)
    for mod in sorted(modifiers, key=lambda m: m.deadline):
        owner = _owner(mod, anchors, segments)
        if owner is not None:
            anchors[anchors.index(owner)] = _apply(owner, mod)
    return [_with_range(a, tokens) for a in _absorb(anchors)]


def _yearly_times(anchor: Found) -> int | None:
    """How many times a year a cadence falls, where it is a whole number: 2 for "6 tháng 1 lần"."""
    months = {Per.MONTH: 1, Per.QUARTER: 3, Per.YEAR: 12}.get(anchor.per)
    if months is None or (12 % (months * anchor.every)):
        return None
    return anchor.count * 12 // (months * anchor.every)


def _respectively(anchors: list[Found], modifiers: list[_Modifier], segments) -> tuple[list[Found], list[_Modifier]]:
    """Days of the year given together: "2 lần/năm (trước 05/7 và 10/01)" is two yearly rules on
    those days; "báo cáo 6 tháng đầu năm và hằng năm trước ngày 05/07 và ngày 05/01 của năm sau"
    gives each report its day, in order."""
    dates = [m for m in modifiers if m.field == "on"]
    by_sentence: dict[int, list[_Modifier]] = {}
    for mod in dates:
        by_sentence.setdefault(segments[mod.index][0], []).append(mod)
    used: set[int] = set()
    result = list(anchors)
    for sentence, mods in by_sentence.items():
        if len(mods) < 2:
            continue
        here = [a for a in result if a.segment[0] == sentence and a.on is None]
        yearly = [a for a in here if a.per is Per.YEAR or a.named_half or a.stretch]
        hosts = [a for a in here if _yearly_times(a) == len(mods) and not a.bare_each]
        if not hosts and len(here) == 1 and here[0].bare_each and here[0].per is Per.YEAR:
            hosts = here  # "trước ngày 15 tháng 6 và 15 tháng 12 hằng năm"
        if len(hosts) == 1:
            host = hosts[0]
            index = result.index(host)
            result[index:index + 1] = [_apply(replace(host, count=1, per=Per.YEAR, every=1, named_half=True), m) for m in mods]
            result = [a for a in result if not (a in here and a is not host and a.bare_each and a.per is Per.YEAR)]
            used.update(m.index for m in mods)
        elif len(yearly) == len(mods):
            for anchor, mod in zip(yearly, mods):
                result[result.index(anchor)] = _apply(replace(anchor, named_half=True), mod)
            used.update(m.index for m in mods)
    return result, [m for m in modifiers if m.index not in used]


def _with_range(anchor: Found, tokens: Tokens) -> Found:
    """A day taken from the end of a stretch ("từ ngày 15/6 đến ngày 04/7") takes its start along."""
    extra = set()
    for index in anchor.used | set(range(anchor.first, anchor.last)):
        if tokens.tags[index] in "Da" and "J" in tokens.tags[max(0, index - 2):index]:
            extra.update(j for j in range(max(0, index - 5), index) if tokens.tags[j] in "Da")
        if tokens.tags[index] == "a" and index > 0 and tokens.tags[index - 1] == "F":
            extra.update(j for j in range(index + 1, min(len(tokens.tags), index + 4)) if tokens.tags[j] in "Da")
    return replace(anchor, used=anchor.used | extra) if extra else anchor
