"""A field of unit names → the separate units, as written.

"Sở Văn hóa, Thể thao và Du lịch" is one unit although it has commas; "Sở Khoa học và Công
nghệ; các cơ quan, đơn vị liên quan" is two. Semicolons always separate; a comma separates
only when the words after it open a new unit ("Phòng …", "UBND …", "các cơ quan …").
Brackets are never split: "Văn phòng UBND tỉnh (Trung tâm Công báo và Tin học)" is one unit.
"""
from __future__ import annotations

import functools
import re

from rules.text import fold, squash, strip_trailing
from rules.vocabulary import alternation, vocabulary

# A cadence written on the wrong line ("Đài Phát thanh và Truyền hình tỉnh (52 số/năm)").
_CADENCE_IN_BRACKETS = re.compile(r"\s*\([^()]*\d[^()]*/[^()]*\)")


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    vocab = vocabulary()
    heads = alternation(vocab.words("units", "heads"))
    groups = alternation(vocab.words("units", "group_heads"))
    verbs = alternation(vocab.words("units", "verbs"))
    # Heads are matched on the original text: a capital marks a name ("Ban Chỉ đạo"), while
    # the lower-case "ban, ngành" continues a group.
    opener = re.compile(rf"^(?:{heads}(?![\w])|cac\s+{groups}(?![\w]))")
    verb = re.compile(rf"\s{verbs}(?![\w])")
    return opener, verb


def _split_outside_brackets(text: str, separator: str) -> list[tuple[int, str]]:
    """Pieces of text split at the separator where it is not inside brackets, with offsets."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "(“":
            depth += 1
        elif char in ")”" and depth:
            depth -= 1
        elif char == separator and depth == 0:
            pieces.append((start, text[start:index]))
            start = index + 1
    pieces.append((start, text[start:]))
    return pieces


def _opens_unit(piece: str) -> bool:
    stripped = piece.strip()
    if not stripped or not stripped[0].isupper() and not fold(stripped).startswith("cac "):
        return False
    opener, _ = _patterns()
    return bool(opener.match(fold(stripped)))


def _cut_at_verb(piece: str) -> str:
    """'Văn phòng HĐND và UBND đăng tải, cập nhật …' → 'Văn phòng HĐND và UBND'."""
    _, verb = _patterns()
    match = verb.search(fold(piece), 4)
    return piece[: match.start()] if match else piece


def split_units(text: str) -> list[str]:
    """The units named in a lead/support/directs field, each as written."""
    return [name for name, _, _ in split_units_at(text)]


def split_units_at(text: str) -> list[tuple[str, int, int]]:
    """The units of a field with where each stands in it: (name, start, end)."""
    blanked = _CADENCE_IN_BRACKETS.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[int, int]] = []
    for clause_at, clause in _split_outside_brackets(blanked, ";"):
        clause = _cut_at_verb(clause)
        current: tuple[int, int] | None = None
        for piece_at, piece in _split_outside_brackets(clause, ","):
            begin, finish = clause_at + piece_at, clause_at + piece_at + len(piece)
            if current and _opens_unit(piece):
                found.append(current)
                current = (begin, finish)
            else:
                current = (current[0], finish) if current else (begin, finish)
        if current:
            found.append(current)
    units = []
    for begin, finish in found:
        raw = blanked[begin:finish]
        name = strip_trailing(squash(raw))
        if name:
            lead = len(raw) - len(raw.lstrip())
            tail = len(re.sub(r"[\s.;,:]+$", "", raw))
            units.append((name, begin + lead, begin + max(tail, lead)))
    return units


def cadence_notes(text: str) -> list[tuple[str, int, int]]:
    """Cadences written in brackets in a unit field, for the reader to attach to a rule: each
    with where it stands in the field."""
    found = []
    for match in _CADENCE_IN_BRACKETS.finditer(text):
        raw = match.group(0)
        start = match.start() + len(raw) - len(raw.lstrip())
        found.append((raw.strip(), start, match.end()))
    return found
