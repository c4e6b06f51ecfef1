"""Folded text → a row of tagged tokens, one character of tag per token.

The grammar (``rules.grammar``) reads constructions as regular expressions over the tag row, so
"01 số/tuần" is ``NO/w`` and "mỗi tháng ít nhất 2 buổi" is ``EmAN O``-shaped whatever its
spelling. Tags:

  N number (digits or words)    M "một" (one, or "a": "một tháng")   Y a year (2025)
  D a date (10/10, 05/3/2025, ngày 15 tháng 8)   G a month and year (8/2025)   H a time of day
  Q a document number (123/QĐ-UBND)   a a day of the month ("ngày 20", "ngày cuối tháng")
  d w m q y  day, week, month, quarter, year    O an output ("số", "tin, bài", "lần")
  E each ("mỗi", "hằng")   K "định kỳ"   A a bound before a count   U a bound after it
  R a rebroadcast   W a weekday   o an ordinal ("lần thứ 2")   L first/last   C "cách"
  T "trong"   v "và"   J "đến"   F "từ"   @ "lúc", "vào"   B "trước"   P "phút"   u "thời lượng"
  r a roman numeral   h "nửa"   ! a word of the past ("đã")   % a percentage   X any other word
  and the punctuation / , ; . ( ) - : as themselves.

Every token keeps its offsets in the text, so whatever the grammar reads has a span.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

from rules.lexicon import (
    WEEKDAY_NAMES,
    WORDS,
    counted_starts,
    date_ok,
    honoured,
    is_marked,
    is_spelled,
    lexicon,
    lexicon_entry,
    lexicon_sizes,
    lower,
    may_state,
    number_context,
    number_spellings,
    number_words,
    numbers_in,
    prefix_spellings,
    raw_pattern,
    starters,
    word_sets,
)
from rules.text import fold
from rules.vocabulary import vocabulary


@dataclass
class Tokens:
    """The tag row and, per token, its value and its offsets in the text."""

    tags: str
    values: list
    starts: list[int]
    ends: list[int]
    folded: str
    text: str = ""
    strict: bool = False  # the text carries its marks: words are matched with them

    @functools.cached_property
    def view(self) -> str:
        """The text to match words in: lower case with marks where the text has them, else folded."""
        lowered = self.text.lower()
        return lowered if self.strict and len(lowered) == len(self.folded) else self.folded

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of tokens first..last-1."""
        return self.starts[first], self.ends[last - 1]


class _Row:
    def __init__(self, folded: str):
        self.folded = folded
        self.tags: list[str] = []
        self.values: list = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.strict = True

    def add(self, tag: str, value, start: int, end: int) -> None:
        self.tags.append(tag)
        self.values.append(value)
        self.starts.append(start)
        self.ends.append(end)


@functools.lru_cache(maxsize=256)
def tokenize(text: str, *, cadences_only: bool = False) -> Tokens:
    """The tag row of a piece of cleaned text (the text is folded here). For reading cadences
    alone, a piece with no period, weekday or rebroadcast word is not tokenised at all.

    Kept for the last few hundred pieces: the reader comes back to a piece for its cadences,
    its window and its units (about a third of the calls on a real plan), and a row is only
    read, never changed, once made."""
    folded = fold(text)
    if cadences_only and not may_state(folded):
        return Tokens("", [], [], [], folded, text, False)
    row = _Row(folded)
    row.strict = is_marked(text, folded)
    words: list[tuple[str, int, int]] = []  # pending run of words, matched against the lexicon at once

    def flush():
        if words:
            _words(row, words, text)
            words.clear()

    for match in raw_pattern().finditer(folded):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "word":
            words.append((match.group(0), text[start:end].lower(), start, end))
            continue
        flush()
        if kind == "punct":
            raw = match.group(0)
            row.add({"–": "-", "&": "v", "+": ","}.get(raw, raw), raw, start, end)
            continue
        _other(row, "time" if kind == "tmin" else kind, match.group(0), start, end, match)
    flush()
    if any(tag in row.tags for tag in ("d", "W", "o", "(", "L", "D", "J")):  # what the second pass reads
        _merge_dates(row)
    return Tokens("".join(row.tags), row.values, row.starts, row.ends, folded, text, row.strict)


def _other(row: _Row, kind: str, raw: str, start: int, end: int, match) -> None:
    before = row.folded[max(0, start - 6):start]
    if kind in ("time", "time2"):
        hour, *rest = numbers_in(raw)
        minute = rest[0] if rest else 0
        row.add("H", (hour, minute), start, end)
    elif kind in ("doc", "doc1"):
        row.add("Q", raw, start, end)
    elif kind == "date3":
        day, month, year = numbers_in(raw)
        year = year + 2000 if year < 100 else year
        if date_ok(day, month) and not number_context()["after_month"].search(before):
            row.add("D", (day, month, year), start, end)
        elif number_context()["after_month"].search(before) and 1 <= month <= 12 and year > 1900:  # "tháng 6 - 8/2025"
            split = re.match(r"(\d+)(\s?[/.-]\s?)", raw)
            row.add("N", day, start, start + len(split.group(1)))
            row.add("-", "-", start + len(split.group(1)), start + split.end())
            row.add("G", (month, year), start + split.end(), end)
        else:
            _plain_numbers(row, raw, start)
    elif kind == "my":
        month, year = numbers_in(raw)
        row.add("G", (month, year), start, end) if 1 <= month <= 12 else _plain_numbers(row, raw, start)
    elif kind == "date2":
        _short_date(row, raw, start, end)
    elif kind == "percent":
        row.add("%", raw, start, end)
    elif kind == "thousands":
        row.add("N", int(raw.replace(".", "")), start, end)
    elif kind == "decimal" and number_context()["after_weekday"].search(before):  # "thứ 2,3,4"
        _plain_numbers(row, raw.replace(",", ", "), start) if False else _comma_numbers(row, raw, start)
    elif kind == "decimal":
        row.add("X", raw, start, end)
    elif kind == "number":
        value = int(raw)
        tag = "Y" if len(raw) == 4 and 1900 <= value <= 2100 else ("N" if len(raw) <= 3 else "X")
        row.add(tag, value, start, end)
    else:  # punctuation
        char = {"–": "-", "&": "v", "+": ","}.get(raw, raw)
        row.add(char, raw, start, end)


def _short_date(row: _Row, raw: str, start: int, end: int) -> None:
    """"10/10", "05/3", "10.10", "10-10": a day and month only where nothing else reads
    them: a dash or a dot only before "hằng năm" or after "ngày" (else "10-15 phút" is a range
    and "1.5" a decimal); never right after "tháng" or "quý" (months, quarters)."""
    day, month = numbers_in(raw)
    before = row.folded[max(0, start - 7):start]
    after = row.folded[end:end + 12]
    separator = re.search(r"[/.-]", raw).group(0)
    context = number_context()
    dated = separator == "/" or context["date_lead"].search(before) or context["yearly_after"].match(after)
    if separator != "/" and context["unit_after"].match(after):
        dated = False  # "10-15 phút", "1.5 ngày"
    if date_ok(day, month) and dated and not context["after_period_name"].search(before):
        row.add("D", (day, month, None), start, end)
    else:
        _plain_numbers(row, raw, start)


def _comma_numbers(row: _Row, raw: str, start: int) -> None:
    for match in re.finditer(r"\d+|,", raw):
        value = match.group(0)
        row.add("N" if value.isdigit() else ",", int(value) if value.isdigit() else value,
                start + match.start(), start + match.end())


def _plain_numbers(row: _Row, raw: str, start: int) -> None:
    for match in re.finditer(r"\d+|[/.-]", raw):
        s, e = start + match.start(), start + match.end()
        if match.group(0).isdigit():
            value = int(match.group(0))
            tag = "Y" if len(match.group(0)) == 4 and 1900 <= value <= 2100 else "N"
            row.add(tag, value, s, e)
        else:
            row.add(match.group(0), match.group(0), s, e)


def _words(row: _Row, words: list[tuple[str, str, int, int]], text: str) -> None:
    """A run of words: number words, lexicon phrases (longest first), weekdays, the rest X."""
    table, _ = lexicon()
    sets = word_sets()
    starting, sizes = starters(), lexicon_sizes()
    i = 0
    while i < len(words):
        if words[i][0] not in starting:  # most words of a plan are no word of the grammar
            word, _, start, end = words[i]
            row.add("A" if word in sets["before_number"] and _number_follows(row.folded, end) else "X", word, start, end)
            i += 1
            continue
        number = _number_at(words, i, row.strict)
        if number and number[1] == 1 and i + 1 < len(words) and text[words[i + 1][2]].isupper() \
                and not text[words[i][2]].isupper():
            number = None  # "… năm Ngày 10/8": a capital opens what follows; "năm" stays a year
        if number:
            value, used = number
            tag = "M" if used == 1 and words[i][0] in WORDS.one else "N"
            row.add(tag, value, words[i][2], words[i + used - 1][3])
            i += used
            continue
        word, written, start, end = words[i]
        if word in WORDS.roman and row.tags and row.tags[-1] in "qr,-vJ":
            row.add("r", WORDS.roman[word], start, end)
            i += 1
            continue
        if word in WORDS.prefix and is_spelled(word, written, row.strict, prefix_spellings()):
            if _weekday_digit(row, words, i):
                i += 1
                continue
            if used := _ordinal(row, words, i):
                i += used
                continue
        numbers = number_spellings()
        if "".join(row.tags[-2:]) in ("N(", "M(") and word in numbers and is_spelled(word, written, row.strict, numbers[word]):
            row.add("N", number_words()[0][word], start, end)  # "06 (sáu)": the number again
            i += 1
            continue
        if word in WORDS.bare_days and "".join(row.tags[-2:]) in ("Wv", "W,", "W-") and is_spelled(word, written, row.strict, numbers.get(word)):
            row.add("W", WORDS.bare_days[word], start, end)  # "thứ Tư và Bảy"
            i += 1
            continue
        for size in sizes.get(word, ()):
            if size > len(words) - i:
                continue
            entry = lexicon_entry(table, words[i:i + size], row.strict)
            if entry is not None and entry[0] == "q" and _honorific(text, words, i, row):
                entry = None
            if entry is not None:
                tag, value = entry
                if tag == "W" and _after_ordinal_noun(row, words, i):
                    continue
                row.add(tag, value, start, words[i + size - 1][3])
                i += size
                break
        else:
            tag = "A" if word in sets["before_number"] and _number_follows(row.folded, end) else "X"
            row.add(tag, word, start, end)
            i += 1


def _ordinal(row: _Row, words, i: int) -> int:
    """"tuần thứ 3", "tuần lễ thứ hai", "lần thứ nhất", "ngày thứ 20": an ordinal (tag o)."""
    ordinal_noun = _after_ordinal_noun(row, words, i)
    if not ordinal_noun and not (i > 0 and words[i - 1][0] in WORDS.day):
        return 0
    end = words[i][3]
    digit = re.match(r"\s*(\d{1,2})(?![\d/])", row.folded[end:end + 4])
    if digit and not ordinal_noun and int(digit.group(1)) < 8:
        return 0  # "ngày thứ 6" is a Friday; "ngày thứ 20" the twentieth
    if digit:
        row.add("o", int(digit.group(1)), words[i][2], end + digit.end())
        return 1
    if ordinal_noun and i + 1 < len(words) and words[i + 1][0] in WORDS.ordinals:
        row.add("o", WORDS.ordinals[words[i + 1][0]], words[i][2], words[i + 1][3])
        return 2
    return 0


def _honorific(text: str, words, i: int, row: _Row) -> bool:
    """"Quý doanh nghiệp", "Quý khách": "Quý" before whom it honours is a courtesy, not a quarter."""
    following = " ".join(w[0] for w in words[i + 1:i + 3])
    return any(following == h or following.startswith(h + " ") for h in honoured())


def _number_follows(folded: str, end: int) -> bool:
    return bool(re.match(r"\s*\(?\s*\d", folded[end:end + 4]))


def _after_ordinal_noun(row: _Row, words, i: int) -> bool:
    """"tuần thứ hai", "tuần lễ thứ 2", "lần thứ 2": an ordinal, not a weekday."""
    if row.tags and row.tags[-1] in "wmqyO" and row.ends[-1] >= words[i - 1][3 if i > 0 else 2] - 0 if i > 0 else row.tags and row.tags[-1] in "wmqyO":
        return True
    previous = words[i - 1][0] if i > 0 else None
    return previous in word_sets()["ordinal_nouns"]


def _weekday_digit(row: _Row, words, i: int) -> bool:
    """"thứ 2" … "thứ 7" as a weekday: the digit is the next raw token, so look at the text."""
    end = words[i][3]
    match = re.match(r"\s*([2-7])(?![\d/])", row.folded[end:end + 4])
    if not match:
        return False
    if _after_ordinal_noun(row, words, i):
        return False
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
    # The digit's own number token follows and is dropped by _merge_dates (it lies inside the W).
    row.add("W", names[int(match.group(1)) - 2], words[i][2], end + match.end())
    return True


def _number_at(words, i: int, strict: bool = True) -> tuple[int, int] | None:
    """A number written in words starting at word i: (value, words used). Apart from "một",
    a unit word is a number only before a count or a period ("ba lần", "năm năm"), so "năm"
    stays a year and "ba" a word elsewhere."""
    units, ten, tens, after_tens = number_words()
    numbers = number_spellings()
    spelled = [w[0] if w[0] in numbers and is_spelled(w[0], w[1], strict, numbers[w[0]]) else None for w in words[i:i + 3]]
    first = spelled[0]
    nxt = spelled[1] if len(spelled) > 1 else None
    if first in ten:  # mười, mười một, mười lăm
        return (10 + units[nxt], 2) if nxt in units else (10, 1)
    if first not in units or first in after_tens:
        return None
    if nxt in tens:  # hai mươi, hai mươi lăm
        after = spelled[2] if len(spelled) > 2 else None
        return (units[first] * 10 + units[after], 3) if after in units else (units[first] * 10, 2)
    if first in WORDS.one or _counted_next(words, i, strict):
        return units[first], 1
    return None


def _counted_next(words, i: int, strict: bool = True) -> bool:
    """The word after i opens an output or a period ("ba lần", "hai tuần", "năm chuyên mục"), as
    it is spelled ("năm tờ" counts, "năm tổ chức" does not)."""
    if i + 1 >= len(words):
        return False
    folded, written = words[i + 1][0], words[i + 1][1]
    starts = counted_starts()
    return folded in starts and is_spelled(folded, written, strict, starts[folded])


def _drop_repeated_numbers(row: _Row) -> None:
    """"06 (sáu) tháng": a number written again in words in brackets is read once."""
    tags, values = row.tags, row.values
    keep = [True] * len(tags)
    for i in range(1, len(tags) - 2):
        if tags[i] == "(" and tags[i + 1] in "NM" and tags[i + 2] == ")" and tags[i - 1] in "NM" and values[i + 1] == values[i - 1]:
            keep[i] = keep[i + 1] = keep[i + 2] = False
    if not all(keep):
        for name in ("tags", "values", "starts", "ends"):
            setattr(row, name, [x for x, k in zip(getattr(row, name), keep) if k])


def _merge_dates(row: _Row) -> None:
    """Second pass: "ngày 15 tháng 8 (năm 2025)" → one date; "ngày 20" → a day of the month;
    a number right after a weekday's digit is dropped (it was read with the weekday)."""
    _drop_repeated_numbers(row)
    tags, values, starts, ends = row.tags, row.values, row.starts, row.ends
    out = _Row(row.folded)
    i = 0
    while i < len(tags):
        if tags[i] == "N" and out.tags and starts[i] < out.ends[-1]:  # read with the word before ("thứ 6")
            i += 1
            continue
        if tags[i] == "d" and i + 1 < len(tags) and tags[i + 1] == "o" and 1 <= values[i + 1] <= 31:
            out.add("a", values[i + 1], starts[i], ends[i + 1])  # "ngày thứ 20 của tháng tiếp theo"
            i += 2
            continue
        if tags[i] == "d" and i + 1 < len(tags) and tags[i + 1] == "N":
            day = values[i + 1]
            if i + 3 < len(tags) and tags[i + 2] == "m" and tags[i + 3] == "N" and date_ok(day, values[i + 3]):
                year, used = None, 4
                if i + 5 < len(tags) and tags[i + 4] == "y" and tags[i + 5] == "Y":
                    year, used = values[i + 5], 6
                out.add("D", (day, values[i + 3], year), starts[i], ends[i + used - 1])
                i += used
                continue
            if 1 <= day <= 31 and not (i + 2 < len(tags) and tags[i + 2] == "/"):
                out.add("a", day, starts[i], ends[i + 1])
                i += 2
                continue
        if tags[i] == "d" and i + 2 < len(tags) and tags[i + 1] == "L" and values[i + 1] == -1:
            j = i + 2 + (1 if tags[i + 2] == "c" else 0)
            if j < len(tags) and tags[j] == "m":
                out.add("a", -1, starts[i], ends[j])
                i = j + 1
                continue
        if (tags[i] == "N" and i + 2 < len(tags) and tags[i + 1] in "-v" and tags[i + 2] == "D" and 1 <= values[i] <= 31
                and not (out.tags and out.tags[-1] in "NM")):  # "(3 - 4/5)": the first day of a range
            out.add("a", values[i], starts[i], ends[i])
            i += 1
            continue
        if (tags[i] == "N" and 2 <= values[i] <= 7 and len(out.tags) >= 2 and out.tags[-1] in ",v-"
                and out.tags[-2] == "W"):  # "thứ 2,3,4"
            out.add("W", WEEKDAY_NAMES[values[i] - 2], starts[i], ends[i])
            i += 1
            continue
        if (tags[i] == "N" and i + 2 < len(tags) and tags[i + 1] == "m" and tags[i + 2] == "N" and out.tags
                and out.tags[-1] in "Jv-" and date_ok(values[i], values[i + 2])):  # "đến 22 tháng 5"
            out.add("D", (values[i], values[i + 2], None), starts[i], ends[i + 2])
            i += 3
            continue
        if (tags[i] == "L" and values[i] == -1 and i + 2 < len(tags) and tags[i + 1] == "m" and tags[i + 2] == "N"
                and 1 <= values[i + 2] <= 12):  # "cuối tháng 11": its last day
            month = values[i + 2]
            out.add("D", (calendar.monthrange(2001, month)[1], month, None), starts[i], ends[i + 2])
            i += 3
            continue
        if tags[i] == "D" and out.tags and out.tags[-1] == "d":  # "ngày 10/10": the date says it
            out.tags[-1], out.values[-1], out.ends[-1] = "D", values[i], ends[i]
            i += 1
            continue
        out.add(tags[i], values[i], starts[i], ends[i])
        i += 1
    row.tags, row.values, row.starts, row.ends = out.tags, out.values, out.starts, out.ends
