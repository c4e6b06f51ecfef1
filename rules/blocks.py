"""The neutral structure every file format yields: paragraphs with the label a reader sees in
front of them, tables as rows of cells with their merges, the page each starts on; and the text
laid out from them, with the page of every line."""
from __future__ import annotations

from dataclasses import dataclass

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
