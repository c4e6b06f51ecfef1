"""A plan that arrives inside another document: a decision that issues it ("QUYẾT ĐỊNH … Điều 1.
Ban hành kèm theo Quyết định này Kế hoạch …", its articles, its signature block, then the plan
with its own letterhead, title and parts) or a cover letter ("Kính gửi: …", then the plan).

The carrier is recognised by an article or an address line standing before the plan's own title
line ("KẾ HOẠCH"); its lines are blanked — spaces, line breaks kept — so that the reader reads
the plan alone (its title, issuer and year, never the decision's; the decision's articles are no
tasks) while every line number and offset still points into the file as given. The plan's
letterhead above its title ("ỦY BAN NHÂN DÂN / TỈNH …", "Số: …/KH-UBND", the place and date) is
kept with it.
"""
from __future__ import annotations

import functools
import re

from rules.text import fold, squash
from rules.vocabulary import alternation, vocabulary

__all__ = ["carried_plan"]


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    return {
        "carrier": re.compile(rf"^\W*(?:{alternation(vocab.words('carrier', 'articles'))}|"
                              rf"{alternation(vocab.words('carrier', 'address'))})(?![\w])"),
        "header": re.compile(rf"^(?:{alternation(vocab.words('title', 'header'))})\s*:?$"),
        "letterhead": re.compile(rf"^(?:{alternation(vocab.words('carrier', 'letterhead'))})(?![\w])"),
    }


def _letterhead(line: str) -> bool:
    """A line of a letterhead: in capitals, a number or a place and date line, or a rule."""
    stripped = squash(line)
    if not stripped or re.fullmatch(r"[-_=.*\s]+", stripped):
        return True
    letters = [c for c in stripped if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return upper or bool(_patterns()["letterhead"].match(fold(stripped))) or bool(
        re.search(r",\s*ngay\s+(?:\d|\.{2}|…)", fold(stripped)))


def _plan_start(lines: list[str]) -> int:
    """The index of the plan's first line when a carrier stands before its title, else 0."""
    patterns = _patterns()
    carried = False
    for index, line in enumerate(lines):
        folded = fold(squash(line))
        if patterns["carrier"].match(folded):
            carried = True
        elif patterns["header"].match(folded):
            if not carried:
                return 0
            start = index
            while start > 0 and _letterhead(lines[start - 1]):
                start -= 1
            return start
    return 0


def carried_plan(text: str) -> str:
    """The text with the document that carries the plan blanked out, offsets kept."""
    lines = text.splitlines(keepends=True)
    start = _plan_start(lines)
    if start == 0:
        return text
    return "".join([_blanked(line) for line in lines[:start]] + lines[start:])


def _blanked(line: str) -> str:
    body = line.rstrip(_LINE_ENDS)
    return " " * len(body) + line[len(body):]


# What ``str.splitlines`` ends a line on: kept, so that the lines are counted as before.
_LINE_ENDS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
