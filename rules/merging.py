"""Anchors settled into cadences: a bare "hằng tuần" beside a counted anchor of its period adds
only what it carries, a count split over the days it names, and what states no cadence dropped."""
from __future__ import annotations

import functools
import re
from dataclasses import replace

from rules.found import Found
from rules.model import Kind, Per
from rules.tokens import Tokens
from rules.vocabulary import alternation, vocabulary


@functools.cache
def not_yearly_after() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{alternation(vocabulary().words('cadence', 'yearly_not_after'))})\s*[,:]?\s*$")


def split_host(anchors: list[Found]) -> list[Found]:
    """"mỗi tháng 2 số … thứ 7 tuần thứ 2 và tuần thứ 4 hằng tháng": a count that names as
    many distinct days as it counts is that many cadences of one, each on its day."""
    result = list(anchors)
    for host in anchors:
        if host.bare_each or host.count < 2:
            continue
        group = [a for a in anchors if a.bare_each and a.count == 1 and same_clause(host, a)
                 and (a.per, a.every) == (host.per, host.every) and (a.week_of_month or a.day_of_month)]
        if len(group) == host.count and len({(a.week_of_month, a.day_of_month) for a in group}) == len(group):
            result.remove(host)
            for a in group:
                result[result.index(a)] = replace(merged(a, host), bare_each=False, approx=host.approx,
                                                  used=a.used | host.used | set(range(host.first, host.last)))
    return result


def absorbed(anchors: list[Found]) -> list[Found]:
    """A bare "hằng tuần" (or a weekday group) beside a counted anchor of the same period adds
    only what it carries (in its clause, or anywhere in the text when both count one); one bare
    period repeated in a clause is one cadence."""
    anchors = split_host(anchors)
    kept: list[Found] = []
    for anchor in anchors:
        if anchor.bare_each:
            host = next((k for k in kept if same_cadence(k, anchor)), None)
            if host is not None:
                kept[kept.index(host)] = merged(host, anchor)
                continue
        kept.append(anchor)
    result: list[Found] = []
    for anchor in kept:  # a counted anchor after a bare one of its period takes it in
        host = next((k for k in result if k.bare_each and not anchor.bare_each and same_cadence(anchor, k)), None)
        if host is not None:
            result[result.index(host)] = replace(merged(anchor, host), start=min(host.start, anchor.start),
                                                 first=min(host.first, anchor.first))
            continue
        result.append(anchor)
    return result


def same_cadence(host: Found, bare: Found) -> bool:
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
    return same_clause(host, bare) or (ones and (not host.bare_each or dated))


def same_clause(a: Found, b: Found) -> bool:
    return a.segment[0] == b.segment[0] and (a.segment[1] == b.segment[1] or 0 in (a.segment[1], b.segment[1]))


def merged(host: Found, bare: Found) -> Found:
    fields = {name: getattr(host, name) if getattr(host, name) is not None else getattr(bare, name)
              for name in ("weekdays", "week_of_month", "day_of_month", "on", "time", "duration_min")}
    return replace(host, **fields, used=host.used | bare.used, end=max(host.end, bare.end), last=max(host.last, bare.last))


@functools.cache
def not_after() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{alternation(vocabulary().words('cadence', 'bare_not_after'))})\s*$")


def drop_unstated(anchors: list[Found], tokens: Tokens, segments) -> list[Found]:
    """A sentence with a target in percent states no bare cadence; "hằng năm" after "kế hoạch
    công tác" names a document, "hằng tuần" after "ngày nghỉ" a kind of day."""
    kept = []
    for anchor in anchors:
        sentence = [i for i, s in enumerate(segments) if s[0] == anchor.segment[0]]
        before = tokens.folded[max(0, anchor.start - 25):anchor.start]
        if anchor.bare_each and any(tokens.tags[i] == "%" for i in sentence):
            continue
        if anchor.bare_each and not_after().search(before):
            continue
        if anchor.bare_each and anchor.per is Per.YEAR and not_yearly_after().search(before):
            continue
        kept.append(anchor)
    return kept


_PERIODS_A_YEAR = {Per.DAY: 365, Per.WEEK: 52, Per.MONTH: 12, Per.QUARTER: 4, Per.YEAR: 1}


def _rate(anchor: Found) -> float | None:
    return anchor.count * _PERIODS_A_YEAR[anchor.per] / anchor.every if anchor.per else None


def without_restatements(anchors: list[Found]) -> list[Found]:
    """"02 lần/năm (6 tháng/lần)", "01 số/tháng (03 số/quý)": a cadence said again in brackets
    in other words is one cadence. A yearly count in brackets is a declared total, kept."""
    kept: list[Found] = []
    for anchor in anchors:
        previous = kept[-1] if kept else None
        restated = (previous is not None and anchor.segment[1] and not previous.segment[1]
                    and anchor.segment[0] == previous.segment[0] and 0 < anchor.first - previous.last <= 2
                    and not anchor.bare_each and not (anchor.per is Per.YEAR and anchor.every == 1)
                    and anchor.kind is previous.kind and _rate(anchor) is not None
                    and abs(_rate(anchor) - (_rate(previous) or -1)) < 1e-6)
        if restated:  # its words were read, as the cadence before it
            kept[-1] = replace(previous, used=previous.used | anchor.used | set(range(anchor.first, anchor.last)))
        else:
            kept.append(anchor)
    return kept


def rebroadcast_slots(anchors: list[Found]) -> list[Found]:
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


def with_range(anchor: Found, tokens: Tokens) -> Found:
    """A day taken from the end of a stretch ("từ ngày 15/6 đến ngày 04/7") takes its start along."""
    extra = set()
    for index in anchor.used | set(range(anchor.first, anchor.last)):
        if tokens.tags[index] in "Da" and "J" in tokens.tags[max(0, index - 2):index]:
            extra.update(j for j in range(max(0, index - 5), index) if tokens.tags[j] in "Da")
        if tokens.tags[index] == "a" and index > 0 and tokens.tags[index - 1] == "F":
            extra.update(j for j in range(index + 1, min(len(tokens.tags), index + 4)) if tokens.tags[j] in "Da")
    return replace(anchor, used=anchor.used | extra) if extra else anchor
