"""Completions from a CSV file as offices write it: every bad row is reported by line and
column, and a file with any bad row imports nothing (the caller records all rows in one
transaction).

Excel in a Vietnamese locale saves "CSV UTF-8" with a byte-order mark and ";" between cells
(the decimal comma takes ","), and writes dates as it shows them, day first:

    Mã mục;Ngày thực hiện;Số lượng;Minh chứng;Ghi chú;Người báo cáo
    1234;05/03/2025;;https://baoquangngai.vn/…;;Ban Biên tập
    1240;06/03/2025 09:30;3;;phát lại 3 lần;

So the header may be Vietnamese or English (``item,at,count,evidence,note,by``), in any order,
with or without diacritics; cells are separated by ";", "," or a tab, whichever the header
line uses; dates are dd/mm/yyyy (with an optional hh:mm) or ISO. Text is UTF-8, with or
without the mark; an older Excel's "CSV (comma delimited)" writes the Windows code page
(1258 for Vietnamese), which is taken only when the bytes are not UTF-8, decode as
Windows-1258 and then give a header whose every column is known: any other bytes are refused
rather than guessed. Only the item column is required; the date defaults to the moment of the
import, the count to what is left of the item's target.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from cadence.catalogue import Words
from cadence.errors import CadenceError
from cadence.kinds import LARGEST_ID
from cadence.store.items import Completion
from cadence.store.models import CompletionSource
from cadence.tz import YEARS, local_moment, parse_moment
from cadence.units.names import name_key
from cadence.userfiles import DATA_BYTES, DATA_KEY, FileRefused, read_bytes

COLUMNS = ("item", "at", "count", "evidence", "note", "by")



@functools.cache
def headers() -> dict[str, str]:
    """Folded header → the column it names (``cadence/data/completion_columns.toml``)."""
    words = tomllib.loads(resources.files("cadence").joinpath("data/completion_columns.toml").read_text(encoding="utf-8"))
    return {name_key(header): name for name, headers in words.items() for header in headers}


_DELIMITERS = (";", ",", "\t")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DIGITS = re.compile(r"[0-9]{1,18}")  # an item number; 23 digits is no item, and no database integer


@dataclass(frozen=True, kw_only=True)
class CompletionsFile:
    """What a file said: (line, Completion) for every good row, (line, problem) for every bad
    one, and each field's column as the file names it (for problems found later, when the
    store checks a row)."""

    rows: list[tuple[int, Completion]]
    errors: list[tuple[int, Words]]
    columns: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str | Words:
        return self.columns.get(name) or Words(f"undo.csv.{name}")


def check_url(url: str | None) -> str | None:
    """An evidence link must be a web address a coordinator can open."""
    if not url:
        return None
    parts = urlparse(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(Words("errors.expected", expected=Words("expect.web-address"), value=repr(url)))
    return url.strip()


def read_completions(path: str | Path, *, at: dt.datetime, actor: str = "",
                     most_bytes: int = DATA_BYTES) -> CompletionsFile:
    """The file's completions and problems; a file that is not a completions CSV at all is a
    CadenceError."""
    path = Path(path)
    data = read_bytes(path, most_bytes=most_bytes, key=DATA_KEY)
    lines = _decode(data, path).splitlines()
    if not lines:
        raise CadenceError("errors.csv.no-rows", path=str(path))
    delimiter = _delimiter(lines[0])
    reader = csv.reader(lines, delimiter=delimiter)
    fields = _header(path, next(reader))
    rows, errors = [], []
    for cells in _rows(reader, path):
        if not any(c.strip() for c in cells):  # Excel ends a sheet with rows of bare separators
            continue
        value = {name: (cells[i] if i < len(cells) else "").strip() for i, (name, _) in fields.items()}
        try:
            rows.append((reader.line_num, _completion(value, at=at, actor=actor, fields=fields)))
        except ValueError as error:
            errors.append((reader.line_num, error.args[0]))
    if not rows and not errors:
        raise CadenceError("errors.csv.no-rows", path=str(path))
    return CompletionsFile(rows=rows, errors=errors, columns={name: header for name, header in fields.values()})


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # Windows-1258 writes tones as combining marks: NFC makes them the letters UTF-8 files carry
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise CadenceError("errors.files.not-utf8", path=str(path)) from None
    first = text.splitlines()[0] if text else ""
    cells = next(csv.reader([first], delimiter=_delimiter(first)), [])
    if not cells or any(name_key(c) not in headers() for c in cells if c.strip()):
        raise CadenceError("errors.files.not-utf8", path=str(path))
    return text


def _rows(reader, path: Path):
    """Each row's cells; a line the csv module cannot split is one line naming it."""
    try:
        yield from reader
    except csv.Error as error:
        raise FileRefused("not-csv", path, line=reader.line_num or 1, error=str(error)) from None


def _delimiter(header: str) -> str:
    """The separator the header line uses: the one that splits it into the most known columns
    (a header of one column has none; then ";" or ",", whichever appears)."""
    def known(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return sum(1 for c in cells if name_key(c) in headers())

    best = max(_DELIMITERS, key=lambda d: (known(d), header.count(d)))
    return best


def _header(path: Path, header: list[str]) -> dict[int, tuple[str, str]]:
    """Column position → (field, the header as written)."""
    fields: dict[int, tuple[str, str]] = {}
    for position, text in enumerate(header):
        if not text.strip():
            continue
        name = headers().get(name_key(text))
        if name is None:
            raise CadenceError("errors.csv.unknown-column", path=str(path), column=repr(text.strip()),
                               columns=_known_columns())
        fields[position] = (name, text.strip())
    if "item" not in {name for name, _ in fields.values()}:
        raise CadenceError("errors.csv.header", path=str(path), columns=_known_columns())
    return fields


def _known_columns() -> Words:
    return Words("undo.csv-columns")


def _completion(value: dict, *, at: dt.datetime, actor: str, fields: dict) -> Completion:
    header = {name: text for name, text in fields.values()}
    def get(name: str, convert):
        try:
            return convert(value[name])
        except ValueError:
            expected = Words("errors.expected", expected=Words(_EXPECT[name]), value=repr(value.get(name)))
            raise ValueError(Words("errors.field", field=header[name], problem=expected)) from None

    return Completion(
        item_id=get("item", _whole),
        done_at=get("at", read_day) if value.get("at") else at,
        count=get("count", _whole) if value.get("count") else None,
        evidence_url=get("evidence", check_url) if value.get("evidence") else None,
        note=value.get("note") or None,
        actor=value.get("by") or actor,
        source=CompletionSource.CSV,
    )


_EXPECT = {"item": "expect.item-number", "at": "undo.expect-day", "count": "expect.count",
           "evidence": "expect.web-address"}


def read_day(text: str) -> dt.datetime:
    """A date as Vietnamese offices write it (05/03/2025, 5/3/2025, 05-03-2025, with an
    optional 09:30) or ISO (2025-03-05, 2025-03-05T09:30), as a UTC moment. Never month first:
    in Việt Nam 05/03 is the 5th of March."""
    found = _DAY_FIRST.fullmatch(text.strip())
    if found is None:
        return parse_moment(text)
    day, month, year, hour, minute, second = found.groups()
    date = dt.date(int(year), int(month), int(day))
    if date.year not in YEARS:  # a year the clock cannot hold in UTC, or no plan's
        raise ValueError(text)
    time = dt.time(int(hour), int(minute), int(second or 0)) if hour else dt.time(0, 0)
    return local_moment(date, time)


def _whole(text: str) -> int:
    if not _DIGITS.fullmatch(text) or not 1 <= int(text) <= LARGEST_ID:
        raise ValueError(text)
    return int(text)

