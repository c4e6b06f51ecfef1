"""Contact lists as offices keep them: an Excel sheet (.xlsx) or a CSV file with Vietnamese
headers, one person a row.

    Đơn vị | Họ và tên | Chức vụ | Email | Điện thoại | Vai trò
    Sở Khoa học và Công nghệ | Nguyễn Văn A | Chuyên viên | a@skhcn.gov.vn | 0912 345 678 | đầu mối

"Vai trò" is "đầu mối" (the people reminded; the default) or "lãnh đạo" (the unit's head, told
of misses); a column "Mã đơn vị" may give the unit's id instead of its name. Headers are found
in the first rows whatever their case, accents or order. Every address is checked by its
channel's module (``cadence.channels``): a landline given for SMS, or an e-mail address without
a domain, is refused here with its row named, not discovered at the first send. A file with a
bad row is refused whole: one line per problem, nothing saved.
"""
from __future__ import annotations

import csv
import functools
import io
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cadence.catalogue import Lines, Words
from cadence.channels import registry
from cadence.errors import CadenceError
from cadence.units.model import Contact, ContactRole
from cadence.units.names import name_key
from cadence.userfiles import DATA_BYTES, DATA_KEY, FileRefused, read_bytes

_HEADER_ROWS = 10  # a title and a date line often stand above the table
MAX_ROWS = 20_000



@functools.cache
def _words() -> tuple[dict[str, str], dict[str, ContactRole]]:
    """Header words → field, and role words → role (``data/contacts.toml``)."""
    data = tomllib.loads(resources.files("cadence.units").joinpath("data/contacts.toml").read_text(encoding="utf-8"))
    headers = {words: field for field, spellings in data["headers"].items() for words in spellings}
    roles = {words: ContactRole(role) for role, spellings in data["roles"].items() for words in spellings}
    return headers, roles


@dataclass(frozen=True, kw_only=True)
class ContactLine:
    """One row: the unit it names (by name, or by id), the person, and where it stands."""

    line: int
    unit: str
    unit_id: str
    role: ContactRole
    contact: Contact


def read_contacts_file(path: str | Path, *, most_bytes: int = DATA_BYTES) -> list[ContactLine]:
    """The rows of a contacts file, every address checked; CadenceError listing each bad row."""
    path = Path(path)
    data = read_bytes(path, most_bytes=most_bytes, key=DATA_KEY)
    return parse_contacts(data, name=path.name if path.name else str(path), file=str(path))


def parse_contacts(data: bytes, *, name: str, file: str | None = None) -> list[ContactLine]:
    """The rows of a contacts file's bytes; ``name`` tells .xlsx from .csv."""
    file = file or name
    rows = _xlsx_rows(data, file) if name.lower().endswith((".xlsx", ".xlsm")) else _csv_rows(data, file)
    header_at, columns = _header(rows, file)
    found, problems = [], []
    for number, row in rows[header_at + 1:]:
        cells = {field: (row[i] if i < len(row) else "") for i, field in columns.items()}
        if not any(cells.values()):
            continue
        try:
            found.append(_line(number, cells))
        except ValueError as error:
            problems.append(Words("contacts.row", place=f"{file}:{number}", problem=error.args[0]))
    if problems:
        raise CadenceError(Lines(problems))
    if not found:
        raise CadenceError("contacts.no-rows", path=file)
    return found


def _line(number: int, cells: dict[str, str]) -> ContactLine:
    if not (cells.get("unit") or cells.get("unit_id")):
        raise ValueError(Words("contacts.no-unit"))
    role = _words()[1].get(name_key(cells["role"])) if cells.get("role") else ContactRole.CONTACT
    if role is None:
        raise ValueError(Words("contacts.bad-role", value=repr(cells["role"])))
    addresses = []
    for field, kind in (("email", "email"), ("phone", "sms")):
        if cells.get(field):
            try:
                addresses.append((kind, registry()[kind].address(cells[field])))
            except ValueError as error:
                raise ValueError(Words("contacts.cell", column=Words(f"contacts.column-{field}"),
                                       problem=error.args[0])) from None
    if not addresses:
        raise ValueError(Words("contacts.no-address"))
    person = ", ".join(part for part in (cells.get("name", ""), cells.get("position", "")) if part)
    return ContactLine(line=number, unit=cells.get("unit", ""), unit_id=cells.get("unit_id", ""), role=role,
                       contact=Contact(name=person, addresses=tuple(addresses)))


def _header(rows: list[tuple[int, list[str]]], file: str) -> tuple[int, dict[int, str]]:
    """Where the header row is, and which column holds which field."""
    for index, (_, row) in enumerate(rows[:_HEADER_ROWS]):
        columns: dict[int, str] = {}
        for i, cell in enumerate(row):
            field = _field(cell)
            if field and field not in columns.values():
                columns[i] = field
        fields = set(columns.values())
        if fields & {"unit", "unit_id"} and fields & {"email", "phone"}:
            return index, columns
    raise CadenceError("contacts.no-header", path=file)


def _field(header: str) -> str | None:
    """The field a header names: its words, or their beginning ("Vai trò (đầu mối/lãnh đạo)")."""
    words = name_key(header).split()
    for size in range(len(words), 0, -1):
        field = _words()[0].get(" ".join(words[:size]))
        if field:
            return field
    return None


def _csv_rows(data: bytes, file: str) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CadenceError("errors.files.not-utf8", path=file) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)  # newline="": a lone \r is a line end
    try:
        return [(reader.line_num, [cell.strip() for cell in row]) for row in _bounded(reader, file)]
    except csv.Error as error:
        raise FileRefused("not-csv", file, line=reader.line_num or 1, error=str(error)) from None


def _xlsx_rows(data: bytes, file: str) -> list[tuple[int, list[str]]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise CadenceError("contacts.not-xlsx", path=file) from None
    sheet = book.worksheets[0]
    rows = [(number, [_cell(value) for value in row])
            for number, row in enumerate(_bounded(sheet.iter_rows(values_only=True), file), start=1)]
    book.close()
    return rows


def _bounded(rows, file: str):
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise CadenceError("contacts.too-many", path=file, most=MAX_ROWS)
        yield row


def _cell(value) -> str:
    """A cell as text: a phone number Excel stored as a number loses its leading zero, so a
    nine-digit number gets it back ("912345678" → "0912345678")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return "0" + text if isinstance(value, int) and len(text) == 9 else text
