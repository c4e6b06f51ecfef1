"""What kind of body a unit name names (a sở, a phòng, a commune's People's Committee, a
newspaper, several bodies at once…), read from its type words as ``data/kinds.toml`` lists them.

Resolution uses the kind twice: a name the directory does not know is offered only names of the
same kind ("Sở Khoa học và Công nghệ" is never offered "Xã Sơn Hà"), and the offers are scored
on the *distinctive* words, those left once the type words and the generic ones are gone
("khoa hoc cong nghe"), so sharing "Sở" or "tỉnh" earns nothing.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from cadence.units.model import Level
from cadence.units.names import name_key


@dataclass(frozen=True, kw_only=True)
class Kind:
    key: str
    level: Level
    collective: bool = False


@dataclass(frozen=True, kw_only=True)
class Reading:
    """A name's kind (None when no type word opens it: OCR damage, an unusual name) and its
    distinctive words."""

    kind: Kind | None
    distinctive: str

    @property
    def collective(self) -> bool:
        return bool(self.kind and self.kind.collective)


@dataclass(frozen=True)
class _Table:
    beginnings: tuple[tuple[tuple[str, ...], Kind], ...]  # longest first
    contains: tuple[tuple[str, ...], ...]
    collective: Kind
    generic: frozenset[str]


@functools.cache
def _table() -> _Table:
    data = tomllib.loads(resources.files("cadence.units").joinpath("data/kinds.toml").read_text(encoding="utf-8"))
    beginnings, contains, collective = [], [], None
    for entry in data["kind"]:
        kind = Kind(key=entry["key"], level=Level(entry["level"]), collective=entry.get("collective", False))
        beginnings += [(tuple(words.split()), kind) for words in entry["words"]]
        contains += [tuple(words.split()) for words in entry.get("contains", ())]
        collective = kind if kind.collective else collective
    beginnings.sort(key=lambda pair: -len(pair[0]))
    return _Table(tuple(beginnings), tuple(contains), collective, frozenset(data.get("generic", ())))


def read_name(text: str) -> Reading:
    """The kind of a unit name and its distinctive words."""
    return _read_key(name_key(text))


@functools.lru_cache(maxsize=65536)
def _read_key(key: str) -> Reading:
    table = _table()
    words = tuple(key.split())
    kind, rest = None, words
    for beginning, candidate in table.beginnings:
        if words[:len(beginning)] == beginning:
            kind, rest = candidate, words[len(beginning):]
            break
    if any(_has(words, inner) for inner in table.contains):
        kind = table.collective
    distinctive = " ".join(w for w in rest if w not in table.generic) or " ".join(rest)
    return Reading(kind=kind, distinctive=distinctive)


def read_key(key: str) -> Reading:
    """``read_name`` for a key already made by ``name_key``."""
    return _read_key(key)


def _has(words: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    size = len(inner)
    return any(words[i:i + size] == inner for i in range(len(words) - size + 1))


def same_kind(a: Reading, b: Reading) -> bool:
    """Whether one name may be offered for the other: the same kind, or either unknown (a name
    OCR damaged may be anything)."""
    return a.kind is None or b.kind is None or a.kind.key == b.kind.key


def level_of(text: str) -> Level:
    """The level a unit made from a plan gets from its name."""
    kind = read_name(text).kind
    return kind.level if kind else Level.OTHER
