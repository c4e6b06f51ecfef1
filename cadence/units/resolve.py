"""From the unit strings a plan writes to the units that carry the duty out. Pure: the store
hands in the names it knows; nothing here reads a file or a database.

Order of trust: a recorded answer (a person's mapping), a known name or alias (folded); the
same for the unit outside or inside brackets; "A và B" where every part is known; then fuzzy
matching, accepted on its own only when it is close (OCR damage: "Trung tdm Phuc vu - Kiém soat
TTHC tinh"), of the same kind and clearly better than the next candidate. Anything else is
unresolved, with suggestions of the same kind, scored on the distinctive words
(``cadence.units.kinds``).

Where a name counts. Plans of one office name bodies at every level, and the same words mean
different bodies in different plans: "Phòng Văn hoá – Xã hội" of Lý Sơn is not that of another
commune, and "Các cơ quan, đơn vị" in the special zone's plan means the zone's bodies, not the
province's. So every name has a *home*, the unit within whose plans it counts (none: it counts
everywhere). A plan is read from its issuer: a name at the issuer's home counts first, then at
its parent's, and so on up, then names that count everywhere. A collective name ("Các …", "UBND
cấp xã") and a name Cadence made from a plan count only at their very home: they mean the
issuer's own bodies, never an ancestor's.

Two real names can fold alike ("Xã Ba Tô", "Xã Ba Tơ"): a folded key may stand for several
targets; the text with its diacritics then decides, and if it cannot, the name is ambiguous
(unresolved, both offered as suggestions).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from cadence.units.kinds import Reading, read_key, read_name, same_kind
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


@dataclass(frozen=True)
class Name:
    """One name a target answers to, and where it counts."""

    target: Target
    home: str | None = None  # the unit (id) within whose plans the name counts; None: everywhere
    only_home: bool = False  # counts in plans of the home itself only (made from a plan)
    recorded: bool = False  # a person's answer (``units map``, the intake page): wins over names


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
    """Every name the directory answers to, by ``name_key`` (``entries``: with where each
    counts; ``names`` alone means everywhere), by ``exact_key`` to tell apart names that fold
    alike; groups' members and inclusions; each unit's parent."""

    names: dict[str, tuple[Target, ...]] = field(default_factory=dict)
    entries: dict[str, tuple[Name, ...]] = field(default_factory=dict)
    exact: dict[str, Target | tuple[Target, ...]] = field(default_factory=dict)
    labels: dict[Target, str] = field(default_factory=dict)  # the display name of each target
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group → unit ids
    includes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group → groups
    parents: dict[str, str] = field(default_factory=dict)  # unit id → its parent's id

    def __post_init__(self) -> None:
        entries = dict(self.entries)
        for key, targets in self.names.items():
            entries.setdefault(key, tuple(Name(t) for t in targets))
        object.__setattr__(self, "entries", entries)
        object.__setattr__(self, "exact", {k: v if isinstance(v, tuple) else (v,) for k, v in self.exact.items()})


class Resolver:
    """Resolves plan unit strings against a NameBook, read from ``issuer`` (a unit id: where the
    plan is read from; None: from nowhere in particular). Thresholds are 0–100 similarity."""

    def __init__(self, book: NameBook, *, issuer: str | None = None, accept: int = 90, suggest: int = 60,
                 margin: float = 3.0):
        self.book, self.accept, self.suggest, self.margin = book, accept, suggest, margin
        self.issuer = issuer
        self.chain = _chain(book.parents, issuer)
        self._asked: dict[str, tuple[Target, ...]] = {}
        self._every: dict[str, tuple[Target, ...]] | None = None

    def resolve(self, text: str) -> Resolution:
        for how, targets in self._literal(text):
            if targets:
                return Resolution(text=text, targets=targets, how=how)
        fuzzy = self._fuzzy(text)
        if fuzzy:
            return Resolution(text=text, targets=(fuzzy,), how="fuzzy")
        return Resolution(text=text, suggestions=self.suggestions(text))

    def lookup(self, text: str) -> Target | None:
        """The one target a name stands for here, or None (unknown, or folding alike for several)."""
        targets = self._targets(name_key(text))
        if len(targets) == 1:
            return targets[0]
        told = [t for t in self.book.exact.get(exact_key(text), ()) if t in targets]
        return told[0] if len(told) == 1 else None

    def _targets(self, key: str) -> tuple[Target, ...]:
        """The targets a key stands for here, worked out when first asked: a plan asks about a few
        dozen of the country's thousands of names."""
        targets = self._asked.get(key)
        if targets is None:
            targets = self._asked[key] = self._visible(key)
        return targets

    def _seen(self) -> dict[str, tuple[Target, ...]]:
        """Every key that stands for something here: only fuzzy matching and suggestions need them all."""
        if self._every is None:
            every = ((key, self._targets(key)) for key in self.book.entries)
            self._every = {key: targets for key, targets in every if targets}
        return self._every

    def _visible(self, key: str) -> tuple[Target, ...]:
        """The targets a key stands for in plans read from the issuer: recorded answers first,
        then the nearest home."""
        collective = read_key(key).collective
        ranked = [(rank, name) for name in self.book.entries.get(key, ())
                  if (rank := self._rank(name, collective)) is not None]
        pool = [pair for pair in ranked if pair[1].recorded] or ranked
        if not pool:
            return ()
        best = min(rank for rank, _ in pool)
        return tuple(dict.fromkeys(name.target for rank, name in pool if rank == best))

    def _rank(self, name: Name, collective: bool) -> int | None:
        """How near a name's home is to the issuer (0: the issuer's own), None where it does not count."""
        if name.home is None:
            return len(self.chain)
        if not self.chain:
            return 1  # read from nowhere: every name counts, those of everywhere first
        if name.only_home or collective:
            return 0 if name.home == self.chain[0] else None
        return self.chain.index(name.home) if name.home in self.chain else None

    def _literal(self, text: str):
        found = [self.lookup(v) for v in variants(text)]
        yield "name", (found[0],) if found[0] else ()
        yield "variant", next(((t,) for t in found[1:] if t), ())
        parts = [self.lookup(p) for p in joined_parts(text)]
        yield "parts", tuple(dict.fromkeys(parts)) if parts and all(parts) else ()

    def _fuzzy(self, text: str) -> Target | None:
        for variant in variants(text):
            key = name_key(variant)
            reading = read_key(key)
            seen = self._seen()
            keys = [k for k, targets in seen.items() if len(targets) == 1 and same_kind(reading, read_key(k))]
            best = process.extract(key, keys, scorer=_closeness, limit=8)
            if not best or best[0][1] < self.accept:
                continue
            top = seen[best[0][0]][0]
            rivals = [score for k, score, _ in best[1:] if seen[k][0] != top]
            if not rivals or rivals[0] < best[0][1] - self.margin:
                return top
        return None

    def suggestions(self, text: str, limit: int = 3) -> tuple[tuple[str, float], ...]:
        """The closest names of the same kind, each with its target's id, for the person fixing
        an import: scored on the distinctive words, so a shared "Sở" or "tỉnh" earns nothing."""
        return tuple((self.label(t), round(s)) for t, s in self.suggested(text, limit))

    def suggested(self, text: str, limit: int = 3) -> list[tuple[Target, float]]:
        """``suggestions`` as targets and scores."""
        reading = _most_telling(text)
        scored = []
        for key, targets in self._seen().items():
            other = read_key(key)
            if same_kind(reading, other):
                scored.append((_similarity(reading, other, text, key), key, targets))
        scored.sort(key=lambda found: -found[0])
        result: dict[Target, float] = {}
        for score, _, targets in scored:
            if score < self.suggest:
                break
            for target in targets:
                result.setdefault(target, score)
        return list(result.items())[:limit]

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


def _chain(parents: dict[str, str], issuer: str | None) -> list[str]:
    """The issuer and its ancestors, nearest first (a cycle of parents ends the walk)."""
    chain: list[str] = []
    while issuer is not None and issuer not in chain:
        chain.append(issuer)
        issuer = parents.get(issuer)
    return chain


def _closeness(a: str, b: str, **_) -> float:
    """How close two keys are for accepting one for the other unasked: on the distinctive words
    when both names say their kind ("Xã Tịnh Sơn" is not "Xã Bình Sơn", though the whole keys
    are 91% alike), on the whole keys when one does not (OCR damage may have hit the type word)."""
    first, second = read_key(a), read_key(b)
    if first.kind is not None and second.kind is not None:
        return fuzz.ratio(first.distinctive, second.distinctive)
    return fuzz.ratio(a, b)


def _most_telling(text: str) -> Reading:
    """The reading of the variant of ``text`` that says most about its kind ("UBND cấp xã (Đài
    Truyền thanh cấp xã)": the whole; "Văn phòng UBND tỉnh (Trung tâm…)": the unit outside)."""
    readings = [read_name(v) for v in variants(text)]
    return next((r for r in readings if r.kind is not None), readings[0])


def _similarity(a: Reading, b: Reading, text: str, key: str) -> float:
    """How alike two names are on their distinctive words (0–100), in any order; a name whose
    words are all in the other does not score as the same name ("Công an tỉnh" is not "VP UBND
    tỉnh"). When either name does not say its kind, the whole names are compared."""
    if a.kind is None or b.kind is None:
        return fuzz.ratio(name_key(text), key)
    if not a.distinctive or not b.distinctive:
        return 0.0
    return fuzz.token_sort_ratio(a.distinctive, b.distinctive)
