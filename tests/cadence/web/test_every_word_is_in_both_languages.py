"""The pages' words: every entry has Vietnamese and English, and the fields agree."""
from __future__ import annotations

import string

from cadence.web import words

TABLES = [words.WORDS, words.KIND_WORDS, words.SOURCE_WORDS,
          words.MESSAGE_WORDS, words.RUNG_WORDS, words.MESSAGE_STATE_WORDS]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_word_has_both_languages_with_the_same_fields() -> None:
    for table in TABLES:
        for key, (vi, en) in table.items():
            assert vi.strip() and en.strip(), key
            assert _fields(vi) == _fields(en), key


def test_every_word_a_template_asks_for_exists() -> None:
    import re
    from cadence.web.render import TEMPLATES

    asked = {m for path in TEMPLATES.glob("*.html") for m in re.findall(r't\("([a-z_]+)"', path.read_text("utf-8"))}
    assert asked and asked <= set(words.WORDS)
