"""Opening a file a person named: what it must be before it is opened, and how much of it is read.

Every file Cadence reads on a person's word goes through here: plan documents, readings in JSON,
units TOML, contacts sheets, completion CSVs and the configuration. A FIFO would block the reader
forever and a device never ends, so both (and folders, sockets) are refused from ``stat`` before
anything opens them; the file is then opened without blocking and checked again on its open
descriptor, so a path swapped for a FIFO between the two looks is still refused. Its size is
checked before a byte is read, and no more than the limit is ever read, so a file that grows
while it is read cannot take the memory either.

A refusal is a ``FileRefused`` (a ``CadenceError``): one line naming the file, in the words of
``[bounds]`` in the catalogue. ``code`` and ``fields`` stay on it so the plan reader can say the
same thing in its own words (``documents.*``).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from cadence.catalogue import Words
from cadence.errors import CadenceError

MEGABYTE = 1024 * 1024
CONFIG_BYTES = MEGABYTE  # a configuration file is a few kilobytes; it cannot set its own limit
DATA_BYTES = 10 * MEGABYTE  # a data file's default limit ([limits] data_megabytes): units, contacts, CSV, JSON
DATA_KEY = "[limits] data_megabytes"
_CHUNK = 1 << 20


class FileRefused(CadenceError):
    """A file Cadence will not read (missing, a folder, not a regular file, too large, unreadable)."""

    def __init__(self, code: str, path: Path | str, /, line: int = 0, **fields: object) -> None:
        self.code, self.path, self.fields = code, str(path), fields
        self.problem = Words(f"bounds.{code}", **fields)  # what is wrong, without the file's name
        if line:
            super().__init__("bounds.at-line", path=str(path), line=line, problem=self.problem)
        else:
            super().__init__("bounds.in-file", path=str(path), problem=self.problem)


def regular_size(path: Path | str, *, most_bytes: int, key: str) -> int:
    """The size of ``path``, once ``stat`` shows a regular file within ``most_bytes`` (``key``
    names the setting that sets the limit, for the message). Nothing is opened."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileRefused("missing", path) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        raise FileRefused("unreadable", path, reason=_reason(error)) from None
    _check_kind(path, info.st_mode)
    _check_size(path, info.st_size, most_bytes, key)
    return info.st_size


def read_bytes(path: Path | str, *, most_bytes: int, key: str) -> bytes:
    """The bytes of a regular file of at most ``most_bytes``; never more than that is read."""
    regular_size(path, most_bytes=most_bytes, key=key)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise FileRefused("missing" if isinstance(error, FileNotFoundError) else "unreadable", path,
                          reason=_reason(error)) from None
    with os.fdopen(descriptor, "rb", buffering=0) as file:
        info = os.fstat(file.fileno())
        _check_kind(path, info.st_mode)  # the path may have been swapped since it was looked at
        _check_size(path, info.st_size, most_bytes, key)
        try:
            data = _read_at_most(file, most_bytes + 1)
        except OSError as error:
            raise FileRefused("unreadable", path, reason=_reason(error)) from None
    _check_size(path, len(data), most_bytes, key)
    return data


def read_text(path: Path | str, *, most_bytes: int, key: str) -> str:
    """A UTF-8 text file (a byte-order mark allowed) of at most ``most_bytes``; bytes that are not
    UTF-8 are refused naming the line they stand on."""
    data = read_bytes(path, most_bytes=most_bytes, key=key)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused("not-utf8", path, line=data.count(b"\n", 0, error.start) + 1, byte=error.start) from None


def parsed(load, text: str, path: Path | str):
    """``load(text)`` (``json.loads``, ``tomllib.loads``), with data nested past Python's
    recursion limit ("[[[[…") refused in one line instead of a RecursionError."""
    try:
        return load(text)
    except RecursionError:
        raise FileRefused("too-deep", path) from None


def megabytes(most_bytes: int) -> float | int:
    """A limit in megabytes as a person set it: 20, not 20.0; 0.25 stays 0.25."""
    value = round(most_bytes / MEGABYTE, 3)
    return int(value) if value.is_integer() else value


def _check_kind(path: Path | str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise FileRefused("folder", path)
    if not stat.S_ISREG(mode):
        raise FileRefused("not-a-file", path)


def _check_size(path: Path | str, size: int, most_bytes: int, key: str) -> None:
    if size > most_bytes:
        raise FileRefused("too-large", path, size=round(size / MEGABYTE, 1), limit=megabytes(most_bytes), key=key)


def _read_at_most(file, count: int) -> bytes:
    parts, left = [], count
    while left > 0 and (chunk := file.read(min(_CHUNK, left))):
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)
