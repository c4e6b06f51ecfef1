"""Completions from a CSV file: every bad row is reported by line, and a file with any bad row
imports nothing (the caller records all rows in one transaction).

    item,at,count,evidence,note,by
    1234,2025-03-05,,https://baoquangngai.vn/…,,Ban Biên tập
    1240,2025-03-06T09:30,3,,phát lại 3 lần,

Only ``item`` is required; ``at`` defaults to the moment of the import, ``count`` to what is
left of the item's target.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

from cadence.catalogue import Words
from cadence.errors import CadenceError
from cadence.kinds import LARGEST_ID
from cadence.store.items import Completion
from cadence.store.models import CompletionSource
from cadence.tz import parse_moment
from cadence.userfiles import DATA_BYTES, DATA_KEY, FileRefused, read_text

COLUMNS = ("item", "at", "count", "evidence", "note", "by")


def check_url(url: str | None) -> str | None:
    """An evidence link must be a web address a coordinator can open."""
    if not url:
        return None
    parts = urlparse(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(Words("errors.expected", expected=Words("expect.web-address"), value=repr(url)))
    return url.strip()


def read_completions(
    path: str | Path, *, at: dt.datetime, actor: str = "", most_bytes: int = DATA_BYTES
) -> tuple[list[tuple[int, Completion]], list[tuple[int, str]]]:
    """(line, Completion) for every good row, and (line, "field: problem") for every bad one;
    a file that is not a completions CSV at all is a CadenceError."""
    path = Path(path)
    text = read_text(path, most_bytes=most_bytes, key=DATA_KEY)
    reader = csv.DictReader(text.splitlines())
    try:
        header = reader.fieldnames
    except csv.Error as error:
        raise FileRefused("not-csv", path, line=1, error=str(error)) from None
    _check_header(path, header)
    rows, errors = [], []
    for line, row in _rows(reader, path):
        try:
            rows.append((line, _completion(row, at=at, actor=actor)))
        except ValueError as error:
            errors.append((line, error.args[0]))
    if not rows and not errors:
        raise CadenceError("errors.csv.no-rows", path=str(path))
    return rows, errors


def _rows(reader: csv.DictReader, path: Path):
    """(line, row) of each row; a line the csv module cannot split is one line naming it."""
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise FileRefused("not-csv", path, line=reader.line_num or 1, error=str(error)) from None


def _check_header(path: Path, header: list[str] | None) -> None:
    if not header or "item" not in [h.strip() for h in header]:
        raise CadenceError("errors.csv.header", path=str(path), columns=", ".join(COLUMNS))
    unknown = [h for h in header if h and h.strip() not in COLUMNS]
    if unknown:
        raise CadenceError("errors.csv.unknown-column", path=str(path), column=repr(unknown[0]), columns=", ".join(COLUMNS))


def _completion(row: dict, *, at: dt.datetime, actor: str) -> Completion:
    value = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    return Completion(
        item_id=_field(value, "item", _whole),
        done_at=_field(value, "at", parse_moment) if value.get("at") else at,
        count=_field(value, "count", _whole) if value.get("count") else None,
        evidence_url=_field(value, "evidence", check_url),
        note=value.get("note") or None,
        actor=value.get("by") or actor,
        source=CompletionSource.CSV,
    )


def _field(value: dict, name: str, convert):
    try:
        return convert(value.get(name, ""))
    except ValueError:
        expected = Words("errors.expected", expected=Words(_EXPECT[name]), value=repr(value.get(name)))
        raise ValueError(Words("errors.field", field=name, problem=expected)) from None


_EXPECT = {"item": "expect.item-number", "at": "expect.date-or-moment", "count": "expect.count",
           "evidence": "expect.web-address"}


def _whole(text: str) -> int:
    """A whole number from 1 to the largest id a row can have; "1e9", "٣" and 23 digits are refused."""
    if not (text.isascii() and text.isdigit()) or len(text) > _DIGITS or not 1 <= int(text) <= LARGEST_ID:
        raise ValueError(text)
    return int(text)


_DIGITS = len(str(LARGEST_ID))
