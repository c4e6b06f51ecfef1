"""Which domain a text speaks of: CĐS, CCHC or DVCTT."""
from __future__ import annotations

import functools
import re

from rules.model import Scope
from rules.text import fold
from rules.vocabulary import vocabulary, word_pattern


@functools.cache
def _patterns() -> dict[Scope, tuple[re.Pattern | None, re.Pattern | None]]:
    vocab = vocabulary()
    patterns = {}
    for name in vocab.table("scopes"):
        strong = vocab.words("scopes", name, "strong")
        weak = vocab.words("scopes", name, "weak")
        patterns[Scope(name)] = (word_pattern(strong), word_pattern(weak) if weak else None)
    return patterns


def mentioned_scopes(text: str) -> tuple[list[Scope], list[Scope]]:
    """The domains the text names outright, and those it only hints at."""
    folded = fold(text)
    strong, weak = [], []
    for scope, (strong_pattern, weak_pattern) in _patterns().items():
        if strong_pattern.search(folded):
            strong.append(scope)
        elif weak_pattern is not None and weak_pattern.search(folded):
            weak.append(scope)
    return strong, weak


@functools.lru_cache(maxsize=4096)
def single_scope(text: str) -> Scope | None:
    """The one domain a heading or task speaks of; None where it names several or none.

    A task naming online public services (DVCTT) and, in passing, thủ tục hành chính is DVCTT
    work: outright names win over hints.
    """
    strong, weak = mentioned_scopes(text)
    if len(strong) == 1:
        return strong[0]
    if not strong and len(weak) == 1:
        return weak[0]
    return None


def scopes_or_all(text: str) -> list[Scope]:
    """Every domain a duty names (a monitor of "CĐS, CCHC" follows up on both), or ALL."""
    strong, weak = mentioned_scopes(text)
    return strong or weak or [Scope.ALL]
