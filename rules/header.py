"""The plan's title, issuer and year, from the lines before its first part."""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from rules.text import clean, fold, iter_lines, squash, strip_trailing
from rules.vocabulary import alternation, vocabulary



@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    year = alternation(vocab.words("cadence", "periods", "year"))
    return {
        "year": re.compile(rf"(?<![\w])(?:{year})\s+(20\d\d)(?!\d)"),
        "year_split": re.compile(rf"\s+(?:{alternation(list(vocab.words('cadence', 'periods', 'year')) + ['năm'])})\s+\d{{4}}",
                                 re.IGNORECASE),
        "council": re.compile(rf"(?:{alternation(vocab.words('title', 'council'))})\s+"),
        "of": re.compile(rf"(?:{alternation(vocab.with_ocr(vocab.words('title', 'of')))})\s+"),
    }


@dataclass(frozen=True)
class Header:
    title: str
    issuer: str
    year: int | None


def _title_lines(lines: list[str]) -> tuple[list[str], bool, int]:
    vocab = vocabulary()
    headers = vocab.words("title", "header")
    preamble = vocab.words("title", "preamble")
    start, has_header = 0, False
    for index, line in enumerate(lines):
        if fold(line).strip().rstrip(":") in headers:
            start, has_header = index + 1, True
            break
    title = []
    for line in lines[start:]:
        if title and any(fold(line).startswith(p) for p in preamble):
            break
        title.append(line)
        if len(title) >= 6:
            break
    return title, has_header, max(start - 1, 0) if has_header else 0


def _letterhead_issuer(lines: list[str]) -> str:
    """'ỦY BAN NHÂN DÂN / TỈNH BÌNH ĐỊNH' above the title → 'UBND tỉnh Bình Định'."""
    levels = alternation(vocabulary().words("title", "issuer_levels"))
    head = " ".join(lines)
    match = re.search(rf"{_patterns()['council'].pattern}({levels})\s+((?:[^\W\d_]+\s*){{1,4}})", fold(head))
    if not match:
        return ""
    level = head[match.start(1) : match.end(1)].lower()
    name = " ".join(w for w in head[match.start(2) : match.end(2)].split() if w[:1].isupper())
    return f"UBND {level} {name.title()}" if name else ""


def _issuer(title: str) -> str:
    vocab = vocabulary()
    folded = fold(title)
    heads = alternation(vocab.words("title", "issuer_heads"))
    levels = alternation(vocab.words("title", "issuer_levels"))
    if match := re.search(rf"{_patterns()['of'].pattern}({heads}(?![\w]).*)", folded):
        issuer = title[match.start(1) :]
        return strip_trailing(_patterns()["year_split"].split(issuer)[0])
    for match in re.finditer(rf"(?<![\w])({levels})\s+", folded):
        rest = title[match.end() :]
        name = re.match(r"((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s*)+)", rest)
        if name:
            return f"UBND {title[match.start(1):match.end(1)]} {strip_trailing(name.group(1))}"
    return ""


def read_header(text: str, first_part_line: int) -> Header:
    """Title, issuer and year from the lines above the first numbered part."""
    wanted = max(first_part_line - 1, 0)
    lines = [squash(clean(l)) for l, _ in itertools.islice(iter_lines(text), wanted)]
    lines = [l for l in lines if l and not re.fullmatch(r"\d{1,3}", l)]
    title_lines, has_header, title_start = _title_lines(lines)
    letterhead = _letterhead_issuer(lines[:title_start])
    title = squash(" ".join(title_lines))
    if has_header and title:
        title = f"Kế hoạch {title}"
    year = _patterns()["year"].search(fold(title)) or _patterns()["year"].search(fold(" ".join(lines)))
    return Header(title=title, issuer=_issuer(title) or letterhead, year=int(year.group(1)) if year else None)
