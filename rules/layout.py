"""A document's blocks (paragraphs and tables, in reading order) → the text the reader reads.

Plans arrive as Word files with automatic numbering, with their tasks in a table ("Phụ lục:
nhiệm vụ cụ thể"), as PDFs and as scans. The file formats are opened elsewhere; what they
yield is this module's neutral structure: paragraphs with the label a reader sees in front of
them, and tables as rows of cells with their merges. Here a task table, recognised by its
header, is read row by row into the labelled form the reader already understands:

    1. <nội dung>
    - Đơn vị chủ trì: …
    - Đơn vị phối hợp: …
    - Thời gian thực hiện: …
    - Tần suất: …

and a row merged across the table ("I. Lĩnh vực cải cách hành chính") stays a heading. Every
line of the result keeps the page it came from, so a span the reader finds can name its page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rules.text import fold, squash
from rules.vocabulary import vocabulary, word_pattern

FIELDS = ("number", "content", "lead", "support", "time", "frequency", "note")
# The label each field is written under, in the wording of the real plans.
FIELD_LABELS = {"lead": "Đơn vị chủ trì", "support": "Đơn vị phối hợp", "time": "Thời gian thực hiện",
                "frequency": "Tần suất", "note": "Ghi chú"}


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    """A paragraph as a reader sees it: ``label`` is Word's automatic number ("1.", "a)", "-")."""

    text: str
    label: str = ""
    page: int = 0  # 1-based; 0 where the format does not say


@dataclass(frozen=True, kw_only=True)
class Cell:
    """One cell of a row: ``span`` columns wide; ``continued`` when merged with the cell above."""

    text: str = ""
    span: int = 1
    continued: bool = False

    def __post_init__(self) -> None:
        if self.span < 1:
            raise ValueError(f"Cell.span must be at least 1, got {self.span}")


@dataclass(frozen=True, kw_only=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    page: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))


Block = Paragraph | Table


@dataclass(frozen=True)
class LaidText:
    """The text the reader reads, and the page each of its lines came from (0: unknown)."""

    text: str
    pages: tuple[int, ...]

    def page_of(self, line: int) -> int:
        """The page of a 1-based line number, as the reader counts lines."""
        return self.pages[line - 1] if 1 <= line <= len(self.pages) else 0

    def with_page_markers(self, marker: str = "--- {page} ---") -> str:
        """The text with a marker line where each page starts, for a person to check."""
        out, last = [], None
        for line, page in zip(self.text.split("\n"), self.pages):
            if page and page != last:
                out.append(marker.format(page=page))
                last = page
            out.append(line)
        return "\n".join(out)


# -- the grid: cells spread over their columns, merges resolved ---------------------------------

@dataclass(frozen=True)
class _Slot:
    text: str
    origin: tuple[int, int]  # (row, column) of the cell that holds the text
    continued: bool  # merged down from the row above
    span: int


def _grid(table: Table) -> list[list[_Slot]]:
    """Every row as one slot per column; a cell merged down carries the text of its origin."""
    rows: list[list[_Slot]] = []
    for r, cells in enumerate(table.rows):
        slots: list[_Slot] = []
        for cell in cells:
            column = len(slots)
            above = rows[-1][column] if rows and column < len(rows[-1]) else None
            if cell.continued and above is not None:
                slot = _Slot(above.text, above.origin, True, cell.span)
            else:
                slot = _Slot(cell.text.strip(), (r, column), False, cell.span)
            slots.extend([slot] * cell.span)
        rows.append(slots)
    width = max((len(r) for r in rows), default=0)
    for r, slots in enumerate(rows):
        slots.extend(_Slot("", (r, c), False, 1) for c in range(len(slots), width))
    return rows


# -- the header ---------------------------------------------------------------------------------

def _field_of(text: str) -> str | None:
    """The field a header cell names: the longest vocabulary phrase it holds decides."""
    folded = squash(fold(text)).strip(" .:")
    if not folded:
        return None
    best, best_field = 0, None
    for name in FIELDS:
        for phrase in vocabulary().words("tables", name):
            exact = name == "number"  # "TT" only as the whole cell, never inside a word
            if (folded == phrase if exact else re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded)):
                if len(phrase) > best:
                    best, best_field = len(phrase), name
    return best_field


def _header_fields(row: list[_Slot]) -> list[str | None]:
    return [_field_of(slot.text) for slot in row]


def _is_header(fields: list[str | None]) -> bool:
    named = {f for f in fields if f}
    return len(named) >= 2 and bool(named & {"content", "lead"})


_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def _is_column_numbers(row: list[_Slot]) -> bool:
    """The row of column numbers "(1) (2) (3)" some tables put under their header."""
    texts = [s.text for s in row if s.text]
    return len(texts) >= 2 and all(_COLUMN_NUMBER.match(t) for t in texts)


@dataclass
class _Columns:
    """What a task table's columns mean, and the header rows to skip when they repeat."""

    fields: list[str | None]
    header_texts: set[tuple[str, ...]] = field(default_factory=set)

    def is_header_again(self, row: list[_Slot]) -> bool:
        return _row_key(row) in self.header_texts or _is_column_numbers(row)


def _row_key(row: list[_Slot]) -> tuple[str, ...]:
    return tuple(squash(fold(s.text)) for s in row)


def _columns(grid: list[list[_Slot]]) -> tuple[_Columns, int] | None:
    """The header of a task table among its first rows, and the first row after it."""
    for index, row in enumerate(grid[:4]):
        fields = _header_fields(row)
        if not _is_header(fields):
            continue
        columns = _Columns(list(fields), {_row_key(row)})
        start = index + 1
        if start < len(grid) and not _is_column_numbers(grid[start]):
            below = _header_fields(grid[start])
            own = [f if f and not grid[start][c].continued else None for c, f in enumerate(below)]
            if any(own) and not any(s.text and not s.continued and not f for s, f in zip(grid[start], below)):
                columns.fields = [own[c] or fields[c] for c in range(len(fields))]  # a second header row
                columns.header_texts.add(_row_key(grid[start]))
                start += 1
        while start < len(grid) and _is_column_numbers(grid[start]):
            start += 1
        return columns, start
    return None


# -- rows → records -----------------------------------------------------------------------------

_ROMAN = re.compile(r"^[IVX]{1,5}$")
_HEADING_LIKE = re.compile(r"^(?:[A-ZĐ]|[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s")


def number_label(text: str) -> str:
    """An STT cell as the reader expects a label: "1" → "1.", "1.2" → "1.2.", "a" → "a)"."""
    token = squash(text).rstrip(".)")
    if not token or not re.fullmatch(r"[\w.]{1,12}", token):
        return ""
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", token) or _ROMAN.match(token):
        return token + "."
    if re.fullmatch(r"[A-ZĐ]", token):
        return token + "."
    if re.fullmatch(r"[a-zđ]", token):
        return token + ")"
    return ""


@dataclass
class _Record:
    """One task row (or a heading row: a record with no fields)."""

    label: str
    content: list[str]
    values: dict[str, list[str]] = field(default_factory=dict)
    origin: tuple[int, int] | None = None

    def add(self, name: str, text: str) -> None:
        if text and text not in self.values.setdefault(name, []):
            self.values[name].append(text)


def _lines(text: str) -> list[str]:
    return [squash(line) for line in text.splitlines() if line.strip()]


def _unit_heads() -> re.Pattern[str]:
    vocab = vocabulary()
    return word_pattern(vocab.words("units", "heads") + ("cac",))


def _join_units(lines: list[str]) -> str:
    """Lines of a unit cell: a line that starts a unit ("Sở …", "Các …") is a new unit."""
    heads = _unit_heads()
    out = ""
    for line in lines:
        if not out:
            out = line
        elif heads.match(fold(line)) and not out.endswith((",", ";")):
            out = f"{out.rstrip('.')}; {line}"
        else:
            out = f"{out} {line}"
    return out


def _continues(line: str) -> bool:
    """A line that carries on the sentence above (a wrapped line in a PDF cell)."""
    return bool(line) and (line[0].islower() or line[0] in "(,;–-/" and not re.match(r"^[-+•]\s", line))


def _field_lines(name: str, lines: list[str]) -> list[str]:
    """A field's cell as labelled lines; its further lines as bullets, wrapped lines joined."""
    if name in ("lead", "support"):
        return [f"- {FIELD_LABELS[name]}: {_join_units(lines)}"]
    if name == "time":
        return [f"- {FIELD_LABELS[name]}: {' '.join(lines)}"]
    out = [f"- {FIELD_LABELS[name]}: {lines[0]}"]
    for line in lines[1:]:
        if _continues(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line if re.match(r"^[-+•]\s", line) else f"+ {line}")
    return out


def _content_lines(label: str, lines: list[str]) -> list[str]:
    first, rest = (lines[0], lines[1:]) if lines else ("", [])
    head = f"{label} {first}".strip() if label and not _HEADING_LIKE.match(first) else first
    # A later line that looks like a heading ("1. …" inside a cell) stays inside the task.
    return [head] + [f"+ {line}" if _HEADING_LIKE.match(line) else line for line in rest]


def _record_of(row: list[_Slot], columns: _Columns) -> _Record:
    record = _Record("", [])
    seen: set[tuple[int, int]] = set()
    for slot, name in zip(row, columns.fields):
        if slot.origin in seen:
            continue
        seen.add(slot.origin)
        if name == "number":
            if not slot.continued:
                record.label = number_label(slot.text)
                if not record.label and slot.text:
                    record.content.append(slot.text)
        elif name == "content" or (name is None and slot.span > 1):
            record.origin = slot.origin
            if not slot.continued:
                record.content.extend(_lines(slot.text))
        elif name in FIELD_LABELS and slot.text:
            record.add(name, slot.text)
    return record


def _across(row: list[_Slot], columns: _Columns) -> bool:
    """A row one cell wide beyond its number: a heading merged across the table."""
    origins = {s.origin for s, f in zip(row, columns.fields) if f != "number"}
    return len(origins) == 1 and len(row) > 2


def table_records(table: Table, columns: _Columns | None = None) -> tuple[list[str], _Columns] | None:
    """A task table as the reader's lines, or None when the table's header names no task fields."""
    grid = _grid(table)
    start = 0
    if columns is None or len(columns.fields) != len(grid[0] if grid else []):
        found = _columns(grid)
        if found is None:
            return None
        columns, start = found
    elif (found := _columns(grid)) is not None:
        columns, start = found
    records: list[_Record] = []
    for row in grid[start:]:
        if columns.is_header_again(row):
            continue
        if _across(row, columns):
            texts = list(dict.fromkeys(s.text for s in row if s.text))
            if not texts:
                continue
            label = number_label(texts[0]) if texts and "number" in columns.fields else ""
            body = texts[1:] if label else texts
            records.append(_Record(label, [line for t in body for line in _lines(t)]))
            continue
        record = _record_of(row, columns)
        if not record.content and not record.values and not record.label:
            continue
        if records and record.origin is not None and record.origin == records[-1].origin and not record.label:
            for name, values in record.values.items():  # the same task, one more row of its fields
                for value in values:
                    records[-1].add(name, value)
            continue
        records.append(record)
    return _numbered(records), columns


def _numbered(records: list[_Record]) -> list[str]:
    """The records as lines; rows without a number are numbered 1, 2, … under their heading."""
    lines: list[str] = []
    count = 0
    for record in records:
        if not record.values:
            count = 0  # a heading row: the rows under it number from 1 again
        label = record.label
        if not label and record.values and not (record.content and _HEADING_LIKE.match(record.content[0])):
            count += 1
            label = f"{count}."
        lines += _content_lines(label, record.content or [""])
        for name in FIELD_LABELS:
            if record.values.get(name):
                lines += _field_lines(name, [line for v in record.values[name] for line in _lines(v)])
    return lines


# -- the whole document -------------------------------------------------------------------------

def _paragraph_text(paragraph: Paragraph) -> str:
    text = paragraph.text.strip()
    return f"{paragraph.label} {text}".strip() if paragraph.label else text


def _starts_with(words: tuple[str, ...], text: str) -> bool:
    return bool(word_pattern(words).match(squash(fold(text))))


# A part's heading: "C.", "III.", and "I11." as OCR reads "III." (a roman numeral starts with a letter).
_TOP_HEADING = re.compile(r"^(?:[A-ZĐ]|[IVX][IVXl1|]{0,4})\.\s")


def _appendix_target(texts: list[str], end: int) -> int:
    """Where tables sent after the signature belong: after the task section's mention of its
    appendix ("Chi tiết tại Phụ lục kèm theo"), else at the end of the task section, else just
    before the end of the body."""
    vocab = vocabulary()
    appendix = word_pattern(vocab.words("tables", "appendix"))
    tasks, organisation = vocab.words("sections", "tasks"), vocab.words("sections", "organisation")
    section, after_tasks = "", None
    for index, text in enumerate(texts[:end]):
        folded = fold(text)
        if _TOP_HEADING.match(text):
            if section == "tasks" and after_tasks is None:
                after_tasks = index
            section = ("organisation" if any(w in folded for w in organisation)
                       else "tasks" if any(w in folded for w in tasks) else "")
        if section == "tasks" and appendix.search(folded):
            return index + 1
    return after_tasks if after_tasks is not None else end


def lay_out(blocks: list[Block] | tuple[Block, ...]) -> LaidText:
    """The text the reader reads: paragraphs with their labels, task tables as records."""
    pieces: list[tuple[list[str], int, bool]] = []  # (lines, page, is a task table)
    columns: _Columns | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            text = _paragraph_text(block)
            pieces.append((text.splitlines() or [""], block.page, False))
            if text.strip() and not re.fullmatch(r"\d{1,3}", text.strip()):
                columns = None  # a table continued on the next page follows its part directly
            continue
        read = table_records(block, columns)
        if read is None:
            pieces.append(([_row_text(row) for row in block.rows], block.page, False))
            columns = None
        else:
            lines, columns = read
            pieces.append((lines, block.page, True))
    pieces = _appendices_in_place(pieces)
    lines, pages = [], []
    for piece_lines, page, _ in pieces:
        lines += piece_lines
        pages += [page] * len(piece_lines)
    return LaidText("\n".join(lines), tuple(pages))


def _row_text(row: tuple[Cell, ...]) -> str:
    return " | ".join(squash(cell.text) for cell in row if not cell.continued and cell.text.strip())


def _appendices_in_place(pieces: list[tuple[list[str], int, bool]]) -> list[tuple[list[str], int, bool]]:
    """Task tables after the end of the body ("Nơi nhận") move to where the body refers to them."""
    ends = vocabulary().words("organisation", "end_markers")
    firsts = [p[0][0] if p[0] else "" for p in pieces]
    end = next((i for i, (text, piece) in enumerate(zip(firsts, pieces)) if not piece[2] and _starts_with(ends, text)), None)
    if end is None or not any(piece[2] for piece in pieces[end:]):
        return pieces
    appendices = [piece for piece in pieces[end:] if piece[2]]
    rest = [piece for piece in pieces[end:] if not piece[2]]
    target = _appendix_target(firsts, end)
    return pieces[:target] + appendices + pieces[target:end] + rest
