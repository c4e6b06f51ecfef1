"""Plan files → text → Plan. The reader in ``rules`` is pure; reading files happens here.

A .txt plan may be UTF-8 (with or without BOM), UTF-16, or the legacy Windows-1258 code page
older offices still save in; .docx is read paragraph by paragraph (tables too); a .pdf needs
a text layer (scans must be OCR'd first).
"""
from __future__ import annotations

import codecs
import io
from pathlib import Path

from rules import Plan, PlanReadError, read_plan

# Bytes a text file never has; a file with many of them is not a plan.
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def _decode_text(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if _looks_utf16(data) and (text := _utf16_text(data)) is not None:
        return text
    if sum(b in _CONTROL for b in data[:4096]) > 8:
        raise PlanReadError("binary-file", file=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as error:
        raise PlanReadError("undecodable", file=name, byte=error.start) from None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2048]
    return len(sample) >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4


def _utf16_text(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, where the bytes really are text."""
    encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if sum(ord(c) in _CONTROL for c in text[:2048]) > 8 else text


def _docx_text(data: bytes, name: str) -> str:
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # a damaged or mislabelled file: python-docx raises many kinds
        raise PlanReadError("not-docx", file=name, kind=error.__class__.__name__) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as error:
        raise PlanReadError("not-pdf", file=name, reason=str(error)) from None
    if not text.strip():
        raise PlanReadError("pdf-no-text", file=name)
    return text


def plan_text(path: Path | str) -> str:
    """The text of a plan file, whatever its format and encoding."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanReadError("unreadable-file", file=name, reason=error.strerror or str(error)) from None
    if not data.strip():
        raise PlanReadError("empty", file=name)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_text(data, name)
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return _pdf_text(data, name)
    return _decode_text(data, name)


def read_plan_file(path: Path | str, year: int | None = None) -> Plan:
    """Read a plan file into a Plan; its ``file`` is the file's name."""
    path = Path(path)
    text = plan_text(path)
    try:
        return read_plan(text, file=path.name, year=year)
    except PlanReadError as error:  # name the file as the user gave it
        raise error.elsewhere(file=str(path)) from None
