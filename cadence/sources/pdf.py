"""PDFs with a text layer, read with pdfplumber: the lines of each page in the order they stand,
and the ruled tables on it as rows of cells with their merges.

A PDF has no cells, only lines and characters: pdfplumber finds a table from its ruling lines and
leaves a cell that another covers empty (``None``). A covered cell is merged across when the
cell to its left reaches over its column, else merged down from the cell above.
"""
from __future__ import annotations

import io

from cadence.sources.bounds import Limits, check_pages
from cadence.sources.problems import problem
from rules.layout import Block, Cell, Paragraph, Table

# A page of a text PDF carries hundreds of characters; a scan carries none, or a few stamps.
_TEXT_LAYER_CHARACTERS = 40


def _columns(table) -> list[float]:
    """The left edge of each column, from the cells that stand alone in it."""
    width = max(len(row.cells) for row in table.rows)
    edges = []
    for column in range(width):
        lefts = [row.cells[column][0] for row in table.rows if column < len(row.cells) and row.cells[column]]
        edges.append(min(lefts) if lefts else float("inf"))
    return edges


def _table(table, page_number: int) -> Table:
    texts = table.extract()
    edges = _columns(table)
    rows = []
    for row, row_texts in zip(table.rows, texts):
        cells: list[Cell] = []
        owner = None  # (index in cells, right edge) of the last real cell
        for column, bbox in enumerate(row.cells):
            if bbox is not None:
                cells.append(Cell(text=row_texts[column] or ""))
                owner = (len(cells) - 1, bbox[2])
            elif owner is not None and owner[1] > edges[column] + 1:
                index = owner[0]
                cells[index] = Cell(text=cells[index].text, span=cells[index].span + 1)
            else:
                cells.append(Cell(continued=True))
                owner = None
        rows.append(tuple(cells))
    return Table(rows=tuple(rows), page=page_number)


def _page_blocks(page, number: int) -> list[Block]:
    found = page.find_tables()
    placed: list[tuple[float, Block]] = [(t.bbox[1], _table(t, number)) for t in found]
    boxes = [table.bbox for table in found]

    def outside(obj) -> bool:  # by the object's centre: a line touching a table's border is kept
        x, y = (obj.get("x0", 0) + obj.get("x1", 0)) / 2, (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    for line in page.filter(outside).extract_text_lines(keep_blank_chars=False):
        placed.append((line["top"], Paragraph(text=line["text"], page=number)))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def pdf_blocks(data: bytes, name: str, limits: Limits = Limits()) -> list[Block] | None:
    """The pages' lines and tables, or None when the PDF has no text layer (a scan). A PDF of more
    than ``max_pages`` pages is refused before any page is read (a scan's pages too)."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            check_pages(len(pdf.pages), name, limits)
            pages = list(pdf.pages)
            characters = sum(len(page.chars) for page in pages)
            if characters < _TEXT_LAYER_CHARACTERS * max(1, len(pages)) // 2:
                return None
            return [block for number, page in enumerate(pages, start=1) for block in _page_blocks(page, number)]
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise problem("bad-pdf", name, reason=error.__class__.__name__) from None
    except Exception as error:  # pdfminer raises its own kinds for every damaged structure
        if error.__class__.__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise problem("bad-pdf", name, reason=error.__class__.__name__) from None
        raise
