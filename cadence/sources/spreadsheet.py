"""Spreadsheets (.xlsx), as offices send a plan's appendix of tasks: each sheet's title rows as
paragraphs, then its table with the merged cells openpyxl reports."""
from __future__ import annotations

import io

from cadence.sources.problems import problem
from rules.layout import Block, Cell, Paragraph, Table


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _merges(sheet) -> dict[tuple[int, int], tuple[int, int, int]]:
    """(row, column) of every merged cell → (first row, first column, width) of its range."""
    covered = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                covered[(row, column)] = (merged.min_row, merged.min_col, merged.max_col - merged.min_col + 1)
    return covered


def _row_cells(sheet, row: int, width: int, merges) -> tuple[Cell, ...]:
    cells = []
    for column in range(1, width + 1):
        first_row, first_column, span = merges.get((row, column), (row, column, 1))
        if column != first_column:
            continue  # covered by the cell to its left
        if row != first_row:
            cells.append(Cell(span=span, continued=True))
        else:
            cells.append(Cell(text=_text(sheet.cell(row, column).value), span=span))
    return tuple(cells)


def _sheet_blocks(sheet) -> list[Block]:
    merges = _merges(sheet)
    width = sheet.max_column
    blocks: list[Block] = []
    rows: list[tuple[Cell, ...]] = []
    for row in range(1, sheet.max_row + 1):
        cells = _row_cells(sheet, row, width, merges)
        texts = [c.text for c in cells if c.text]
        if not rows and len(texts) <= 1:  # a title row above the table
            if texts:
                blocks.append(Paragraph(text=texts[0]))
            continue
        rows.append(cells)
    if rows:
        blocks.append(Table(rows=tuple(rows)))
    return blocks


def spreadsheet_blocks(data: bytes, name: str) -> list[Block]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl's own errors alike: not a workbook
        raise problem("bad-spreadsheet", name, kind=error.__class__.__name__) from None
    return [block for sheet in workbook.worksheets for block in _sheet_blocks(sheet)]
