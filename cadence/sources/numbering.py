"""Word's automatic numbering: the label a reader sees in front of a paragraph ("1.", "a)",
"II.", "1.2."), computed as Word does from ``numbering.xml``.

A paragraph names a list (``numId``) and a level (``ilvl``), directly or through its style. The
list points to an abstract definition whose levels give a start, a format (decimal,
lowerLetter, upperRoman, bullet…) and a text pattern ("%1.", "%1.%2.", "%2)"). Lists that share
an abstract definition share its counters (Word's "continue numbering"); a list with a
``startOverride`` starts its levels again the first time it is used ("restart numbering"). A
level starts again after any shallower level is used, unless ``lvlRestart`` says otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

# Vietnamese documents letter their points in Vietnamese alphabetical order (a, b, c, d, đ, e,
# g, …: no f, j, w, z), and plans cite them so ("điểm a, b, đ khoản 1"). A lowerLetter list in
# a Vietnamese plan stands for that order, so it is read in it.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMANS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
           (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_PLAIN_BULLETS = {"-", "+", "–"}


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMANS:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int, alphabet: str) -> str:
    """1 → a … then aa, bb (Word repeats the letter past the end of the alphabet)."""
    if number < 1:
        return ""
    size = len(alphabet)
    return alphabet[(number - 1) % size] * ((number - 1) // size + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letters(number, VIETNAMESE_LETTERS)
    if fmt == "upperLetter":
        return _letters(number, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)  # decimal and every format a plan would not use


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this (1-based) level is used; 0: never
    legal: bool = False  # isLgl: every number of the pattern in decimal


@dataclass
class _List:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level → start
    levels: dict[int, Level] = field(default_factory=dict)  # whole levels replaced by the list
    used: bool = False


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


def _level(element) -> Level:
    restart = _val(element, "w:lvlRestart")
    legal = element.find(qn("w:isLgl")) is not None and _val(element, "w:isLgl", "1") not in ("0", "false")
    return Level(start=int(_val(element, "w:start", "1") or 1), fmt=_val(element, "w:numFmt", "decimal") or "decimal",
                 text=_val(element, "w:lvlText", "") or "", restart=int(restart) if restart is not None else None,
                 legal=legal)


class Numbering:
    """The numbering definitions of one document and the counters as its paragraphs run."""

    def __init__(self, element) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, dict[int, int]] = {}  # abstract → level → current number
        self.starts: dict[str, dict[int, int]] = {}  # abstract → level → start set by an override
        if element is None:
            return
        for abstract in element.iter(qn("w:abstractNum")):
            levels = {int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in abstract.iter(qn("w:lvl"))}
            self.abstracts[abstract.get(qn("w:abstractNumId"))] = levels
        for num in element.iter(qn("w:num")):
            entry = _List(_val(num, "w:abstractNumId", "") or "")
            for override in num.iter(qn("w:lvlOverride")):
                level = int(override.get(qn("w:ilvl"), "0"))
                if (start := _val(override, "w:startOverride")) is not None:
                    entry.overrides[level] = int(start)
                if (lvl := override.find(qn("w:lvl"))) is not None:
                    entry.levels[level] = _level(lvl)
                    entry.overrides.setdefault(level, entry.levels[level].start)
            self.lists[num.get(qn("w:numId"))] = entry

    def _definition(self, entry: _List, level: int) -> Level | None:
        return entry.levels.get(level) or self.abstracts.get(entry.abstract, {}).get(level)

    def label(self, num_id: str, level: int) -> str:
        """The next label of list ``num_id`` at ``level``; "" for no numbering, "-" for bullets."""
        entry = self.lists.get(num_id)
        if entry is None or num_id == "0":
            return ""
        definition = self._definition(entry, level)
        if definition is None:
            return ""
        if definition.fmt == "bullet":
            return definition.text if definition.text in _PLAIN_BULLETS else "-"
        counters = self.counters.setdefault(entry.abstract, {})
        starts = self.starts.setdefault(entry.abstract, {})
        if not entry.used:
            entry.used = True
            if entry.overrides:  # "restart numbering": this list's levels begin again
                starts.clear()
                starts.update(entry.overrides)
                for overridden in entry.overrides:
                    counters.pop(overridden, None)
        current = counters.get(level)
        counters[level] = self._start(entry, level) if current is None else current + 1
        self._restart_deeper(entry, level, counters)
        return self._pattern(entry, definition, counters)

    def _start(self, entry: _List, level: int) -> int:
        """Where a level begins: the list's override, else its definition's start."""
        if level in self.starts.get(entry.abstract, {}):
            return self.starts[entry.abstract][level]
        definition = self._definition(entry, level)
        return definition.start if definition else 1

    def _restart_deeper(self, entry: _List, level: int, counters: dict[int, int]) -> None:
        for deeper in [k for k in counters if k > level]:
            definition = self._definition(entry, deeper)
            restart = definition.restart if definition else None
            if restart is None or (restart != 0 and restart - 1 >= level):
                del counters[deeper]

    def _pattern(self, entry: _List, definition: Level, counters: dict[int, int]) -> str:
        text = definition.text
        for level in range(9):
            token = f"%{level + 1}"
            if token not in text:
                continue
            used = self._definition(entry, level) or Level()
            number = counters.get(level, self._start(entry, level))
            fmt = "decimal" if definition.legal and used.fmt != "none" else used.fmt
            text = text.replace(token, format_number(number, fmt))
        return text.strip()
