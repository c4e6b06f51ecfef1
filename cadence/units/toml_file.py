"""Reading ``units.toml``: every problem is one line naming the file, the line and the field.

    [[unit]]
    id = "so-khcn"
    name = "Sở Khoa học và Công nghệ"
    aliases = ["Sở KH&CN"]
    level = "department"
    parent = "ubnd-tinh"
    groups = ["Các sở, ban ngành"]
    contacts = [{ name = "Văn thư", email = "vanthu@example.org", phone = "0912 345 678" }]
    head = { name = "Giám đốc", email = "giamdoc@example.org" }       # how each is reached: a key
                                                                    # per channel (email, phone, …)
    dissolved = { on = 2025-07-01, into = "xa-tra-bong" }   # reorganisation, optional

    [[group]]
    name = "Các sở, ban ngành"
    aliases = ["Các sở, ban, ngành"]
    includes = []                                           # other groups it contains
    of = "ubnd-tinh"           # optional: the unit whose bodies it gathers; its names then
                               # count in that unit's plans only ("Các cơ quan, đơn vị")

A unit's names count in the plans of its parent (and of the parent's own bodies), unless the
parent is the province's People's Committee: then they count everywhere.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from cadence.catalogue import Words
from cadence.channels import registry
from cadence.errors import CadenceError
from cadence.units.model import Contact, Directory, Group, Level, Unit
from cadence.userfiles import DATA_BYTES, DATA_KEY, parsed, read_text

_UNIT_KEYS = {"id", "name", "aliases", "level", "parent", "groups", "contacts", "head", "dissolved"}
_GROUP_KEYS = {"name", "aliases", "includes", "of"}


def read_units_file(path: str | Path, *, most_bytes: int = DATA_BYTES) -> Directory:
    """The directory in a units file, checked; CadenceError on the first problem."""
    text = read_text(path, most_bytes=most_bytes, key=DATA_KEY)
    return parse_units(text, file=str(path))


def parse_units(text: str, *, file: str = "units.toml") -> Directory:
    try:
        table = parsed(tomllib.loads, text, file)
    except tomllib.TOMLDecodeError as error:
        raise CadenceError("errors.config.not-toml", path=file, error=str(error)) from None
    _only(table, {"unit", "group"}, _Where(file, 1, Words("errors.units.the-file")))
    lines = _header_lines(text)
    units = [_unit(raw, _Where(file, lines["unit"][i] if i < len(lines["unit"]) else 0, f"unit[{i}]"))
             for i, raw in enumerate(_array(table, "unit", file))]
    groups = [_group(raw, _Where(file, lines["group"][i] if i < len(lines["group"]) else 0, f"group[{i}]"))
              for i, raw in enumerate(_array(table, "group", file))]
    _check_ids(units, file, lines["unit"])
    return Directory(units=tuple(units), groups=tuple(groups))


class _Where:
    """Where in the file a table starts, for messages: "units.toml:12: unit 'x': level: …"."""

    def __init__(self, file: str, line: int, what: str | Words):
        self.file, self.line, self.what = file, line, what

    def error(self, field: str, problem: Words | str) -> CadenceError:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return CadenceError("errors.units.in-file", place=place, what=self.what, field=field, problem=problem)

    def expected(self, field: str, expected: str, value: Any) -> CadenceError:
        return self.error(field, Words("errors.expected", expected=Words(f"expect.{expected}"), value=repr(value)))


def _header_lines(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {"unit": [], "group": []}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip().replace(" ", "")
        for name in found:
            if stripped == f"[[{name}]]":
                found[name].append(number)
    return found


def _array(table: dict, name: str, file: str) -> list[dict]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CadenceError("errors.units.tables", file=file, name=name)
    return value


def _only(raw: dict, allowed: set[str], where: _Where, prefix: str = "") -> None:
    for key in raw:
        if key not in allowed:
            raise where.error(prefix + key, Words("errors.units.unknown-field", known=", ".join(sorted(allowed))))


def _unit(raw: dict, where: _Where) -> Unit:
    where.what = Words("errors.units.the-unit", code=repr(raw.get("id"))) if "id" in raw else where.what
    _only(raw, _UNIT_KEYS, where)
    dissolved = _table(raw, "dissolved", where) or {}
    try:
        return Unit(
            id=_text(raw, "id", where, required=True), name=_text(raw, "name", where, required=True),
            level=_level(raw, where), aliases=_texts(raw, "aliases", where),
            parent=_text(raw, "parent", where), groups=_texts(raw, "groups", where),
            contacts=tuple(_contact(c, where, f"contacts[{i}]") for i, c in enumerate(_list(raw, "contacts", where))),
            head=_contact(raw["head"], where, "head") if "head" in raw else None,
            dissolved_on=_date(dissolved.get("on"), where, "dissolved.on"),
            successor=_text(dissolved, "into", where, field="dissolved.into"),
        )
    except ValueError as error:
        raise where.error("unit", error.args[0]) from None


def _group(raw: dict, where: _Where) -> Group:
    where.what = Words("errors.units.the-group", name=repr(raw.get("name"))) if "name" in raw else where.what
    _only(raw, _GROUP_KEYS, where)
    return Group(name=_text(raw, "name", where, required=True), aliases=_texts(raw, "aliases", where),
                 includes=_texts(raw, "includes", where), of=_text(raw, "of", where))


def _text(raw: dict, key: str, where: _Where, *, required: bool = False, field: str | None = None) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise where.expected(field or key, "text", value)
    return value.strip()


def _list(raw: dict, key: str, where: _Where) -> list:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise where.expected(key, "list", value)
    return value


def _texts(raw: dict, key: str, where: _Where) -> tuple[str, ...]:
    values = _list(raw, key, where)
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise where.expected(key, "texts", value)
    return tuple(v.strip() for v in values)


def _table(raw: dict, key: str, where: _Where) -> dict | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, dict):
        raise where.expected(key, "table", value)
    return value


def _level(raw: dict, where: _Where) -> Level:
    value = raw.get("level", "other")
    try:
        return Level(value)
    except ValueError:
        allowed = ", ".join(level.value for level in Level)
        raise where.error("level", Words("errors.expected", expected=Words("expect.one-of", allowed=allowed),
                                         value=repr(value))) from None


def _contact(raw: Any, where: _Where, field: str) -> Contact:
    """A contact table: its name, and an address under each channel's key ("email", "phone"),
    each checked by its channel."""
    channels = {plugin.field: plugin for plugin in registry().values()}
    if not isinstance(raw, dict):
        raise where.error(field, Words("errors.expected", value=repr(raw),
                                       expected=Words("expect.contact", keys=", ".join(channels))))
    _only(raw, {"name", *channels}, where, prefix=f"{field}.")
    addresses = []
    for key, plugin in channels.items():
        if key in raw:
            try:
                addresses.append((plugin.kind, plugin.address(raw[key])))
            except ValueError as error:
                raise where.error(f"{field}.{key}", error.args[0]) from None
    if not addresses:
        raise where.error(field, Words("errors.units.contact-needs", keys=", ".join(channels)))
    return Contact(name=str(raw.get("name", "")), addresses=tuple(addresses))


def _date(value: Any, where: _Where, field: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise where.expected(field, "date", value)


def _check_ids(units: list[Unit], file: str, lines: list[int]) -> None:
    seen: dict[str, int] = {}
    for i, unit in enumerate(units):
        line = lines[i] if i < len(lines) else 0
        if unit.id in seen:
            raise CadenceError("errors.units.id-taken", place=f"{file}:{line}", code=repr(unit.id), line=seen[unit.id])
        seen[unit.id] = line
