"""How unit names are compared: folded, so case, diacritics, dashes and spacing do not matter.

Plans write the same unit many ways: "Phòng Văn hoá – Xã hội" and "Phòng Văn hóa - Xã hội"
(two spellings of "hoá", two dashes), "Sở KH&CN", and OCR output loses or garbles diacritics
("Van phong UBND tinh", "Trung tdm Phuc vu"). Exact lookups use ``name_key``; what is left goes
to fuzzy matching on the same keys.
"""
from __future__ import annotations

import re
import unicodedata

from rules.text import clean
from rules.text import fold as rules_fold

_PUNCTUATION = re.compile(r"[\s\-–—‐‑‒―,;:.()\[\]/\\\"“”'‘’]+")


def fold(text: str) -> str:
    """The house folding, shared with the reader: NFC → no combining marks → đ→d → lower."""
    return rules_fold(clean(text))


def name_key(text: str) -> str:
    """The key a unit name is looked up by: folded, punctuation and spacing collapsed."""
    return _PUNCTUATION.sub(" ", fold(text)).strip()


def exact_key(text: str) -> str:
    """Like ``name_key`` but keeping diacritics: tells apart names that fold alike (Quảng Ngãi
    has both "Xã Ba Tô" and "Xã Ba Tơ", and both "Xã Sơn Hạ" and "Xã Sơn Hà")."""
    text = _OLD_TONE_PLACE.sub(r"\1\3\2", unicodedata.normalize("NFD", text.lower()))
    return _PUNCTUATION.sub(" ", unicodedata.normalize("NFC", text)).strip()


# Both places of a tone mark on "oa", "oe", "uy" ending a syllable are correct Vietnamese and
# both are written ("Văn hoá" and "Văn hóa", "Thuỷ" and "Thủy"): they are one name.
_TONES = "".join(map(chr, (0x301, 0x300, 0x309, 0x303, 0x323)))  # the five tone marks, combining
_OLD_TONE_PLACE = re.compile(r"(?<!q)([ou])([aey])([" + _TONES + r"])(?![^\W\d_])")


_BRACKETED = re.compile(r"^(?P<outer>[^()]*?)\s*\((?P<inner>[^()]*)\)\s*(?P<rest>.*)$")


def variants(text: str) -> list[str]:
    """The readings of one plan unit string, most literal first: the whole string, then for
    "A (B)" the unit A alone ("UBND cấp xã (Đài Truyền thanh cấp xã)" → "UBND cấp xã"; "Các
    cơ quan, đơn vị (kể cả các đơn vị trường học)" → "Các cơ quan, đơn vị"), then B alone."""
    text = text.strip().rstrip(".;,")
    found = [text]
    match = _BRACKETED.match(text)
    if match:
        outer = (match["outer"] + " " + match["rest"]).strip()
        found += [part for part in (outer, match["inner"].strip()) if part]
    return found


_JOINERS = re.compile(r"\s*;\s*|\s+và\s+|\s+va\s+", re.IGNORECASE)


def joined_parts(text: str) -> list[str]:
    """"A và B" or "A; B" as its parts, for a string naming several units at once ("Các sở,
    ban, ngành và Chính quyền địa phương"). Used only when the whole string names nothing."""
    parts = [p.strip() for p in _JOINERS.split(text) if p.strip()]
    return parts if len(parts) > 1 else []
