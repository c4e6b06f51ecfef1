"""The lexicon the lexer reads with: the vocabulary's words as lookup tables (each entry with
its spellings with marks), the raw-token expression, and the small tables it reads by value."""
from __future__ import annotations

import functools
import re
import unicodedata

from rules.text import fold
from rules.vocabulary import vocabulary


def alternation_of(*paths: tuple[str, ...], extra: tuple[str, ...] = ()) -> str:
    """An alternation of folded vocabulary words, for the raw-token expression."""
    words = [w for path in paths for w in vocabulary().words(*path)] + list(extra)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def raw_pattern() -> re.Pattern:
    """The raw tokens of folded text: times ("19h30", "21 giờ 15"), document numbers, dates,
    months with their year, percentages, numbers, words and punctuation."""
    hour = alternation_of(("cadence", "hour"), ("cadence", "hour_marks"))
    minute = alternation_of(("cadence", "minute"), ("cadence", "minute_marks"))
    number_word = alternation_of(("documents", "number_word"))
    return re.compile(
        rf"(?P<time>(?<![\d/.,])(?:[01]?\d|2[0-4])\s*(?:{hour})\s*(?:(?P<tmin>[0-5]\d)\s*(?:{minute})?(?![\w]))?(?![\w]))"
        r"|(?P<time2>(?<![\d/.,])(?:[01]?\d|2[0-4]):[0-5]\d(?![\d]))"
        r"|(?P<doc>(?<![\w/])\d+(?:/\d+)*[/-][a-z]+(?:[-/.&][a-z0-9]+)+)"
        rf"|(?P<doc1>(?<=(?:{number_word})\s)\d+/[a-z]{{2,}}\b)"
        r"|(?P<date3>(?<![\d/.,])\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})(?![\d/]))"
        r"|(?P<my>(?<![\d/.,])\d{1,2}\s?[/-]\s?\d{4}(?![\d/]))"
        r"|(?P<date2>(?<![\d/.,])\d{1,2}\s?[/.-]\s?\d{1,2}(?![\d/]|[.,]\d|\s?%))"
        r"|(?P<percent>\d+(?:[.,]\d+)?\s?%)"
        r"|(?P<thousands>(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]))"
        r"|(?P<decimal>\d+(?:,\d+)+)"
        r"|(?P<number>\d+)"
        r"|(?P<word>[^\W\d_]+)"
        r"|(?P<punct>[/,;.()\-–:&+])"
    )


@functools.cache
def number_context() -> dict[str, re.Pattern]:
    """Words just before or after a number that decide what it is."""
    month_or_quarter = alternation_of(("cadence", "periods", "month"), ("cadence", "periods", "quarter"))
    return {
        "after_month": re.compile(rf"(?:{alternation_of(('cadence', 'periods', 'month'))})\s*$"),
        "after_period_name": re.compile(rf"(?:{month_or_quarter})\s*$"),
        "after_weekday": re.compile(rf"(?:{alternation_of(('weekdays', 'prefix'))})\s*$"),
        "date_lead": re.compile(rf"(?:{alternation_of(('windows', 'date_lead'), ('windows', 'part_of_day'), ('cadence', 'periods', 'day'))}|-)\s*$"),
        "yearly_after": re.compile(rf"\s*(?:(?:{alternation_of(('cadence', 'each'))})\s+(?:{alternation_of(('cadence', 'periods', 'year'))})"
                                   rf"|(?:{alternation_of(('windows', 'until'))}|-)\s*(?:(?:{alternation_of(('cadence', 'periods', 'day'))})\s+)?\d)"),
        "unit_after": re.compile(rf"\s*(?:{alternation_of(('cadence', 'minute'), ('cadence', 'hour'), ('cadence', 'outputs'), ('cadence', 'periods', 'day'), ('cadence', 'periods', 'year'))}|%)(?![\w])"),
    }


def date_ok(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


@functools.cache
def lexicon() -> tuple[dict[tuple[str, ...], list[tuple[str, object, tuple[frozenset[str], ...]]]], int]:
    """Folded phrases → the entries they may be: (tag, value, spellings of each word with its
    marks). Folding makes "sở" and "số", "bàn" and "bản", "sau" and "sáu" one word; the marks
    tell them apart again."""
    vocab = vocabulary()
    table: dict[tuple[str, ...], list] = {}

    def add(tag, value, *path):
        node = vocab.data
        for key in path:
            node = node[key]
        for phrase in node:
            written = tuple(lower(squash_spaces(phrase)).split())
            key = tuple(fold(w) for w in written)
            entries = table.setdefault(key, [])
            same = next((e for e in entries if e[0] == tag and e[1] == value), None)
            if same is None:
                entries.append((tag, value, tuple(frozenset([w]) for w in written)))
            else:
                entries[entries.index(same)] = (tag, value, tuple(a | {w} for a, w in zip(same[2], written)))

    for name, letter in (("day", "d"), ("week", "w"), ("month", "m"), ("quarter", "q"), ("year", "y")):
        add(letter, name, "cadence", "periods", name)
    for day in vocab.table("weekdays"):
        if day != "prefix":
            add("W", day, "weekdays", day)
    for path, tag, value in (
        (("cadence", "report"), "b", None), (("cadence", "rebroadcast"), "R", None), (("cadence", "periodic"), "K", None),
        (("cadence", "approx_after"), "U", None), (("cadence", "approx"), "A", None),
        (("cadence", "duration"), "u", None), (("cadence", "outputs"), "O", None), (("cadence", "each"), "E", None),
        (("cadence", "alternate"), "C", None), (("cadence", "within"), "T", None), (("cadence", "first"), "L", 1),
        (("cadence", "last"), "L", -1), (("cadence", "past"), "!", None), (("cadence", "minute"), "P", None),
        (("cadence", "half"), "h", None), (("cadence", "conjunctions"), "v", None), (("windows", "until"), "J", None),
        (("windows", "from"), "F", None), (("windows", "before"), "B", None), (("cadence", "at"), "@", None),
        (("windows", "stage"), "$", None), (("windows", "now"), "z", None), (("cadence", "own"), "c", None),
        (("cadence", "plural"), "k", None), (("cadence", "next"), "n", None), (("cadence", "sizes"), "g", None),
        (("cadence", "cycle"), "Z", None), (("cadence", "by"), "e", None),
    ):
        add(tag, value, *path)
    return table, max(len(k) for k in table)


@functools.cache
def words_pattern(strict: bool, *paths: tuple[str, ...]) -> re.Pattern:
    """Vocabulary words as whole words over ``Tokens.view``: with their marks for a text that
    has them ("tính" is not "tỉnh"), folded for one that has none."""
    vocab = vocabulary()
    words: list[str] = []
    for path in paths:
        node = vocab.data
        for key in path:
            node = node[key]
        words += [lower(squash_spaces(w)) for w in node] if strict else list(vocab.words(*path))
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")


def squash_spaces(text: str) -> str:
    return " ".join(text.split())


@functools.cache
def number_spellings() -> dict[str, frozenset[str]]:
    """Folded number word → its spellings with marks ("sáu", not "sau")."""
    vocab = vocabulary()
    words = list(vocab.table("numbers", "units")) + vocab.data["numbers"]["ten"] + vocab.data["numbers"]["tens"]
    out: dict[str, set[str]] = {}
    for word in words:
        out.setdefault(fold(lower(word)), set()).add(lower(word))
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def prefix_spellings() -> frozenset[str]:
    node = vocabulary().data["weekdays"]["prefix"]
    return frozenset(lower(w) for w in node)


def lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def is_spelled(folded: str, written: str, strict: bool, allowed: frozenset[str] | None) -> bool:
    """A word must be one of its entry's spellings with their marks ("sở" is not "số", "sau"
    is not "sáu"); in text written without marks (OCR, capitals typed plain) any spelling that
    folds to it will do."""
    if allowed is None:
        return True
    return written in allowed or (not strict and written == folded)


_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _marked_letters() -> re.Pattern:
    from rules.text import _FOLD

    changed = [chr(code) for code, folded in _FOLD.items() if chr(code).lower() != folded]
    return re.compile("[" + re.escape("".join(changed)) + "]")


def is_marked(text: str, folded: str) -> bool:
    """Whether the text is written with its marks: a good share of its letters differ folded."""
    if text.isascii():
        return False
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_marked_letters().findall(text)) >= 0.04 * letters


@functools.cache
def number_words() -> tuple[dict[str, int], frozenset[str], frozenset[str], frozenset[str]]:
    vocab = vocabulary()
    units = {fold(k): v for k, v in vocab.table("numbers", "units").items()}
    return (units, frozenset(vocab.words("numbers", "ten")), frozenset(vocab.words("numbers", "tens")),
            frozenset(vocab.words("numbers", "after_tens_only")))


@functools.cache
def word_sets() -> dict[str, frozenset[str]]:
    vocab = vocabulary()
    return {
        "before_number": frozenset(vocab.words("cadence", "approx_before_number")),
        "ordinal_nouns": frozenset(vocab.words("cadence", "ordinal_nouns")),
        "afternoon": frozenset(vocab.words("cadence", "afternoon")),
    }


_DIGITS = re.compile(r"\d+")


def numbers_in(text: str) -> list[int]:
    return [int(n) for n in _DIGITS.findall(text)]


@functools.cache
def triggers() -> re.Pattern:
    """What a piece must hold to state a cadence or a window: a period word ("tháng", "năm"), a
    weekday ("thứ Sáu") or a rebroadcast ("phát lại 2 lần" takes its period from the output)."""
    table, _ = lexicon()
    words = {key[0] for key, entries in table.items() for tag, _, _ in entries if tag in "dwmqyWR"}
    words |= WORDS.prefix
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w])")


def may_state(folded: str) -> bool:
    """Whether a folded piece may state a cadence at all (most prose does not)."""
    return bool(triggers().search(folded))


WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")


class _Words:
    """Small word tables the lexer reads by value, from the vocabulary, folded once."""

    @functools.cached_property
    def roman(self) -> dict[str, int]:  # "Quý III" (1…4: quarters)
        return {fold(k): v for k, v in vocabulary().table("windows", "roman").items()}

    @functools.cached_property
    def prefix(self) -> frozenset[str]:  # "thứ"
        return frozenset(vocabulary().words("weekdays", "prefix"))

    @functools.cached_property
    def bare_days(self) -> dict[str, str]:  # "thứ Tư và Bảy": a weekday's name without "thứ"
        out = {}
        for day, names in vocabulary().table("weekdays").items():
            for name in names if day != "prefix" else ():
                words = fold(name).split()
                if len(words) == 2 and words[0] in self.prefix and not words[1].isdigit():
                    out[words[1]] = day
        return out

    @functools.cached_property
    def ordinals(self) -> dict[str, int]:  # "lần thứ nhất", "tuần thứ hai"
        units = {fold(k): v for k, v in vocabulary().table("numbers", "units").items()}
        return units | {w: 1 for w in vocabulary().words("numbers", "first")} | {w: 10 for w in vocabulary().words("numbers", "ten")}

    @functools.cached_property
    def one(self) -> frozenset[str]:  # "một": one, or "a" ("một tháng một lần")
        return frozenset(vocabulary().words("cadence", "once")) - {"1", "01"}

    @functools.cached_property
    def day(self) -> frozenset[str]:  # "ngày thứ 20"
        return frozenset(vocabulary().words("cadence", "periods", "day"))


WORDS = _Words()


@functools.cache
def starters() -> frozenset[str]:
    """Words that may open something the lexer reads: lexicon phrases, numbers, "thứ", roman
    numerals, the weekdays' bare names."""
    table, _ = lexicon()
    return frozenset({key[0] for key in table} | set(number_spellings()) | set(WORDS.roman) | set(WORDS.bare_days)
                     | WORDS.prefix)


@functools.cache
def honoured() -> tuple[str, ...]:
    return vocabulary().words("cadence", "honoured")


@functools.cache
def lexicon_sizes() -> dict[str, tuple[int, ...]]:
    """For each word that opens a lexicon phrase, the phrases' lengths in words, longest first."""
    table, _ = lexicon()
    sizes: dict[str, set[int]] = {}
    for key in table:
        sizes.setdefault(key[0], set()).add(len(key))
    return {word: tuple(sorted(found, reverse=True)) for word, found in sizes.items()}


def lexicon_entry(table, run, strict: bool):
    """The lexicon entry a run of words spells, if any: (tag, value)."""
    for tag, value, spellings in table.get(tuple(w[0] for w in run), ()):
        if all(is_spelled(w[0], w[1], strict, allowed) for w, allowed in zip(run, spellings)):
            return tag, value
    return None


@functools.cache
def counted_starts() -> dict[str, frozenset[str]]:
    """Words that open an output or a period, with their spellings with marks ("tờ", not "tổ")."""
    table, _ = lexicon()
    starts: dict[str, set[str]] = {}
    for key, entries in table.items():
        for tag, _, spellings in entries:
            if tag in "Odwmqy":
                starts.setdefault(key[0], set()).update(spellings[0])
    return {word: frozenset(found) for word, found in starts.items()}
