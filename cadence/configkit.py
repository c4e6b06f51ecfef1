"""Turning a TOML table into a frozen dataclass, field by field, with errors a person can act on.

Each section of ``config.toml`` is a frozen dataclass; its fields' annotations say how a value
is read (str, int, float, bool, HH:MM time, path, enum, tuple of enums or strings, a nested
section). Bounds go in the field's metadata: ``field(default=7, metadata=bounds(1, 366))``.
An error names the key path and the bad value: "schedule.due_time: expected HH:MM, got 'abc'"
(its words are the catalogue's ``errors.config.*`` and ``expect.*``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from pathlib import Path
from typing import Any

from cadence.catalogue import Words
from cadence.errors import CadenceError


def bounds(low: float | None = None, high: float | None = None) -> dict[str, Any]:
    """Field metadata: the inclusive range a number must lie in."""
    return {"low": low, "high": high}


def internal() -> dict[str, Any]:
    """Field metadata: set by the loader, never read from the file."""
    return {"internal": True}


def build(cls: type, table: dict[str, Any], *, where: str, base: Path) -> Any:
    """An instance of the section dataclass ``cls`` from its TOML table."""
    if not isinstance(table, dict):
        raise _fail(where, Words("expect.table"), table)
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    for key in table:
        if key not in fields:
            raise CadenceError("errors.config.unknown-key", key=_join(where, key), known=", ".join(sorted(fields)))
    values = {
        name: convert(hints[name], table[name], where=_join(where, name), base=base, meta=f.metadata)
        for name, f in fields.items()
        if name in table
    }
    return cls(**values)


def key_paths(cls: type, prefix: str = "") -> list[str]:
    """Every key a section accepts, as dotted paths (for the example-completeness test)."""
    hints = typing.get_type_hints(cls)
    paths = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        path = _join(prefix, f.name)
        paths.extend(key_paths(hints[f.name], path) if _is_section(hints[f.name]) else [path])
    return paths


def convert(kind: Any, value: Any, *, where: str, base: Path, meta: Any = None) -> Any:
    """One value read as ``kind``; raises CadenceError naming ``where`` and the value."""
    meta = meta or {}
    optional, kind = _unwrap_optional(kind)
    if optional and value == "":
        return None
    if _is_section(kind):
        return build(kind, value, where=where, base=base)
    reader = _READERS.get(kind) or _reader_for_generic(kind)
    result = reader(value, where, base)
    _check_bounds(result, where, meta)
    return result


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _is_section(kind: Any) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)


def _unwrap_optional(kind: Any) -> tuple[bool, Any]:
    args = typing.get_args(kind)
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return True, rest[0]
    return False, kind


def _fail(where: str, expected: Words, value: Any) -> CadenceError:
    return CadenceError("errors.config.expected", where=where, expected=expected, value=repr(value))


def _read_str(value: Any, where: str, base: Path) -> str:
    if not isinstance(value, str):
        raise _fail(where, Words("expect.text"), value)
    return value


def _read_int(value: Any, where: str, base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, Words("expect.whole-number"), value)
    return value


def _read_float(value: Any, where: str, base: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, Words("expect.number"), value)
    return float(value)


def _read_bool(value: Any, where: str, base: Path) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, Words("expect.true-or-false"), value)
    return value


def _read_time(value: Any, where: str, base: Path) -> dt.time:
    try:
        hour, minute = str(value).split(":")
        if len(minute) != 2 or not value[:1].isdigit():
            raise ValueError
        return dt.time(int(hour), int(minute))
    except (ValueError, TypeError):
        raise _fail(where, Words("expect.time"), value) from None


def _read_path(value: Any, where: str, base: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise _fail(where, Words("expect.path"), value)
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


_READERS = {
    str: _read_str, int: _read_int, float: _read_float, bool: _read_bool,
    dt.time: _read_time, Path: _read_path,
}


def _reader_for_generic(kind: Any):
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return lambda value, where, base: _read_enum(kind, value, where)
    if typing.get_origin(kind) is tuple:
        item = typing.get_args(kind)[0]
        return lambda value, where, base: _read_tuple(item, value, where, base)
    raise TypeError(f"configkit cannot read fields of type {kind!r}: add a reader to _READERS")


def _read_enum(kind: type[enum.Enum], value: Any, where: str) -> enum.Enum:
    allowed = [m.value for m in kind]
    if value not in allowed:
        raise _fail(where, Words("expect.one-of", allowed=", ".join(repr(a) for a in allowed)), value)
    return kind(value)


def _read_tuple(item: Any, value: Any, where: str, base: Path) -> tuple:
    if not isinstance(value, list):
        raise _fail(where, Words("expect.list"), value)
    return tuple(convert(item, v, where=f"{where}[{i}]", base=base) for i, v in enumerate(value))


def _check_bounds(value: Any, where: str, meta: Any) -> None:
    low, high = meta.get("low"), meta.get("high")
    if low is not None and value < low or high is not None and value > high:
        raise _fail(where, Words("expect.range", low=low, high=high), value)
