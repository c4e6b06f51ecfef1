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
from dataclasses import replace

from rules.found import Found
from rules.merging import absorbed, drop_unstated, rebroadcast_slots, with_range, without_restatements
from rules.model import Kind, Per
from rules.modifiers import Modifier, applied, clause_has, modifiers_in, owner_of, respectively, weekday_list
from rules.tokens import Tokens, tokenize


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


_ANCHORED = re.compile("[dwmqyWRaDbZe]")


@functools.cache
def _compiled() -> tuple[tuple[str, re.Pattern, str], ...]:
    return tuple((name, re.compile(pattern), _NEEDS.get(name, "")) for name, pattern in CONSTRUCTIONS)


# Tags a construction cannot match without: a piece lacking one is not tried against it.
_NEEDS = {"count_per": "/", "each_slash": "E/", "per_slash": "/", "each_every": "E", "each_count": "E", "by_period": "e",
          "period_dates": "D", "year_date": "yD", "month_of_year": "a", "alternate": "C", "rebroadcast": "R",
          "weekday_month": "W", "broadcast_slot": "HW", "airtime": "uH", "days_month": "aE", "next_period": "an",
          "cycle": "Z", "report": "b", "next_year": "Dy", "weekday_week": "WE"}


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


def _value(tokens: Tokens, match: re.Match, group: str, default=None):
    if match.groupdict().get(group) is None:
        return default
    return tokens.values[match.start(group)]


def _anchors(tokens: Tokens) -> list[tuple[str, re.Match]]:
    """Non-overlapping construction matches: at each place the longest, the earlier listed on ties."""
    if not _ANCHORED.search(tokens.tags):  # every construction holds one of these
        return []
    matches = []
    tags = tokens.tags
    for priority, (name, pattern, needs) in enumerate(_compiled()):
        if needs and not all(tag in tags for tag in needs):
            continue
        for match in pattern.finditer(tags):
            if match.end() > match.start():
                matches.append((match.start(), -(match.end() - match.start()), priority, name, match))
    matches.sort(key=lambda m: m[:3])
    kept, end = [], 0
    for start, _, _, name, match in matches:
        if start >= end:
            kept.append((name, match))
            end = match.end()
    return kept


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
        days = weekday_list(tokens, match.start("W"), match.end("W"))
        return [Found(count=len(days), per=Per.WEEK, weekdays=days, bare_each=True, **common)]
    if name == "broadcast_slot":  # "phát sóng lúc 20h thứ Năm và thứ Sáu": a weekly slot
        days = weekday_list(tokens, match.start("W"), match.end("W"))
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
        return [applied(item, Modifier(i, "on", tokens.values[i], deadline=True)) for item, i in zip(items, dates)]
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
        if year or clause_has(tokens, at, "data_extent"):
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
        days = weekday_list(tokens, days_at[0], days_at[-1] + 1) if days_at else (found[-1].weekdays if found else None)
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


def find_cadences(text: str, tokens: Tokens | None = None) -> list[Found]:
    """Every cadence the text states, in order, each with its modifiers."""
    tokens = tokens or tokenize(text)
    segments = _segments(tokens)
    anchors: list[Found] = []
    for name, match in _anchors(tokens):
        anchors.extend(_build(name, match, tokens, segments))
    used = {i for a in anchors for i in range(a.first, a.last)}
    anchors = rebroadcast_slots(drop_unstated(anchors, tokens, segments))
    modifiers = modifiers_in(tokens, used)
    anchors, modifiers = respectively(anchors, modifiers, segments)
    for mod in sorted(modifiers, key=lambda m: m.deadline):
        owner = owner_of(mod, anchors, segments)
        if owner is not None:
            anchors[anchors.index(owner)] = applied(owner, mod)
    return [with_range(a, tokens) for a in absorbed(without_restatements(anchors))]
