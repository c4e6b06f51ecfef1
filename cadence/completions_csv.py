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

from cadence.errors import CadenceError
from cadence.store.items import Completion
from cadence.store.models import CompletionSource
from cadence.tz import parse_moment

COLUMNS = ("item", "at", "count", "evidence", "note", "by")


def check_url(url: str | None) -> str | None:
    """An evidence link must be a web address a coordinator can open."""
    if not url:
        return None
    parts = urlparse(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"expected an http(s) address, got {url!r}")
    return url.strip()


def read_completions(
    path: str | Path, *, at: dt.datetime, actor: str = ""
) -> tuple[list[tuple[int, Completion]], list[tuple[int, str]]]:
    """(line, Completion) for every good row, and (line, "field: problem") for every bad one;
    a file that is not a completions CSV at all is a CadenceError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise CadenceError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise CadenceError(f"{path}: not UTF-8 text") from None
    reader = csv.DictReader(text.splitlines())
    _check_header(path, reader.fieldnames)
    rows, errors = [], []
    for row in reader:
        line = reader.line_num
        try:
            rows.append((line, _completion(row, at=at, actor=actor)))
        except ValueError as error:
            errors.append((line, str(error)))
    if not rows and not errors:
        raise CadenceError(f"{path}: no rows")
    return rows, errors


def _check_header(path: Path, header: list[str] | None) -> None:
    if not header or "item" not in [h.strip() for h in header]:
        raise CadenceError(f"{path}:1: header: expected columns {', '.join(COLUMNS)} (at least item)")
    unknown = [h for h in header if h and h.strip() not in COLUMNS]
    if unknown:
        raise CadenceError(f"{path}:1: header: unknown column {unknown[0]!r} (known: {', '.join(COLUMNS)})")


def _completion(row: dict, *, at: dt.datetime, actor: str) -> Completion:
    value = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    return Completion(
        item_id=_field(value, "item", lambda v: _whole(v, "an item number")),
        done_at=_field(value, "at", parse_moment) if value.get("at") else at,
        count=_field(value, "count", lambda v: _whole(v, "a count of at least 1")) if value.get("count") else None,
        evidence_url=_field(value, "evidence", check_url),
        note=value.get("note") or None,
        actor=value.get("by") or actor,
        source=CompletionSource.CSV,
    )


def _field(value: dict, name: str, convert):
    try:
        return convert(value.get(name, ""))
    except ValueError:
        raise ValueError(f"{name}: expected {_EXPECT[name]}, got {value.get(name)!r}") from None


_EXPECT = {"item": "an item number", "at": "YYYY-MM-DD or YYYY-MM-DDTHH:MM", "count": "a count of at least 1",
           "evidence": "an http(s) address"}


def _whole(text: str, what: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"expected {what}, got {text!r}")
    return int(text)
