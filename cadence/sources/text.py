"""Plain-text plans: UTF-8 (with or without BOM), UTF-16, or Windows-1258, the legacy code page
older offices still save in."""
from __future__ import annotations

import codecs

from cadence.sources.problems import problem

# Bytes a text file never has; a file with many of them is not a plan.
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def decode_text(data: bytes, name: str) -> str:
    """The text of a plain-text plan; bytes that are not what the file says it is (a UTF-8 BOM
    before Windows-1258 bytes, UTF-16 cut off mid-character) are refused naming the byte."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, 3, "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, 0, "utf-16", name)
    if _looks_utf16(data) and (text := _utf16_text(data)) is not None:
        return text
    if sum(b in _CONTROL for b in data[:4096]) > 8:
        raise problem("binary", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as error:
        raise problem("undecodable", name, byte=error.start) from None


def _strict(data: bytes, start: int, encoding: str, name: str) -> str:
    try:
        return data[start:].decode(encoding)
    except UnicodeDecodeError as error:
        raise problem("undecodable", name, byte=start + error.start) from None


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
