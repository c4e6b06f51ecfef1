"""Folding and cleaning of plan text.

Matching folds both sides (NFC → combining marks removed → đ→d → lower case) so that
"Hằng năm", "hàng năm" and the OCR's "Hang nam" meet. ``fold`` keeps the length of an NFC
string, one character for one, so a match found in folded text can be cut from the original.
"""
from __future__ import annotations

import array
import bisect
import functools
import re
import unicodedata

_WHITESPACE = str.maketrans({"\u00a0": " ", "\t": " ", "\u2009": " ", "\u202f": " ", "\ufeff": ""})


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else base


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def clean(text: str) -> str:
    """NFC, odd spaces made plain, and combining marks NFC could not attach removed."""
    text = unicodedata.normalize("NFC", text).translate(_WHITESPACE)
    if _COMBINING.search(text):
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text


def _fold_table() -> dict[int, str]:
    """Latin letters (Vietnamese included) → their folded form, one character for one."""
    table = {}
    for code in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = _fold_char(char)
        if folded != char and len(folded) == 1:
            table[code] = folded
    return table


_FOLD = _fold_table()


_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """The folded form of cleaned text: same length, lower case, no diacritics, đ→d.

    Decomposing and dropping the marks runs in C; where that would change the length (a
    Hangul syllable, a letter whose lower case is two) the table does it letter by letter."""
    if text.isascii():
        return text.lower()
    quick = _MARKS.sub("", unicodedata.normalize("NFD", text)).lower().replace("đ", "d")
    return quick if len(quick) == len(text) else text.translate(_FOLD)


_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.;,:]+$")


def fold_words(text: str) -> str:
    """Folded, with runs of white space made one space: for comparing names."""
    return _SPACES.sub(" ", fold(clean(text))).strip()


def strip_trailing(text: str) -> str:
    """A value as written, without the sentence's trailing punctuation and spaces."""
    return _TRAILING.sub("", text).strip()


def squash(text: str) -> str:
    """Runs of white space made one space."""
    return _SPACES.sub(" ", text).strip()


_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def iter_lines(text: str):
    """(line with its break, offset) as ``str.splitlines(keepends=True)`` cuts them, without
    holding the whole list (a plan may be many megabytes)."""
    offset = 0
    for match in _LINE_BREAK.finditer(text):
        yield text[offset:match.end()], offset
        offset = match.end()
    if offset < len(text):
        yield text[offset:], offset


class Source:
    """The text the reader saw, cleaned for reading, with the way back from an offset in the
    cleaned text to the line and offset in the text as given (spans point into the latter).

    Cleaning changes nothing in most plans; where it does (a file saved with combining marks),
    only the changed lines keep a map of their characters."""

    def __init__(self, original: str):
        self.original = original
        self.cleaned, self._changed = _clean_with_map(original)
        self._changed_starts = [start for start, _, _ in self._changed]
        self._line_starts = array.array("q", [0] + [m.end() for m in _LINE_BREAK.finditer(original)])

    def offset(self, cleaned_offset: int) -> int:
        if not self._changed:
            return min(cleaned_offset, len(self.original))
        index = bisect.bisect_right(self._changed_starts, cleaned_offset) - 1
        if index < 0:
            return min(cleaned_offset, len(self.original))
        start, original_start, mapping = self._changed[index]
        if cleaned_offset - start < len(mapping):
            return original_start + mapping[cleaned_offset - start]
        shift = original_start + (mapping[-1] + 1 if mapping else 0) - (start + len(mapping))
        return min(cleaned_offset + shift, len(self.original))

    def span(self, start: int, end: int):
        """A Span of the original text for cleaned offsets [start, end)."""
        from rules.model import Span

        first = self.offset(start)
        last = self.offset(end - 1) + 1 if end > start else first
        last = max(first, min(last, len(self.original)))
        return Span(line=bisect.bisect_right(self._line_starts, first), start=first, end=last)


def _clean_with_map(original: str) -> tuple[str, list[tuple[int, int, list[int]]]]:
    """``clean(original)``, and for each line cleaning changed: (its offset in the cleaned
    text, its offset in the original, the original offset in the line of each character)."""
    cleaned = clean(original)
    if len(cleaned) == len(original) and unicodedata.is_normalized("NFC", original) and "\ufeff" not in original:
        return cleaned, []
    out: list[str] = []
    changed: list[tuple[int, int, list[int]]] = []
    position = 0
    for line, offset in iter_lines(original):
        piece = clean(line)
        if len(piece) != len(line) or not unicodedata.is_normalized("NFC", line) or "\ufeff" in line:
            piece, mapping = _map_groups(line)
            changed.append((position, offset, mapping))
        out.append(piece)
        position += len(piece)
    return "".join(out), changed


def _map_groups(line: str) -> tuple[str, list[int]]:
    """Clean a line character group by character group (a letter and its combining marks)."""
    out, mapping, i = [], [], 0
    while i < len(line):
        j = i + 1
        while j < len(line) and unicodedata.combining(line[j]):
            j += 1
        piece = clean(line[i:j])
        out.append(piece)
        mapping.extend([i] * len(piece))
        i = j
    return "".join(out), mapping


class Piece:
    """A piece of the text as the reader joined it (lines of a block, joined with one space),
    and where each of its parts stands in the cleaned source."""

    __slots__ = ("_parts", "_text", "source")

    def __init__(self, source: "Source | None" = None):
        self._parts: list[tuple[str, int]] = []
        self._text: str | None = None
        self.source = source

    @classmethod
    def of(cls, text: str, offset: int, source: "Source | None") -> "Piece":
        piece = cls(source)
        piece.add(text, offset)
        return piece

    def add(self, text: str, offset: int) -> None:
        if text:
            self._parts.append((text, offset))
            self._text = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(t for t, _ in self._parts)
        return self._text

    def cleaned_offset(self, index: int) -> int:
        """The offset in the cleaned source of the piece's character ``index``."""
        if len(self._parts) == 1:
            text, offset = self._parts[0]
            return offset + min(index, len(text))
        position = 0
        for text, offset in self._parts:
            if index < position + len(text) + 1:
                return offset + min(index - position, len(text))
            position += len(text) + 1
        text, offset = self._parts[-1] if self._parts else ("", 0)
        return offset + len(text)

    def span(self, start: int, end: int):
        """The Span of the piece's characters [start, end), or None without a source."""
        if self.source is None or not self._parts:
            return None
        first = self.cleaned_offset(start)
        last = self.cleaned_offset(max(start, end - 1)) + (1 if end > start else 0)
        return self.source.span(first, max(first, last))
