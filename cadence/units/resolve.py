"""From the unit strings a plan writes to the units that carry the duty out. Pure: the store
hands in the names it knows; nothing here reads a file or a database.

Order of trust: a recorded mapping or a known name or alias (folded); the same for the unit
outside or inside brackets; "A và B" where every part is known; then fuzzy matching, accepted
on its own only when it is close (OCR damage: "Trung tdm Phuc vu - Kiém soat TTHC tinh") and
clearly better than the next candidate. Anything else is unresolved, with suggestions.

Two real names can fold alike ("Xã Ba Tô", "Xã Ba Tơ"): a folded key may stand for several
targets; the text with its diacritics then decides, and if it cannot, the name is ambiguous
(unresolved, both offered as suggestions).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from cadence.units.names import exact_key, joined_parts, name_key, variants


class TargetKind(str, enum.Enum):
    UNIT = "unit"
    GROUP = "group"


@dataclass(frozen=True)
class Target:
    """What a name stands for: a unit (by id) or a group (by name)."""

    kind: TargetKind
    ident: str

    def __str__(self) -> str:
        return self.ident


@dataclass(frozen=True, kw_only=True)
class Resolution:
    text: str
    targets: tuple[Target, ...] = ()
    how: str = ""  # "name", "variant", "parts", "fuzzy", or "" when unresolved
    suggestions: tuple[tuple[str, float], ...] = ()  # (label, score) for an unresolved text

    @property
    def resolved(self) -> bool:
        return bool(self.targets)


@dataclass(frozen=True, kw_only=True)
class NameBook:
    """Every name the directory answers to, by ``name_key`` (and by ``exact_key`` to tell
    apart names that fold alike); groups' members and inclusions."""

    names: dict[str, tuple[Target, ...]]
    exact: dict[str, Target] = field(default_factory=dict)
    labels: dict[Target, str] = field(default_factory=dict)  # the display name of each target
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group → unit ids
    includes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group → groups


class Resolver:
    """Resolves plan unit strings against a NameBook; thresholds are 0–100 similarity."""

    def __init__(self, book: NameBook, *, accept: int = 90, suggest: int = 60, margin: float = 3.0):
        self.book, self.accept, self.suggest, self.margin = book, accept, suggest, margin
        self._keys = [key for key, targets in book.names.items() if len(targets) == 1]

    def resolve(self, text: str) -> Resolution:
        for how, targets in self._literal(text):
            if targets:
                return Resolution(text=text, targets=targets, how=how)
        fuzzy = self._fuzzy(text)
        if fuzzy:
            return Resolution(text=text, targets=(fuzzy,), how="fuzzy")
        return Resolution(text=text, suggestions=self.suggestions(text))

    def lookup(self, text: str) -> Target | None:
        """The one target a name stands for, or None (unknown, or folding alike for several)."""
        targets = self.book.names.get(name_key(text), ())
        if len(targets) == 1:
            return targets[0]
        return self.book.exact.get(exact_key(text)) if targets else None

    def _literal(self, text: str):
        found = [self.lookup(v) for v in variants(text)]
        yield "name", (found[0],) if found[0] else ()
        yield "variant", next(((t,) for t in found[1:] if t), ())
        parts = [self.lookup(p) for p in joined_parts(text)]
        yield "parts", tuple(dict.fromkeys(parts)) if parts and all(parts) else ()

    def _fuzzy(self, text: str) -> Target | None:
        for variant in variants(text):
            best = process.extract(name_key(variant), self._keys, scorer=fuzz.ratio, limit=8)
            if not best or best[0][1] < self.accept:
                continue
            top = self.book.names[best[0][0]][0]
            rivals = [score for key, score, _ in best[1:] if self.book.names[key][0] != top]
            if not rivals or rivals[0] < best[0][1] - self.margin:
                return top
        return None

    def suggestions(self, text: str, limit: int = 3) -> tuple[tuple[str, float], ...]:
        """The closest names, each with its target's id, for the person fixing an import."""
        found = process.extract(name_key(text), list(self.book.names), scorer=fuzz.WRatio, limit=limit * 3)
        result: dict[Target, float] = {}
        for key, score, _ in found:
            for target in self.book.names[key]:
                if score >= self.suggest and target not in result:
                    result[target] = score
        return tuple((self.label(t), round(s)) for t, s in list(result.items())[:limit])

    def label(self, target: Target) -> str:
        name = self.book.labels.get(target, target.ident)
        return f"{target.ident} ({name})" if target.kind is TargetKind.UNIT else f"«{name}»"

    def unit_ids(self, targets: tuple[Target, ...]) -> tuple[str, ...]:
        """The units behind targets, groups expanded (nested groups too), in a stable order."""
        seen: dict[str, None] = {}
        for target in targets:
            if target.kind is TargetKind.UNIT:
                seen.setdefault(target.ident)
            else:
                for unit in self._members(target.ident, set()):
                    seen.setdefault(unit)
        return tuple(seen)

    def _members(self, group: str, visiting: set[str]) -> list[str]:
        if group in visiting:  # a cycle of inclusions adds nothing new
            return []
        visiting.add(group)
        units = list(self.book.members.get(group, ()))
        for inner in self.book.includes.get(group, ()):
            units.extend(self._members(inner, visiting))
        return units
