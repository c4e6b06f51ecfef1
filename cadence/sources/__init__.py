"""Plan files → the text the reader reads, with the page each line came from → Plan.

The reader in ``rules`` is pure; opening files happens here, one module per format or job:
``text`` (encodings), ``docx`` (Word, with its automatic numbering), ``pdf`` (a text layer, with
its tables), ``spreadsheet`` (.xlsx appendices), ``conversion`` (.doc, .odt, .rtf through
LibreOffice), ``ocr`` (scans, through Tesseract) and ``bounds`` (what a file must be before it
is opened, and the limits of the programs that convert and recognise). Each format yields the
neutral blocks of ``rules.layout``, which turns them into text.

This package sits low in Cadence: it imports only ``cadence.errors``, ``cadence.catalogue``,
``cadence.tz`` and ``rules``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cadence.sources.bounds import Limits, check_package, read_document
from cadence.sources.problems import problem
from rules.layout import LaidText, Paragraph, lay_out
from rules.model import Plan, PlanReadError

__all__ = ["Limits", "Source", "read_source", "plan_text", "read_plan_file"]

CONVERTED_SUFFIXES = (".doc", ".odt", ".rtf")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97-2003 files


@dataclass(frozen=True)
class Source:
    """What was read from a file: its text as the reader sees it, and how it was got."""

    file: str
    laid: LaidText
    how: str  # "text", "docx", "pdf", "spreadsheet", "converted", "ocr"
    data: bytes = field(default=b"", repr=False, compare=False)  # the file's bytes, as read once

    @property
    def text(self) -> str:
        return self.laid.text

    def page_of(self, line: int) -> int:
        """The page a line of the text (1-based, as the reader counts) came from; 0 if unknown."""
        return self.laid.page_of(line)


def _kind(data: bytes, suffix: str) -> str:
    if suffix == ".docx" or (data.startswith(b"PK") and b"word/" in data[:4096]):
        return "docx"
    if suffix in (".xlsx", ".xlsm") or (data.startswith(b"PK") and b"xl/" in data[:4096]):
        return "spreadsheet"
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return "pdf"
    if suffix in CONVERTED_SUFFIXES or data.startswith((_OLE, b"{\\rtf")) or b"opendocument.text" in data[:200]:
        return "converted"
    from cadence.sources.ocr import IMAGE_SUFFIXES

    return "image" if suffix in IMAGE_SUFFIXES else "text"


def _conversion_suffix(data: bytes, suffix: str) -> str:
    if suffix in CONVERTED_SUFFIXES:
        return suffix
    return ".doc" if data.startswith(_OLE) else ".rtf" if data.startswith(b"{\\rtf") else ".odt"


def _blocks(data: bytes, name: str, suffix: str, limits: Limits) -> tuple[list, str]:
    kind = _kind(data, suffix)
    if kind == "docx":
        return _word(data, name, limits), "docx"
    if kind == "spreadsheet":
        from cadence.sources.spreadsheet import spreadsheet_blocks

        check_package(data, name, limits)
        return spreadsheet_blocks(data, name), "spreadsheet"
    if kind == "pdf":
        from cadence.sources.pdf import pdf_blocks

        blocks = pdf_blocks(data, name, limits)
        if blocks is not None:
            return blocks, "pdf"
        return _recognised(data, name, ".pdf", limits), "ocr"
    if kind == "image":
        return _recognised(data, name, suffix, limits), "ocr"
    if kind == "converted":
        from cadence.sources.conversion import convert_to_docx

        return _word(convert_to_docx(data, name, _conversion_suffix(data, suffix), limits), name, limits), "converted"
    from cadence.sources.text import decode_text

    return [Paragraph(text=line) for line in decode_text(data, name).splitlines()], "text"


def _word(data: bytes, name: str, limits: Limits) -> list:
    from cadence.sources.docx import docx_blocks

    check_package(data, name, limits, body="word/document.xml")
    return docx_blocks(data, name)


def _recognised(data: bytes, name: str, suffix: str, limits: Limits) -> list:
    from cadence.sources.ocr import recognise

    return recognise(data, name, suffix, limits)


def read_source(path: Path | str, limits: Limits = Limits()) -> Source:
    """The text of a plan file, whatever its format, with the page of each line."""
    path = Path(path)
    name = str(path)
    data = read_document(path, limits)
    if not data.strip():
        raise problem("empty", name)
    blocks, how = _blocks(data, name, path.suffix.lower(), limits)
    laid = lay_out(blocks)
    if not laid.text.strip():
        raise problem("no-text", name)
    return Source(file=name, laid=laid, how=how, data=data)


def plan_text(path: Path | str, limits: Limits = Limits()) -> str:
    """The text of a plan file, whatever its format and encoding."""
    return read_source(path, limits).text


def read_plan_file(path: Path | str, year: int | None = None, limits: Limits = Limits()) -> Plan:
    """Read a plan file into a Plan; its ``file`` is the file's name."""
    from rules import read_plan

    path = Path(path)
    source = read_source(path, limits)
    try:
        return read_plan(source.text, file=path.name, year=year)
    except PlanReadError as error:  # name the file as the user gave it
        raise error.elsewhere(file=str(path)) from None
