"""The dates of a sentence that are no window, whatever their words say.

The signing date of a document ("Quyết định số 123/QĐ-UBND ngày 02/01/2025"), the date line of
a letter or a news item ("Trà Vinh, ngày 13 tháng 5 năm 2024", "Chiều 14/8, …"), what was done
("đã …"), what was called off ("tạm dừng", "hoãn"), targets ("mục tiêu đến năm 2030"),
anniversaries ("(19/8/1945 - 19/8/2022)"), the period a report is named for ("Báo cáo 6 tháng
đầu năm"), a law's year ("Bộ luật Lao động năm 2019") and a cited document ("Thực hiện Luật …
năm 2013, …"). ``rules.windows`` reads what is left.
"""
from __future__ import annotations

import functools
import re

from rules.text import squash
from rules.tokens import Tokens
from rules.vocabulary import alternation, vocabulary

__all__ = ["clause_around", "sentence_words", "sentences", "skipped"]

def _marked_words(*path: str) -> list[str]:
    node = vocabulary().data
    for key in path:
        node = node[key]
    return [squash(w).lower() for w in node]


@functools.cache
def sentence_words(strict: bool = False) -> dict[str, re.Pattern]:
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


def sentences(t: Tokens) -> list[tuple[int, int]]:
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
    return bool(sentence_words(t.strict)["signed"].search(t.view[t.starts[max(first, i - 6)]:t.starts[i]]))


def skipped(t: Tokens, first: int, last: int) -> tuple[set[int], bool]:
    """Tokens of one sentence that are no window, and whether the sentence may hold none at all."""
    words = sentence_words(t.strict)
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


def clause_around(t: Tokens, offset: int) -> set[int]:
    """The tokens of the clause (between commas, semicolons and full stops) around an offset."""
    inside = [i for i, start in enumerate(t.starts) if start < offset]
    first = next((i + 1 for i in reversed(inside) if t.tags[i] in ",;."), 0)
    last = next((i for i in range(len(inside), len(t.tags)) if t.tags[i] in ",;."), len(t.tags))
    return set(range(first, last))
