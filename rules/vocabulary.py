"""The packaged vocabulary (rules/data/vocabulary.toml), loaded and checked once.

Every phrase is kept in folded form, ready for matching; regular expressions built from the
lists live here too, so a new wording is a change to the data file only.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from rules.text import fold_words


class VocabularyError(ValueError):
    """The packaged vocabulary is malformed: a developer's error, caught by the tests."""


def _folded(values: list[str]) -> tuple[str, ...]:
    """Folded phrases, longest first so that alternations prefer the longer wording."""
    return tuple(sorted({fold_words(v) for v in values}, key=lambda v: (-len(v), v)))


def alternation(phrases) -> str:
    """A regex alternation of folded phrases; spaces match any run of spaces."""
    parts = [re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)]
    return "(?:" + "|".join(parts) + ")"


def word_pattern(phrases) -> re.Pattern[str]:
    """Phrases matched as whole words in folded text."""
    return _word_pattern(tuple(phrases))


@functools.lru_cache(maxsize=256)
def _word_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + alternation(phrases) + r"(?![\w])")


@dataclass(frozen=True, eq=False)
class Vocabulary:
    data: dict

    def words(self, *path: str) -> tuple[str, ...]:
        """The folded phrases at a path of the table, longest first."""
        return _words_at(self, path)

    def _words(self, path: tuple[str, ...]) -> tuple[str, ...]:
        node = self.data
        for key in path:
            if key not in node:
                raise VocabularyError(f"vocabulary: missing key {'.'.join(path)}")
            node = node[key]
        if not isinstance(node, list) or not all(isinstance(v, str) for v in node):
            raise VocabularyError(f"vocabulary: {'.'.join(path)} must be a list of strings")
        return _folded(node)

    def table(self, *path: str) -> dict:
        node = self.data
        for key in path:
            node = node[key]
        if not isinstance(node, dict):
            raise VocabularyError(f"vocabulary: {'.'.join(path)} must be a table")
        return node

    @functools.cached_property
    def ocr_variants(self) -> dict[str, tuple[str, ...]]:
        """For each folded word, the spellings OCR gives it (itself included)."""
        variants: dict[str, tuple[str, ...]] = {}
        for group in self.data["ocr"]["word_variants"]:
            folded = _folded(group)
            for word in folded:
                variants[word] = folded
        return variants

    def with_ocr(self, phrases) -> tuple[str, ...]:
        """Phrases and their OCR spellings ("don vi chu tri" → "pon vi chu tri", …)."""
        out: set[str] = set()
        for phrase in phrases:
            spellings = [""]
            for word in phrase.split(" "):
                options = self.ocr_variants.get(word, (word,))
                spellings = [f"{s} {o}".strip() for s in spellings for o in options][:64]
            out.update(spellings)
        return tuple(sorted(out, key=lambda v: (-len(v), v)))


@functools.lru_cache(maxsize=None)
def _words_at(vocab: Vocabulary, path: tuple[str, ...]) -> tuple[str, ...]:
    return vocab._words(path)


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabulary, read from the package once."""
    text = resources.files("rules").joinpath("data/vocabulary.toml").read_text("utf-8")
    try:
        return Vocabulary(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise VocabularyError(f"rules/data/vocabulary.toml: {error}") from error
