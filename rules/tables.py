"""A task table ("Phụ lục: nhiệm vụ cụ thể"), recognised by its header, read row by row into the
labelled form the reader already understands:

    1. <nội dung>
    - Đơn vị chủ trì: …
    - Đơn vị phối hợp: …
    - Thời gian thực hiện: …
    - Tần suất: …

A row merged across the table ("I. Lĩnh vực cải cách hành chính") stays a heading; a cell merged
down gives its text to every row it covers; a table continued over pages is read as one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from rules.blocks import Cell, Table
from rules.outline import LETTERS
from rules.text import fold, squash
from rules.vocabulary import vocabulary, word_pattern

FIELDS = ("number", "content", "lead", "support", "time", "frequency", "note")
# The label each field is written under, in the wording of the real plans.
FIELD_LABELS = {"lead": "Đơn vị chủ trì", "support": "Đơn vị phối hợp", "time": "Thời gian thực hiện",
                "frequency": "Tần suất", "note": "Ghi chú"}


# -- the grid: cells spread over their columns, merges resolved ---------------------------------

@dataclass(frozen=True)
class _Slot:
    text: str
    origin: tuple[int, int]  # (row, column) of the cell that holds the text
    continued: bool  # merged down from the row above
    span: int


def _grid(table: Table, before: list[_Slot] | None = None) -> list[list[_Slot]]:
    """Every row as one slot per column; a cell merged down carries the text of its origin
    (``before``: the last row of the same table on the page before)."""
    rows: list[list[_Slot]] = []
    for r, cells in enumerate(table.rows):
        slots: list[_Slot] = []
        last = rows[-1] if rows else before
        # The top row of a page that only carries on the last row (no number in its first cell):
        # its empty cells belong to the cells above, as a cell merged down over the page break.
        spill = r == 0 and before is not None and not (cells and cells[0].text.strip())
        for cell in cells:
            column = len(slots)
            above = last[column] if last and column < len(last) else None
            if (cell.continued or spill and not cell.text.strip()) and above is not None:
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

@functools.lru_cache(maxsize=1024)
def header_field(text: str) -> str | None:
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
    return [header_field(slot.text) for slot in row]


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
    if m := re.fullmatch(r"(?:\d{1,2}|[IVX]{1,5})(?:\.\d{1,2})*\.?([a-zđ])", token):
        return m.group(1) + ")"  # "2.a", "2a": the point's own letter
    return ""


@dataclass
class _Record:
    """One task row (or a heading row: a record with no fields)."""

    label: str
    content: list[str]
    values: dict[str, list[str]] = field(default_factory=dict)
    origin: tuple[int, int] | None = None
    page: int = 0
    heading: bool = False  # a row merged across the table

    def add(self, name: str, text: str) -> None:
        if text and text not in self.values.setdefault(name, []):
            self.values[name].append(text)


def _lines(text: str) -> list[str]:
    return [squash(line) for line in text.splitlines() if line.strip()]


@functools.cache
def _unit_heads() -> re.Pattern[str]:
    vocab = vocabulary()
    return word_pattern(vocab.words("units", "heads") + ("cac",))


# A unit's name does not end on these: the next line carries it on ("Văn phòng HĐND và" / "UBND").
_UNFINISHED = re.compile(r"(?:\b(?:va|cua|thuoc|truc thuoc)|[-–(/&])\s*$")


def _join_units(lines: list[str]) -> str:
    """Lines of a unit cell: a capitalised line that starts a unit ("Sở …", "Các …") is a new
    unit, unless the line before stops where no name stops ("Văn phòng", "… và")."""
    heads = _unit_heads()
    out, current = "", ""
    for line in lines:
        folded = fold(current).strip()
        unfinished = bool(_UNFINISHED.search(folded)) or bool(heads.fullmatch(folded))
        if out and line[0].isupper() and heads.match(fold(line)) and not unfinished and not out.endswith((",", ";")):
            out, current = f"{out.rstrip('.')}; {line}", line
        else:
            out, current = f"{out} {line}".strip(), f"{current} {line}".strip()
    return out


def _continues(line: str) -> bool:
    """A line that carries on the sentence above (a wrapped line in a PDF cell): one that opens
    with neither a capital (a new item: "Bản tin PCI: …") nor a bullet."""
    return bool(line) and not line[0].isupper() and not re.match(r"^[-+•]\s", line)


def _field_lines(name: str, values: list[str]) -> list[str]:
    """A field's cells as labelled lines: units joined, further items as bullets, and the lines
    a narrow cell wrapped joined again."""
    if name in ("lead", "support"):
        return [f"- {FIELD_LABELS[name]}: {'; '.join(_join_units(_lines(v)) for v in values)}"]
    if name == "time":
        return [f"- {FIELD_LABELS[name]}: {' '.join(line for v in values for line in _lines(v))}"]
    out: list[str] = []
    for value in values:
        for index, line in enumerate(_lines(value)):
            if not out and re.match(r"^[-+•]\s", line):  # a cell that is a list: its items stay items
                out.append(f"- {FIELD_LABELS[name]}:")
            if not out:
                out.append(f"- {FIELD_LABELS[name]}: {line}")
            elif index and _continues(line):
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
            if not slot.continued:  # a number the outline cannot read ("1.1.a.1") is left out
                record.label = number_label(slot.text)
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


def _spills(row: list[_Slot], columns: _Columns, records: list[_Record]) -> bool:
    """The top row of a table continued on the next page, holding the rest of the last task:
    no number of its own where the table numbers its tasks."""
    if not records or "number" not in columns.fields:
        return False
    number = row[columns.fields.index("number")]
    own = [s for s in row if s.text and not s.continued]
    return (number.continued or not number.text) and bool(own) and not _across(row, columns)


def _spill_into(record: _Record, row: list[_Slot], columns: _Columns) -> None:
    for slot, name in zip(row, columns.fields):
        if not slot.text or slot.continued:
            continue
        if name == "content":
            record.content.extend(_lines(slot.text))
        elif name in FIELD_LABELS:
            values = record.values.setdefault(name, [])
            if values:
                values[-1] = f"{values[-1]}\n{slot.text}"
            else:
                values.append(slot.text)


def _read_rows(grid: list[list[_Slot]], columns: _Columns, page: int, records: list[_Record]) -> None:
    width = len(columns.fields)
    for index, row in enumerate(grid):
        if len(row) < width:  # a page of the table narrower than its header's (a cell lost in extraction)
            row = row + [_Slot("", (index, c), False, 1) for c in range(len(row), width)]
        if columns.is_header_again(row):
            continue
        if index == 0 and _spills(row, columns, records):
            _spill_into(records[-1], row, columns)
            continue
        if _across(row, columns):
            texts = list(dict.fromkeys(s.text for s in row if s.text))
            if texts:
                label = number_label(texts[0]) if "number" in columns.fields else ""
                body = texts[1:] if label else texts
                records.append(_Record(label, [line for t in body for line in _lines(t)], page=page, heading=True))
            continue
        record = _record_of(row, columns)
        record.page = page
        if not record.content and not record.values and not record.label:
            continue
        if records and record.origin is not None and record.origin == records[-1].origin and not record.label:
            for name, values in record.values.items():  # the same task, one more row of its fields
                for value in values:
                    records[-1].add(name, value)
            continue
        records.append(record)


def table_records(tables: list[Table]) -> tuple[list[str], list[int]] | None:
    """A task table, maybe continued over several pages, as the reader's lines and their pages;
    None when the first table's header names no task fields."""
    records: list[_Record] = []
    columns, before = None, None
    for table in tables:
        found = _columns(_grid(table))
        if columns is None and found is None:
            return None
        start = 0
        if found is not None:  # the header, again on each page
            columns, start = found
        grid = _grid(Table(rows=table.rows[start:], page=table.page), before)
        before = grid[-1] if grid else before
        _read_rows(grid, columns, table.page, records)
    return _numbered(records)


def _numbered(records: list[_Record]) -> tuple[list[str], list[int]]:
    """The records as lines, rows without a number (a table with no STT column) numbered so
    that the outline nests them as the plan did (see ``_Numbering``)."""
    lines: list[str] = []
    pages: list[int] = []
    numbering = _Numbering(records)
    for index, record in enumerate(records):
        label = numbering.label(index)
        before = len(lines)
        lines += _content_lines(label, record.content or [""])
        for name in FIELD_LABELS:
            if record.values.get(name):
                lines += _field_lines(name, record.values[name])
        pages += [record.page] * (len(lines) - before)
    return lines, pages


_ARABIC_HEAD = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[.)]\s")


def _own_label(record: _Record) -> bool:
    return bool(record.label) or bool(record.content and _HEADING_LIKE.match(record.content[0]))


def _is_group(record: _Record, following: _Record | None) -> bool:
    """A row with nothing but its content, before a row with fields of its own: the heading of
    the sub-points below it ("2.8. Xây dựng chuyên trang …" over its "a)", "b)")."""
    return (not record.heading and not record.values and not _own_label(record) and following is not None
            and not following.heading and bool(following.values) and not _own_label(following))


class _Numbering:
    """Labels for rows without a number, one level below the heading above them. Under "I." or
    "A." (or no heading) rows are "1.", "2."; under "2." they are "a)", "b)" as plans letter
    the points of a clause (and cite them: "điểm a, b khoản 2") — or "2.1.", "2.2." where some
    row of the block only names a group, whose sub-points below it are "a)", "b)" (as Trà Bồng
    numbers "2.8." over its "a)", "b)", "c)"). A row that writes its own label keeps it."""

    def __init__(self, records: list[_Record]) -> None:
        self.records = records
        self.prefix: str | None = ""  # "2." under an arabic heading; None where rows are lettered
        self.count = 0
        self.letters = -1  # under a group row: how many sub-points so far; -1 outside a group

    def _group(self, index: int) -> bool:
        following = self.records[index + 1] if index + 1 < len(self.records) else None
        return _is_group(self.records[index], following)

    def _block_has_group(self, index: int) -> bool:
        for later in range(index + 1, len(self.records)):
            if self.records[later].heading:
                return False
            if self._group(later):
                return True
        return False

    def label(self, index: int) -> str:
        record = self.records[index]
        if record.heading:
            match = _ARABIC_HEAD.match(f"{record.label} " if record.label else (record.content or [""])[0])
            self.prefix = "" if not match else f"{match.group(1)}." if self._block_has_group(index) else None
            self.count, self.letters = 0, -1
            return record.label
        if _own_label(record):
            self.letters = -1
            return record.label
        if self.prefix is None or (self.letters >= 0 and not self._group(index)):
            self.letters = max(self.letters, 0) + 1
            return LETTERS[min(self.letters, len(LETTERS)) - 1] + ")"
        self.count += 1
        self.letters = 0 if self._group(index) else -1
        return f"{self.prefix}{self.count}."


def row_text(row: tuple[Cell, ...]) -> str:
    """A row of a table that lists no tasks, as one line."""
    return " | ".join(squash(cell.text) for cell in row if not cell.continued and cell.text.strip())
