"""When a task runs: "Quý III/2025", "Thường xuyên trong năm", "từ ngày 05/3 đến 20/3/2025",
"giai đoạn 2026 - 2030", "từ tháng 5 đến hết năm", "6 tháng cuối năm", "trước ngày 30/11/2025".

The reader walks the tag row of ``rules.tokens`` and reads *references* — a date, a day, a
month, a quarter, a year — then the ways offices join them: a range ("từ … đến …", "… - …"),
a start ("bắt đầu từ ngày 10/9": to the year's end, or for "25 ngày"), a deadline ("trước
ngày …": the plan's year up to it), or one reference alone. A missing year is the plan's; a
range across New Year starts the year before.

In a sentence (``read_phrase``) some dates are never windows: the signing date of a document
("Quyết định số 123/QĐ-UBND ngày 02/01/2025"), the date line of a letter or a news item
("Trà Vinh, ngày 13 tháng 5 năm 2024", "Chiều 14/8, …"), what was done ("đã …"), what was
called off ("tạm dừng", "hoãn"), targets ("mục tiêu đến năm 2030"), anniversaries
("(19/8/1945 - 19/8/2022)"), the period a report is named for ("Báo cáo 6 tháng đầu năm") and
a cited document ("Thực hiện Luật … năm 2013, …").
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from rules.model import Window
from rules.text import fold, squash, strip_trailing
from rules.tokens import Tokens, tokenize
from rules.vocabulary import alternation, vocabulary


@dataclass(frozen=True)
class WindowReading:
    window: Window | None
    ongoing: bool


@dataclass(frozen=True)
class _Ref:
    """A point or stretch of the calendar as written, with unknown parts None."""

    kind: str  # date, day, month, quarter, year, half
    first: int  # token range
    last: int
    day: int | None = None
    month: int | None = None
    year: int | None = None
    quarters: tuple[int, int] | None = None
    months: int | None = None  # "6 tháng đầu năm": how many
    from_end: bool = False  # "… cuối năm"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# -- references --------------------------------------------------------------------------------


def _ref_at(t: Tokens, i: int) -> _Ref | None:
    """The calendar reference starting at token i, if any."""
    tags, values, n = t.tags, t.values, len(t.tags)
    tag = tags[i]
    if tag == "D":
        day, month, year = values[i]
        return _Ref("date", i, i + 1, day, month, year)
    if tag == "a" and values[i] > 0:
        return _Ref("day", i, i + 1, day=values[i])
    if tag == "G":
        month, year = values[i]
        return _Ref("month", i, i + 1, month=month, year=year)
    if tag == "m" and i + 1 < n:
        return _month_ref(t, i)
    if tag == "q" and i + 1 < n and tags[i + 1] in "rNG":
        return _quarter_ref(t, i)
    if tag == "N" and i + 2 < n and tags[i + 1] == "m" and tags[i + 2] == "L":
        return _half_ref(t, i)
    if tag == "y" and i + 1 < n and tags[i + 1] == "Y":
        return _Ref("year", i, i + 2, year=values[i + 1])
    if tag == "Y":
        return _Ref("year", i, i + 1, year=values[i])
    return None


def _year_after(t: Tokens, j: int) -> tuple[int | None, int]:
    """A year written after a month or quarter: "/2025", "-2025", "năm 2025"."""
    tags = t.tags
    if j + 1 < len(tags) and tags[j] in "/-" and tags[j + 1] == "Y":
        return t.values[j + 1], j + 2
    if j + 1 < len(tags) and tags[j] == "y" and tags[j + 1] == "Y":
        return t.values[j + 1], j + 2
    return None, j


def _month_ref(t: Tokens, i: int) -> _Ref | None:
    tags, values = t.tags, t.values
    if tags[i + 1] == "G":
        month, year = values[i + 1]
        return _Ref("month", i, i + 2, month=month, year=year)
    if tags[i + 1] == "N" and 1 <= values[i + 1] <= 12:
        year, end = _year_after(t, i + 2)
        return _Ref("month", i, end, month=values[i + 1], year=year)
    return None


def _quarter_ref(t: Tokens, i: int) -> _Ref | None:
    """"Quý III/2025", "quý III-IV/2025", "quý II, III năm 2025", "quý 2/2026", "quý II-2020"."""
    tags, values = t.tags, t.values
    if tags[i + 1] == "G":  # "quý 2/2026" reads as a month and year
        number, year = values[i + 1]
        return _Ref("quarter", i, i + 2, year=year, quarters=(number, number)) if 1 <= number <= 4 else None
    numbers, j = [], i + 1
    while j < len(tags) and tags[j] in "rN" and 1 <= values[j] <= 4:
        numbers.append(values[j])
        if j + 2 < len(tags) and tags[j + 1] in "-,vJ" and tags[j + 2] in "rN" and 1 <= values[j + 2] <= 4:
            j += 2
        elif j + 3 < len(tags) and tags[j + 1] in "-,vJ" and tags[j + 2] == "q" and tags[j + 3] in "rN":
            j += 3
        else:
            j += 1
            break
    if not numbers:
        return None
    year, end = _year_after(t, j)
    return _Ref("quarter", i, end, year=year, quarters=(min(numbers), max(numbers)))


def _half_ref(t: Tokens, i: int) -> _Ref | None:
    """"6 tháng đầu năm", "9 tháng đầu năm 2020", "6 tháng cuối năm"."""
    months = t.values[i]
    j = i + 3
    if not (1 <= months <= 12) or j >= len(t.tags) or t.tags[j] != "y":
        return None
    year, end = (t.values[j + 1], j + 2) if j + 1 < len(t.tags) and t.tags[j + 1] == "Y" else (None, j + 1)
    return _Ref("half", i, end, year=year, months=months, from_end=t.values[i + 2] == -1)


# -- from references to dates ------------------------------------------------------------------


def _start(ref: _Ref, year: int) -> dt.date | None:
    y = ref.year or year
    if ref.kind == "date":
        return _date(y, ref.month, ref.day)
    if ref.kind == "month":
        return dt.date(y, ref.month, 1)
    if ref.kind == "quarter":
        return dt.date(y, 3 * ref.quarters[0] - 2, 1)
    if ref.kind == "half":
        return dt.date(y, 13 - ref.months, 1) if ref.from_end else dt.date(y, 1, 1)
    if ref.kind == "year":
        return dt.date(y, 1, 1)
    return None


def _end(ref: _Ref, year: int) -> dt.date | None:
    y = ref.year or year
    if ref.kind == "date":
        return _date(y, ref.month, ref.day)
    if ref.kind == "month":
        return _month_end(y, ref.month)
    if ref.kind == "quarter":
        return _month_end(y, 3 * ref.quarters[1])
    if ref.kind == "half":
        return dt.date(y, 12, 31) if ref.from_end else _month_end(y, ref.months)
    if ref.kind == "year":
        return dt.date(y, 12, 31)
    return None


def _date(year: int, month: int | None, day: int | None) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (TypeError, ValueError):
        return None


def _range(first: _Ref, second: _Ref, year: int) -> tuple[dt.date, dt.date] | None:
    """Two references joined: the first borrows what it lacks from the second ("từ ngày 18
    đến ngày 27 tháng 4 năm 2026", "từ 05/3 đến 20/3/2025"); across New Year it starts the
    year before ("từ 15/12 đến 15/01/2026")."""
    end_year = second.year or first.year or year
    end = _end(second, end_year)
    if end is None:
        return None
    if first.kind == "day":
        first = _Ref("date", first.first, first.last, first.day, second.month, first.year)
    start_year = first.year or end_year
    start = _start(first, start_year)
    if start is None:
        return None
    if start > end and first.year is None:
        start = _start(first, start_year - 1)
    return (start, end) if start and start <= end else None


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
    refs: list[_Ref] = []
    i = 0
    while i < len(tags):
        ref = _ref_at(t, i) if i not in skip else None
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
            if (joined or listed) and (span := _range(ref, nxt, year)):
                rank = {"date": 0, "day": 0, "month": 1, "quarter": 2}.get(ref.kind, 6)  # a stage of years is the least precise
                found.append(_Found(rank, ref.first, nxt.last, *span))
                continue
        if ref.kind == "day":
            continue
        start, end = _start(ref, year), _end(ref, year)
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
            found.append(_Found(6, ref.first, nxt.last, start, _end(nxt, year)))  # "giai đoạn 2026 - 2030"
            continue
        if phrase and not _stated(t, ref, before):
            continue
        if ref.kind == "year" and _sentence_words(t.strict)["throughout"].search(
                t.view[t.starts[max(0, ref.first - 4)]:t.starts[ref.first]]):
            found.append(_Found(0, ref.first, ref.last, start, end))  # "xuyên suốt trong năm 2023"
            continue
        rank = {"date": 4, "month": 5, "quarter": 5, "half": 5, "year": 6}[ref.kind]
        found.append(_Found(rank, ref.first, ref.last, start, end))
    return found


def _stated(t: Tokens, ref: _Ref, before: str) -> bool:
    """In a sentence a lone year is a window only as "năm 2025" (not "1900 6192"), and a date
    not where it stamps a page ("Ngày cập nhật 11/12/2021", "(21:01 | 17/03/2021)")."""
    if ref.kind == "date":
        if not set(t.tags) - set("DH()[],;.:-"):
            return False
        head = t.view[t.starts[max(0, ref.first - 4)]:t.starts[ref.first]]
        return not _sentence_words(t.strict)["metadata"].search(head)
    if ref.kind == "year":
        return t.tags[ref.first] == "y"
    return True


def _started(t: Tokens, ref: _Ref) -> bool:
    """"bắt đầu từ ngày 10/9", "ngày 13-10-2022 phát sóng chính thức": a stretch from then on."""
    begin = t.starts[max(0, ref.first - 4)]
    end = t.ends[min(len(t.tags), ref.last + 4) - 1]
    return bool(_sentence_words(t.strict)["start"].search(t.view[begin:end]))


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


# -- windows in a sentence ---------------------------------------------------------------------


def _marked_words(*path: str) -> list[str]:
    node = vocabulary().data
    for key in path:
        node = node[key]
    return [squash(w).lower() for w in node]


@functools.cache
def _sentence_words(strict: bool = False) -> dict[str, re.Pattern]:
    """Patterns over ``Tokens.view``: with marks for a text that has them ("ký" is not "kỳ")."""
    vocab = vocabulary()
    words = (lambda *path: _marked_words(*path)) if strict else (lambda *path: vocab.words(*path))
    pattern = lambda *path: re.compile(rf"(?<![\w])(?:{alternation(words(*path))})(?![\w])")  # noqa: E731
    day = alternation(list(words("cadence", "periods", "day")))
    hour = alternation(list(words("cadence", "hour")) + list(words("cadence", "hour_marks")))
    minute = alternation(list(words("cadence", "minute")))
    return {
        "signed": pattern("documents", "signed"),
        "metadata": pattern("windows", "metadata"),
        "throughout": pattern("windows", "throughout"),
        "future": pattern("windows", "future"),
        "extent": pattern("cadence", "data_extent"),
        "start": pattern("windows", "start"),
        "law": re.compile(rf"(?<![\w])(?:{alternation(words('documents', 'laws'))})(?![\w])[^,;.]{{0,60}}$"),
        "cancelled": pattern("windows", "cancelled"),
        "target": pattern("windows", "target"),
        "anniversary": pattern("windows", "anniversary"),
        "cited": re.compile(rf"^\W*(?:{alternation(words('windows', 'cited'))})\s+(?:\w+\s+){{0,3}}?"
                            rf"(?:{alternation(list(words('documents', 'types')) + ['đề nghị', 'de nghi'])})(?![\w])"),
        "report": re.compile(rf"(?:{alternation(words('windows', 'report_names'))})\s*(?:\w+\s*){{0,6}}$"),
        "dateline": re.compile(rf"^\W*(?:(?:{alternation(words('windows', 'before_dateline'))})[,:]?\s*)?"
                               rf"(?:(?:{alternation(words('windows', 'part_of_day'))})\s+)?"
                               rf"(?:\d{{1,2}}\s*(?:{hour})\s*(?:\d{{1,2}}\s*(?:{minute})?)?\s*)?(?:(?:{day})\s+)?$"),
        "place": re.compile(rf"^\W*[^\W\d][^,;.]{{0,40}},\s*(?:(?:{day})\s+)?$"),
    }


def _sentences(t: Tokens) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for i, tag in enumerate(t.tags):
        if tag in ";.":
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(t.tags)))
    return bounds


def _document_date(t: Tokens, first: int, i: int) -> bool:
    """A date right after a document's number, or after "ký", "ban hành", "có hiệu lực (kể từ)"."""
    if "Q" in t.tags[max(first, i - 3):i]:
        return True
    near = t.tags[max(first, i - 6):i]
    if "B" in near:
        return False
    return bool(_sentence_words(t.strict)["signed"].search(t.view[t.starts[max(first, i - 6)]:t.starts[i]]))


def _skipped(t: Tokens, first: int, last: int) -> tuple[set[int], bool]:
    """Tokens of one sentence that are no window, and whether the sentence may hold none at all."""
    words = _sentence_words(t.strict)
    begin, end = (t.starts[first], t.ends[last - 1]) if last > first else (0, 0)
    sentence = t.view[begin:end]
    if "!" in t.tags[first:last]:  # what was done; up to "sẽ"/"rằng" (what will be) where it says so
        future = words["future"].search(sentence, t.starts[t.tags.index("!", first)] - begin)
        stop = begin + future.start() if future else end
        return {i for i in range(first, last) if t.starts[i] < stop}, not future
    skip: set[int] = set()
    for i in range(first, last):
        tag = t.tags[i]
        head = t.view[begin:t.starts[i]]
        if tag in "DY" and _document_date(t, first, i):
            skip.add(i)
        elif tag == "D" and ((words["dateline"].match(head) and t.tags[i + 1:i + 2] in (",", ":")) or
                             (words["place"].match(head) and i == last - 1)):
            # a news item's or a letter's date line: what the sentence says happened then
            return set(range(first, last)), True
        elif tag in "Nmqy" and t.tags[i + 1:i + 2] not in ("G", "Y", "/") and \
                words["report"].search(t.view[t.starts[max(first, i - 4)]:t.starts[i]]):
            skip.update(range(i, min(last, i + 4)))  # "Báo cáo 6 tháng đầu năm", not "hội nghị sơ kết vào tháng 7/2025"
    if extent := words["extent"].search(sentence):  # "số liệu … tính từ ngày 01/01 đến ngày 30/6"
        skip.update(i for i in range(first, last) if t.starts[i] >= begin + extent.start())
    for i in range(first, last - 1):  # "Bộ luật Lao động năm 2019": a law's year
        if t.tags[i] == "y" and t.tags[i + 1] == "Y" and words["law"].search(t.view[begin:t.starts[i]]):
            skip.update((i, i + 1))
    for target in words["target"].finditer(sentence):  # "mục tiêu … vào năm 2030", not "giai đoạn 2016-2020"
        near = [i for i in range(first, last) if t.starts[i] >= begin + target.end()][:7]
        skip.update(i for i in near if t.tags[i] in "Yy" and "$" not in t.tags[max(first, i - 2):i])
    if words["anniversary"].search(sentence):
        skip.update(i for i in range(first, last) if t.tags[i] == "D" and t.values[i][2])
    if (cited := words["cited"].match(sentence)) and _names_a_document(t.text[cited.end():cited.end() + 12]):
        main = _MAIN_CLAUSE.search(t.text, begin, end) if t.text else None
        stop = main.start() if main else end
        skip.update(i for i in range(first, last) if t.starts[i] < stop)
    return skip, False


def _names_a_document(after: str) -> bool:
    """"Chỉ thị 09/CT-TTg", "Quyết định số …", "Luật Tiếp công dân", "đề nghị của …": a document
    is cited, where "Theo kế hoạch, …" only means "as planned"."""
    named = alternation([w.lower() for w in vocabulary().data["documents"]["named_by"]])
    return bool(re.match(rf"\s*(?:{named}|\d|[A-ZĐÀ-Ỹ])", after))


# A cited document runs until a comma that opens the main clause with a capital ("Thực hiện
# Luật Tiếp công dân năm 2013, Chủ tịch UBND tỉnh sẽ …"); commas inside its title do not.
_MAIN_CLAUSE = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ])")


def find_window(text: str, year: int, tokens: Tokens | None = None, used: set[int] = frozenset()) -> Window | None:
    """The window a sentence names, leaving out the dates that are no window (see the module)."""
    t = tokens or tokenize(text)
    skip = set(used)
    for first, last in _sentences(t):
        more, _ = _skipped(t, first, last)
        skip |= more
    for cancel in _sentence_words(t.strict)["cancelled"].finditer(t.view):  # what was called off, in its clause
        skip |= _clause_around(t, cancel.start())
    best = _deadline_from_dateline(t, year, skip) or _best(_candidates(t, year, skip, phrase=True))
    if best is None and (end := _words()["end_of_year"].search(t.folded)):  # "đến cuối năm": the plan's year
        return Window(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), text=text[end.start():end.end()])
    return _window(t, text, best) if best else None


def _clause_around(t: Tokens, offset: int) -> set[int]:
    """The tokens of the clause (between commas, semicolons and full stops) around an offset."""
    inside = [i for i, start in enumerate(t.starts) if start < offset]
    first = next((i + 1 for i in reversed(inside) if t.tags[i] in ",;."), 0)
    last = next((i for i in range(len(inside), len(t.tags)) if t.tags[i] in ",;."), len(t.tags))
    return set(range(first, last))


def _deadline_from_dateline(t: Tokens, year: int, skip: set[int]) -> _Found | None:
    """"Sáng 1/4, … thời gian điều tra đến ngày 30/4/2024": the date line starts the stretch."""
    for first, last in _sentences(t):
        if first >= last:
            continue
        datelines = [i for i in range(first, last) if t.tags[i] == "D" and
                     _sentence_words(t.strict)["dateline"].match(t.view[t.starts[first]:t.starts[i]])]
        ends = [i for i in range(first, last) if t.tags[i] == "D" and "J" in t.tags[max(first, i - 2):i]]
        if datelines and ends:
            d1, d2 = t.values[datelines[0]], t.values[ends[0]]
            end_year = d2[2] or year
            start, end = _date(d1[2] or end_year, d1[1], d1[0]), _date(end_year, d2[1], d2[0])
            if start and end and start <= end:
                return _Found(0, datelines[0], ends[0] + 1, start, end)
    return None
