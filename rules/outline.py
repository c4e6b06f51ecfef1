"""Plan text → a tree of numbered headings, each with the blocks of text under it.

Plans number their parts A./I./1./1.2./a) and list details with "-" and "+". Lines wrap
anywhere, page numbers stand alone between lines, and OCR reads "III." as "I11.". A line opens
a heading only when its number follows its siblings' (a number may skip one or two, as
plans do); anything else continues the block above it.

OCR also misreads digits ("5." read as "9.", "6." as "8."): a number that breaks its siblings'
sequence is read as the number expected when the sequence fits on both sides of it — the
sibling before is the one expected before it, and the next sibling of the same kind, found
before any part of a higher rank, is the one expected after it. The heading keeps the number
as written (``Node.written``) so that the reader can warn.
"""
from __future__ import annotations

import difflib
import enum
import functools
import re
from dataclasses import dataclass, field

from rules.text import Piece, Source, fold, iter_lines
from rules.vocabulary import vocabulary, word_pattern


class Marker(enum.IntEnum):
    """Heading schemes, by rank: a heading closes every open heading of its rank or lower."""

    UPPER = 0  # A.
    ROMAN = 1  # I.
    ARABIC = 2  # 1.
    DOTTED = 3  # 1.2.
    LOWER = 4  # a)


class BlockKind(enum.Enum):
    PARAGRAPH = "paragraph"
    BULLET = "bullet"  # "- …" or "+ …"
    LABEL = "label"  # "- Đơn vị chủ trì: …"
    CLOSING = "closing"  # "Trên đây là Kế hoạch …" after the last part


# Vietnamese alphabetical order as plans letter their points: no f, j, w, z; đ after d.
LETTERS = "abcdđeghiklmnopqrstuvxy"
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
# "Pon vi phéi hop" (OCR) is "Đơn vị phối hợp": 0.8 separates such damage from other words.
LABEL_LIKENESS = 0.8
# How far ahead a misread number's next sibling is looked for, in lines.
LOOK_AHEAD = 400
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_UPPER = re.compile(r"^([A-ZĐ])\.\s+(\S.*)$")
_ROMAN = re.compile(r"^([IVXl1|]{1,5})\.\s*(\S.*)$")
_DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
_ARABIC = re.compile(r"^(\d{1,5})[.)]\s*(\S.*)$")  # a number opens a heading only after its sibling
_LOWER = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
_BULLET = re.compile(r"^([-+•–])\s*(.*)$")
_LABEL = re.compile(r"^([^:]{2,60}?)\s*:\s*(.*)$")


@dataclass
class Block:
    """A run of lines read as one: a paragraph, a bullet, or a labelled field."""

    kind: BlockKind
    piece: Piece
    line: int
    field: str | None = None  # for labels: lead, support, directs, time, frequency, other
    label: str = ""  # the label as written
    bullet: str = ""

    @property
    def text(self) -> str:
        return self.piece.text

    def extend(self, text: str, offset: int) -> None:
        self.piece.add(text, offset)


@dataclass
class Node:
    """A numbered heading, its text, the blocks under it and its sub-headings."""

    marker: Marker | None
    value: int | tuple[int, ...]
    label: str
    piece: Piece
    line: int
    parent: "Node | None" = None
    head: str = ""  # the heading's own line, before any continuation
    children: list["Node"] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    last: dict = field(default_factory=dict)
    written: str = ""  # the number as written, where OCR broke the sequence and it was read as ``label``
    written_at: tuple[int, int] | None = None  # its offsets in the cleaned text

    @property
    def text(self) -> str:
        return self.piece.text

    @property
    def ref(self) -> str:
        labels = []
        node: Node | None = self
        while node is not None and node.marker is not None:
            labels.append(node.label)
            node = node.parent
        return ".".join(reversed(labels))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self):
        return [n for n in self.walk() if not n.children and n is not self]


@functools.lru_cache(maxsize=4096)
def label_field(head: str) -> str | None:
    """The field a label names; OCR-damaged labels are matched by likeness."""
    folded = re.sub(r"\s+", " ", fold(head)).strip()
    vocab = vocabulary()
    names = ("lead", "support", "directs", "time", "frequency", "other")
    for name in names:
        if folded in vocab.with_ocr(vocab.words("labels", name)):
            return name
    best, name_of_best = 0.0, None
    for name in names:
        for phrase in vocab.words("labels", name):
            matcher = difflib.SequenceMatcher(None, folded, phrase)
            if matcher.real_quick_ratio() >= LABEL_LIKENESS and matcher.ratio() > best:
                best, name_of_best = matcher.ratio(), name
    return name_of_best if best >= LABEL_LIKENESS else None


@dataclass(frozen=True)
class _Candidate:
    marker: Marker
    value: int | tuple[int, ...]
    label: str
    text: str
    at: int = 0  # where the text starts in the line


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _candidates(line: str) -> list[_Candidate]:
    """Every reading of the line as a heading, most specific first."""
    found: list[_Candidate] = []
    if m := _ROMAN.match(line):
        token, text = m.groups()
        lookalike = any(c in "1l|" for c in token)
        if not lookalike or (_mostly_upper(text) and set(token) <= set("1l|I")):
            roman = re.sub(r"[1l|]", "I", token)
            if roman in ROMANS:
                found.append(_Candidate(Marker.ROMAN, ROMANS.index(roman) + 1, roman, text, m.start(2)))
    if (m := _UPPER.match(line)) and _mostly_upper(m.group(2)):
        letter = m.group(1).lower()
        if letter in LETTERS:
            found.append(_Candidate(Marker.UPPER, LETTERS.index(letter) + 1, m.group(1), m.group(2), m.start(2)))
    if m := _DOTTED.match(line):
        value = tuple(int(p) for p in m.group(1).split("."))
        found.append(_Candidate(Marker.DOTTED, value, str(value[-1]), m.group(2), m.start(2)))
    if m := _ARABIC.match(line):
        found.append(_Candidate(Marker.ARABIC, int(m.group(1)), m.group(1), m.group(2), m.start(2)))
    if (m := _LOWER.match(line)) and m.group(1) in LETTERS:  # "f)" is no point of a plan
        found.append(_Candidate(Marker.LOWER, LETTERS.index(m.group(1)) + 1, m.group(1), m.group(2), m.start(2)))
    return found


class _Builder:
    """Reads lines one by one, keeping the stack of open headings."""

    def __init__(self, source: Source | None = None, lines: list | None = None) -> None:
        self.source = source
        self.lines = lines or []  # (number, line, offset) of the whole text, for looking ahead
        self.at = 0  # the index in ``lines`` of the line being read
        self.root = Node(None, 0, "", Piece(source), 0)
        self.organisation_of: tuple[Node | None, bool] = (None, False)
        self.stack = [self.root]
        self.block: Block | None = None
        vocab = vocabulary()
        self.closing = word_pattern(vocab.words("organisation", "closing"))

    # -- headings -------------------------------------------------------------------------
    def _parent_for(self, marker: Marker) -> int:
        """Index in the stack of the node a heading of this marker would hang under."""
        index = len(self.stack) - 1
        while index > 0 and self.stack[index].marker >= marker:
            index -= 1
        return index

    def _fits(self, candidate: _Candidate) -> int | None:
        index = self._parent_for(candidate.marker)
        parent = self.stack[index]
        if candidate.marker is Marker.DOTTED:
            return self._dotted_fits(candidate, index)
        last = parent.last.get(candidate.marker, 0)
        if parent is self.root and last == 0 and candidate.marker <= Marker.ROMAN:
            return index  # an excerpt may start at any part ("III. NHIỆM VỤ …")
        step = candidate.value - last
        if candidate.marker is Marker.ROMAN:
            return index if step in (1, 2) else None
        return index if 1 <= step <= 3 else None

    def _misread(self, candidate: _Candidate) -> _Candidate | None:
        """The candidate read as the number its siblings expect, when OCR broke the sequence:
        a sibling before it, and the next one of its kind ahead is the one after the expected."""
        if candidate.marker is Marker.DOTTED:
            return None
        parent = self.stack[self._parent_for(candidate.marker)]
        last = parent.last.get(candidate.marker, 0)
        if last < 1 or candidate.value == last + 1 or not self._next_sibling_is(candidate.marker, last + 2):
            return None
        expected = last + 1
        if candidate.marker is Marker.ROMAN:
            label = ROMANS[expected - 1] if expected <= len(ROMANS) else ""
        elif candidate.marker in (Marker.UPPER, Marker.LOWER):
            label = LETTERS[expected - 1] if expected <= len(LETTERS) else ""
            label = label.upper() if candidate.marker is Marker.UPPER else label
        else:
            label = str(expected)
        return _Candidate(candidate.marker, expected, label, candidate.text, candidate.at) if label else None

    def _next_sibling_is(self, marker: Marker, value: int) -> bool:
        for _, line, _ in self.lines[self.at + 1 : self.at + 1 + LOOK_AHEAD]:
            for candidate in _candidates(line):
                if candidate.marker < marker:
                    return False  # a part of a higher rank closes the siblings
                if candidate.marker is marker:
                    if candidate.value == value:
                        return True
                    break
        return False

    def _dotted_fits(self, candidate: _Candidate, index: int) -> int | None:
        parent = self.stack[index]
        prefix = candidate.value[:-1]
        path = []
        node = parent
        while node is not None and node.marker in (Marker.ARABIC, Marker.DOTTED):
            path.append(node.value if node.marker is Marker.ARABIC else node.value[-1])
            node = node.parent
        if tuple(reversed(path))[-len(prefix):] != prefix:
            return None
        step = candidate.value[-1] - parent.last.get(Marker.DOTTED, 0)
        return index if 1 <= step <= 3 else None

    def try_heading(self, line: str, number: int, offset: int = 0) -> bool:
        candidates = _candidates(line)
        for candidate in candidates:
            if self._fits(candidate) is not None:
                return self._open(candidate, number, offset)
        for candidate in candidates:
            if (read := self._misread(candidate)) is not None and self._fits(read) is not None:
                return self._open(read, number, offset, written=line[: candidate.at].strip())
        return False

    def _open(self, candidate: _Candidate, number: int, offset: int, written: str = "") -> bool:
        index = self._fits(candidate)
        del self.stack[index + 1 :]
        parent = self.stack[index]
        value = candidate.value[-1] if candidate.marker is Marker.DOTTED else candidate.value
        parent.last[candidate.marker] = value
        node = Node(
            candidate.marker, candidate.value, candidate.label,
            Piece.of(candidate.text, offset + candidate.at, self.source), number, parent, head=candidate.text,
        )
        if written:
            node.written = written
            node.written_at = (offset, offset + len(written))
        parent.children.append(node)
        self.stack.append(node)
        self.block = None
        return True

    # -- blocks ---------------------------------------------------------------------------
    def label_field(self, head: str) -> str | None:
        return label_field(head)

    def start_block(self, line: str, number: int, offset: int = 0) -> None:
        bullet, body, at = "", line, 0
        if m := _BULLET.match(line):
            bullet, body, at = m.group(1), m.group(2), m.start(2)
        kind = BlockKind.BULLET if bullet else BlockKind.PARAGRAPH
        block = Block(kind, Piece.of(body, offset + at, self.source), number, bullet=bullet)
        if m := _LABEL.match(body):
            name = self.label_field(m.group(1))
            if name:
                block = Block(BlockKind.LABEL, Piece.of(m.group(2), offset + at + m.start(2), self.source), number,
                              field=name, label=m.group(1), bullet=bullet)
        if bullet or block.kind is BlockKind.LABEL or self.block is None:
            self._append(block)
        else:
            self.block.extend(line, offset)

    def _append(self, block: Block) -> None:
        self.stack[-1].blocks.append(block)
        self.block = block

    def continue_text(self, line: str, number: int, offset: int = 0) -> None:
        if self.block is not None:
            self.block.extend(line, offset)
        elif len(self.stack) > 1:
            self.stack[-1].piece.add(line, offset)
        else:
            self._append(Block(BlockKind.PARAGRAPH, Piece.of(line, offset, self.source), number))

    def close(self, line: str, number: int, offset: int = 0) -> None:
        """Closing words after the last part belong to the top part, not its last point."""
        top = self.stack[1] if len(self.stack) > 1 else self.root
        del self.stack[2:]
        block = Block(BlockKind.CLOSING, Piece.of(line, offset, self.source), number)
        top.blocks.append(block)
        self.block = block


def _starts_block(builder: _Builder, line: str) -> bool:
    if _BULLET.match(line):
        return True
    m = _LABEL.match(line)
    return bool(m and builder.label_field(m.group(1)))


def _in_organisation(builder: _Builder) -> bool:
    if len(builder.stack) < 2:
        return False
    top = builder.stack[1]
    if builder.organisation_of[0] is not top:  # worked out once per top part
        names = vocabulary().words("sections", "organisation")
        builder.organisation_of = (top, any(name in fold(top.head) for name in names))
    return builder.organisation_of[1]


def _lines(text: str):
    """(number, stripped line, its offset in the text), as ``str.splitlines`` counts lines."""
    for number, (raw, offset) in enumerate(iter_lines(text), start=1):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        line = body.strip()
        yield number, line, offset + len(body) - len(body.lstrip())


def read_outline(text: str | Source) -> Node:
    """The heading tree of a plan; its root holds what comes before the first heading."""
    source = text if isinstance(text, Source) else Source(text)
    lines = [item for item in _lines(source.cleaned) if item[1] and not _PAGE_NUMBER.match(item[1])]
    builder = _Builder(source, lines)
    end = word_pattern(vocabulary().words("organisation", "end_markers"))
    head = 4 + max(len(w) for w in vocabulary().words("organisation", "end_markers") + vocabulary().words("organisation", "closing"))
    for builder.at, (number, line, offset) in enumerate(lines):
        folded = fold(line[:head])  # the end and closing words open their line
        if end.match(folded):
            break
        if builder.try_heading(line, number, offset):
            continue
        if _in_organisation(builder) and builder.closing.match(folded) and line[0].isupper():
            builder.close(line, number, offset)
        elif _starts_block(builder, line):
            builder.start_block(line, number, offset)
        else:
            builder.continue_text(line, number, offset)
    return builder.root
