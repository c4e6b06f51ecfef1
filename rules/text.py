"""Folding and cleaning of plan text.

Matching folds both sides (NFC → combining marks removed → đ→d → lower case) so that
"Hằng năm", "hàng năm" and the OCR's "Hang nam" meet. ``fold`` keeps the length of an NFC
string, one character for one, so a match found in folded text can be cut from the original.
"""
from __future__ import annotations

import re
import unicodedata

_WHITESPACE = str.maketrans({"\u00a0": " ", "\t": " ", "\u2009": " ", "\u202f": " ", "\ufeff": ""})


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else base


def clean(text: str) -> str:
    """NFC, odd spaces made plain, and combining marks NFC could not attach removed."""
    text = unicodedata.normalize("NFC", text).translate(_WHITESPACE)
    if any(unicodedata.combining(c) for c in text):
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text


def _fold_table() -> dict[int, str]:
    """Latin letters (Vietnamese included) → their folded form, one character for one."""
    table = {}
    for code in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = _fold_char(char)
        if folded != char and len(folded) == 1:
            table[code] = folded
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """The folded form of cleaned text: same length, lower case, no diacritics, đ→d."""
    return text.translate(_FOLD)


def fold_words(text: str) -> str:
    """Folded, with runs of white space made one space: for comparing names."""
    return re.sub(r"\s+", " ", fold(clean(text))).strip()


def strip_trailing(text: str) -> str:
    """A value as written, without the sentence's trailing punctuation and spaces."""
    return re.sub(r"[\s.;,:]+$", "", text).strip()


def squash(text: str) -> str:
    """Runs of white space made one space."""
    return re.sub(r"\s+", " ", text).strip()
