"""When a task runs: "Quý III/2025", "Thường xuyên trong năm", "từ ngày 05/3 đến 20/3/2025",
"giai đoạn 2026 - 2030", "từ tháng 5 đến hết năm", "6 tháng cuối năm", "trước ngày 30/11/2025".

The reader walks the tag row of ``rules.tokens`` and reads *references* — a date, a day, a
month, a quarter, a year — then the ways offices join them: a range ("từ … đến …", "… - …"),
a start ("bắt đầu từ ngày 10/9": to the year's end, or for "25 ngày"), a deadline ("trước
ngày …": the plan's year up to it), or one reference alone. A missing year is the plan's; a
range across New Year starts the year before.

The references themselves are read by ``rules.calendar``; in a sentence (``read_phrase``) the
dates that are never windows (a document's signing date, a date line, what was done, a target,
a cited law …) are set aside first by ``rules.no_window``.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from rules.model import Window
from rules.text import fold, squash, strip_trailing
from rules.dates import Ref, ref_at, ref_end, ref_range, ref_start, safe_date
from rules.no_window import clause_around, sentence_words, sentences, skipped
from rules.tokens import Tokens, tokenize
from rules.vocabulary import alternation, vocabulary


@dataclass(frozen=True)
class WindowReading:
    window: Window | None
    ongoing: bool



# -- the reader --------------------------------------------------------------------------------


@functools.cache
def _words() -> dict[str, frozenset[str] | re.Pattern]:
    vocab = vocabulary()
    return {
        "ongoing": re.compile(rf"^{alternation(vocab.words('windows', 'ongoing'))}(?![\w])"),
        "this_year": re.compile(rf"^(?:{alternation(vocab.words('windows', 'in'))})?\s*{alternation(vocab.words('windows', 'year'))}"
                                rf"(?:\s+{alternation(vocab.words('windows', 'now'))})?$"),
        "year_label": re.compile(rf"(?<![\w]){alternation(vocab.words('windows', 'year'))}\s+(\d{{4}})"),
        "start": re.compile(rf"(?<![\w])(?:{alternation(vocab.words('windows', 'start'))})(?![\w])"),
        "end_of_year": re.compile(rf"(?<![\w])(?:{alternation(vocab.words('windows', 'to_end'))})\s+"
                                  rf"(?:{alternation(vocab.words('windows', 'year'))})(?!\s+\d)"),
    }


@dataclass(frozen=True)
class _Found:
    rank: int  # lower is more specific
    first: int
    last: int
    start: dt.date
    end: dt.date


def _span_days(t: Tokens, i: int) -> int | None:
    """"25 ngày" in the sentence: how long a stretch that starts on a date lasts."""
    for j in range(len(t.tags) - 1):
        if t.tags[j] == "N" and t.tags[j + 1] == "d" and abs(j - i) < 30 and 1 < t.values[j] <= 366:
            return t.values[j]
    return None


def _candidates(t: Tokens, year: int, skip: set[int], phrase: bool = False) -> list[_Found]:
    tags = t.tags
    refs: list[Ref] = []
    i = 0
    while i < len(tags):
        ref = ref_at(t, i) if i not in skip else None
        if ref is not None:
            refs.append(ref)
            i = ref.last
        else:
            i += 1
    found: list[_Found] = []
    for index, ref in enumerate(refs):
        between = lambda a, b: tags[a:b]  # noqa: E731
        nxt = refs[index + 1] if index + 1 < len(refs) else None
        before = tags[max(0, ref.first - 3):ref.first]
        if nxt is not None and ref.kind != "half" and nxt.kind not in ("day", "half"):
            gap = between(ref.last, nxt.first)
            bare = "".join(c for c in gap if c not in "()W")
            joined = ("J" in gap or bare.strip("d@X") in ("-", "v-", "-d")) and len(gap) <= 8 and not any(c in gap for c in ";.")
            listed = ((ref.kind in ("day", "date") and nxt.kind == "date" and bare.strip("d@") == "v") or
                      (ref.kind == nxt.kind == "year" and bare in (",", "v")))  # "trong năm 2016, 2017"
            if (joined or listed) and (span := ref_range(ref, nxt, year)):
                rank = {"date": 0, "day": 0, "month": 1, "quarter": 2}.get(ref.kind, 6)  # a stage of years is the least precise
                found.append(_Found(rank, ref.first, nxt.last, *span))
                continue
        if ref.kind == "day":
            continue
        start, end = ref_start(ref, year), ref_end(ref, year)
        if start is None or end is None:
            continue
        after = tags[ref.last:ref.last + 4]
        if phrase and ref.kind == "month" and after[:2] in ("Ey", "yb"):
            continue  # "tháng 6 hằng năm", "tháng 12 năm báo cáo": a month of every year
        if phrase and ref.kind == "month" and ((nxt is not None and nxt.kind == "month" and tags[ref.last:nxt.first] == ",")
                                               or tags[ref.last:ref.last + 2] == ",N"):
            continue  # "tháng 3, tháng 6, tháng 9", "vào tháng 3, 6, 9, 12": several months, no one stretch
        if re.search(r"J[L]?y|Jy", after) and not (after.startswith("J") and "Y" in after[:3]):
            found.append(_Found(1, ref.first, ref.last + 2, start, dt.date(start.year, 12, 31)))
            continue
        opened = "F" in tags[max(0, ref.first - 5):ref.first].replace("(", "") or (phrase and _started(t, ref))
        if opened and ref.kind in ("date", "month"):
            days = _span_days(t, ref.first) if ref.kind == "date" else None
            last = start + dt.timedelta(days=days - 1) if days else dt.date(start.year, 12, 31)
            found.append(_Found(1, ref.first, ref.last, start, last))
            continue
        if "B" in before and ref.kind == "date":
            found.append(_Found(2, ref.first, ref.last, dt.date(end.year, 1, 1), end))
            continue
        if "J" in before[-2:] and ref.kind == "date":
            found.append(_Found(3, ref.first, ref.last, dt.date(end.year, 1, 1), end))
            continue
        if ref.kind == "year" and nxt and nxt.kind == "year" and tags[ref.last:nxt.first] in ("-", "J"):
            found.append(_Found(6, ref.first, nxt.last, start, ref_end(nxt, year)))  # "giai đoạn 2026 - 2030"
            continue
        if phrase and not _stated(t, ref, before):
            continue
        if ref.kind == "year" and sentence_words(t.strict)["throughout"].search(
                t.view[t.starts[max(0, ref.first - 4)]:t.starts[ref.first]]):
            found.append(_Found(0, ref.first, ref.last, start, end))  # "xuyên suốt trong năm 2023"
            continue
        rank = {"date": 4, "month": 5, "quarter": 5, "half": 5, "year": 6}[ref.kind]
        found.append(_Found(rank, ref.first, ref.last, start, end))
    return found


def _stated(t: Tokens, ref: Ref, before: str) -> bool:
    """In a sentence a lone year is a window only as "năm 2025" (not "1900 6192"), and a date
    not where it stamps a page ("Ngày cập nhật 11/12/2021", "(21:01 | 17/03/2021)")."""
    if ref.kind == "date":
        if not set(t.tags) - set("DH()[],;.:-"):
            return False
        head = t.view[t.starts[max(0, ref.first - 4)]:t.starts[ref.first]]
        return not sentence_words(t.strict)["metadata"].search(head)
    if ref.kind == "year":
        return t.tags[ref.first] == "y"
    return True


def _started(t: Tokens, ref: Ref) -> bool:
    """"bắt đầu từ ngày 10/9", "ngày 13-10-2022 phát sóng chính thức": a stretch from then on."""
    begin = t.starts[max(0, ref.first - 4)]
    end = t.ends[min(len(t.tags), ref.last + 4) - 1]
    return bool(sentence_words(t.strict)["start"].search(t.view[begin:end]))


def _best(found: list[_Found]) -> _Found | None:
    """The most specific window; on a tie one with its year written ("Quý II năm 2023")."""
    return min(found, key=lambda f: (f.rank, -(f.last - f.first), f.first)) if found else None


def _window(t: Tokens, text: str, best: _Found) -> Window:
    start, end = t.span(best.first, min(best.last, len(t.tags)))
    return Window(start=best.start, end=best.end, text=strip_trailing(squash(text[start:end])) or squash(text))


def read_window(text: str, year: int, tokens: Tokens | None = None) -> WindowReading | None:
    """The window a time field states ("Thời gian thực hiện: …"), or None where it names none."""
    written = strip_trailing(squash(text))
    folded = fold(written)
    if _words()["ongoing"].match(folded):
        stated = _words()["year_label"].search(folded)
        return WindowReading(_year_window(int(stated.group(1)) if stated else year, written), True)
    t = tokens or tokenize(text)
    best = _best(_candidates(t, year, set()))
    if best is not None:
        window = _window(t, text, best)
        return WindowReading(Window(start=window.start, end=window.end, text=written), False)
    if _words()["this_year"].fullmatch(folded) or _words()["end_of_year"].search(folded):
        return WindowReading(_year_window(year, written), False)
    return None


def _year_window(year: int, text: str) -> Window:
    return Window(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text=text)


def find_window(text: str, year: int, tokens: Tokens | None = None, used: set[int] = frozenset()) -> Window | None:
    """The window a sentence names, leaving out the dates that are no window (see the module)."""
    t = tokens or tokenize(text)
    skip = set(used)
    for first, last in sentences(t):
        more, _ = skipped(t, first, last)
        skip |= more
    for cancel in sentence_words(t.strict)["cancelled"].finditer(t.view):  # what was called off, in its clause
        skip |= clause_around(t, cancel.start())
    best = _deadline_from_dateline(t, year, skip) or _best(_candidates(t, year, skip, phrase=True))
    if best is None and (end := _words()["end_of_year"].search(t.folded)):  # "đến cuối năm": the plan's year
        return Window(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text=text[end.start():end.end()])
    return _window(t, text, best) if best else None



def _deadline_from_dateline(t: Tokens, year: int, skip: set[int]) -> _Found | None:
    """"Sáng 1/4, … thời gian điều tra đến ngày 30/4/2024": the date line starts the stretch."""
    for first, last in sentences(t):
        if first >= last:
            continue
        datelines = [i for i in range(first, last) if t.tags[i] == "D" and
                     sentence_words(t.strict)["dateline"].match(t.view[t.starts[first]:t.starts[i]])]
        ends = [i for i in range(first, last) if t.tags[i] == "D" and "J" in t.tags[max(first, i - 2):i]]
        if datelines and ends:
            d1, d2 = t.values[datelines[0]], t.values[ends[0]]
            end_year = d2[2] or year
            start, end = safe_date(d1[2] or end_year, d1[1], d1[0]), safe_date(end_year, d2[1], d2[0])
            if start and end and start <= end:
                return _Found(0, datelines[0], ends[0] + 1, start, end)
    return None
