"""A document's blocks (paragraphs and tables, in reading order) → the text the reader reads.

Plans arrive as Word files with automatic numbering, with their tasks in a table, as PDFs and as
scans. The file formats are opened elsewhere (cadence.sources); what they yield is the neutral
structure of ``rules.blocks``. Here paragraphs get their labels in front, task tables become
labelled records (``rules.tables``), a table over several pages is read as one, and a table sent
in the appendix after the signature is read where the task section refers to it. Every line of
the result keeps the page it came from, so a span the reader finds can name its page.
"""
from __future__ import annotations

import re

from rules.blocks import Block, Cell, LaidText, Paragraph, Table
from rules.tables import FIELD_LABELS, header_field, number_label, row_text, table_records
from rules.text import fold, squash
from rules.vocabulary import vocabulary, word_pattern

__all__ = ["Block", "Cell", "FIELD_LABELS", "LaidText", "Paragraph", "Table", "header_field", "lay_out",
           "number_label"]


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


def _is_debris(block: Block) -> bool:
    """What stands between two pages of one table: blank lines and running page numbers."""
    return isinstance(block, Paragraph) and re.fullmatch(r"\s*\d{0,3}\s*", _paragraph_text(block)) is not None


def _runs(blocks) -> list[Block | list[Table]]:
    """Paragraphs, and runs of tables with only page debris between them (a table over pages)."""
    out: list = []
    pending: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            if out and isinstance(out[-1], list) and _width(out[-1][-1]) == _width(block):
                out[-1].append(block)
                pending.clear()
                continue
            out += pending
            pending.clear()
            out.append([block])
        elif _is_debris(block) and out and isinstance(out[-1], list):
            pending.append(block)
        else:
            out += pending
            pending.clear()
            out.append(block)
    return out + pending


def _width(table: Table) -> int:
    return max((sum(cell.span for cell in row) for row in table.rows), default=0)


def lay_out(blocks: list[Block] | tuple[Block, ...]) -> LaidText:
    """The text the reader reads: paragraphs with their labels, task tables as records."""
    pieces: list[tuple[list[str], list[int], bool]] = []  # (lines, their pages, is a task table)
    for item in _runs(blocks):
        if isinstance(item, Paragraph):
            lines = _paragraph_text(item).splitlines() or [""]
            pieces.append((lines, [item.page] * len(lines), False))
            continue
        read = table_records(item)
        if read is None:
            for table in item:
                lines = [row_text(row) for row in table.rows]
                pieces.append((lines, [table.page] * len(lines), False))
        else:
            pieces.append((read[0], read[1], True))
    pieces = _nested_under_their_part(_appendices_in_place(pieces))
    lines, pages = [], []
    for piece_lines, piece_pages, _ in pieces:
        lines += piece_lines
        pages += piece_pages
    return LaidText("\n".join(lines), tuple(pages))


def _appendices_in_place(pieces: list[tuple[list[str], list[int], bool]]) -> list[tuple[list[str], list[int], bool]]:
    """Task tables after the end of the body ("Nơi nhận") move to where the body refers to them."""
    if not any(piece[2] for piece in pieces):
        return pieces
    ends = vocabulary().words("organisation", "end_markers")
    firsts = [p[0][0] if p[0] else "" for p in pieces]
    end = next((i for i, (text, piece) in enumerate(zip(firsts, pieces)) if not piece[2] and _starts_with(ends, text)), None)
    if end is None or not any(piece[2] for piece in pieces[end:]):
        return pieces
    appendices = [piece for piece in pieces[end:] if piece[2]]
    rest = [piece for piece in pieces[end:] if not piece[2]]
    target = _appendix_target(firsts, end)
    return pieces[:target] + appendices + pieces[target:end] + rest


_ROMAN_PART = re.compile(r"^[IVX][IVXl1|]{0,4}\.\s")
_ROMAN_ROW = re.compile(r"^([IVX]{1,5})\.\s+(.*)$")
_NUMBER_ROW = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.\s+(.*)$")


def _nested_under_their_part(pieces: list[tuple[list[str], list[int], bool]]) -> list[tuple[list[str], list[int], bool]]:
    """A task table numbered "I.", "II." inside a body part that is itself "III.": its headings
    cannot stand beside the part they belong to, so they become the part's "1.", "2." and their
    tasks "1.1.", "1.2." (their points "a)" stay)."""
    out, part_is_roman, lettered = [], False, False  # a plan lettered "A.", "B." has its "I." below them
    for lines, pages, is_table in pieces:
        if not is_table:
            for line in lines:
                if _TOP_HEADING.match(line):
                    part_is_roman = bool(_ROMAN_PART.match(line)) and not lettered
                    lettered = lettered or not _ROMAN_PART.match(line)
        elif part_is_roman and any(_ROMAN_ROW.match(line) for line in lines):
            lines = _demoted(lines)
        out.append((lines, pages, is_table))
    return out


def _demoted(lines: list[str]) -> list[str]:
    out, heading = [], 0
    for line in lines:
        if match := _ROMAN_ROW.match(line):
            heading += 1
            out.append(f"{heading}. {match.group(2)}")
        elif heading and (match := _NUMBER_ROW.match(line)):
            out.append(f"{heading}.{match.group(1)}. {match.group(2)}")
        else:
            out.append(line)
    return out
