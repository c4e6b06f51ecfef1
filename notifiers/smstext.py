"""SMS text: how many segments a text costs, removing diacritics, shortening to fit.

Domain facts (3GPP TS 23.038 and 23.040):
- An SMS carries 140 bytes. In the GSM 7-bit alphabet that is 160 characters; a text longer
  than one segment is split, and each part loses room to the concatenation header: 153.
- A text with even one character outside the GSM alphabet is sent in UCS-2 (UTF-16): 70
  characters in one segment, 67 per part when concatenated. The GSM alphabet has à è é ì ò ù
  but none of ă â đ ê ô ơ ư nor the other tone marks, so in practice any Vietnamese text with
  diacritics goes as UCS-2: more than twice the segments, so more than twice the cost. That is
  why offices may ask for reminders without diacritics.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

# GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two).
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

# Typography that word processors put into text and GSM lacks; plain equivalents read the same.
_PLAIN_TYPOGRAPHY = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-",
    "…": "...", "\u00a0": " ", "•": "-", "đ": "d", "Đ": "D",
})


class Encoding(enum.Enum):
    GSM7 = "gsm7"
    UCS2 = "ucs2"


@dataclass(frozen=True, kw_only=True)
class SmsSize:
    """`units` are septets (GSM-7) or UTF-16 code units (UCS-2)."""

    encoding: Encoding
    units: int
    segments: int


# (characters in a single segment, characters per part of a concatenated message)
_LIMITS = {Encoding.GSM7: (160, 153), Encoding.UCS2: (70, 67)}


def sms_size(text: str) -> SmsSize:
    """How a text will travel and how many segments it costs."""
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        encoding, units = Encoding.GSM7, sum(2 if c in _GSM_EXTENDED else 1 for c in text)
    else:
        encoding, units = Encoding.UCS2, len(text.encode("utf-16-le")) // 2
    single, part = _LIMITS[encoding]
    segments = 1 if units <= single else -(-units // part)
    return SmsSize(encoding=encoding, units=units, segments=segments)


def strip_diacritics(text: str) -> str:
    """"Hạn nộp báo cáo đã qua" → "Han nop bao cao da qua": still readable by any Vietnamese
    reader, and GSM-7, so a third of the cost. đ/Đ are letters of their own (no combining
    mark to drop), hence the explicit table."""
    decomposed = unicodedata.normalize("NFD", text.translate(_PLAIN_TYPOGRAPHY))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def fit_segments(text: str, segments: int, *, ellipsis: str = "...") -> str:
    """The text itself if it fits in `segments`, else its longest start that fits with the
    ellipsis appended, cut at a space when one is near so no word is broken."""
    if segments < 1:
        raise ValueError(f"segments: expected at least 1, got {segments}")
    if sms_size(text).segments <= segments:
        return text
    fits = lambda n: sms_size(text[:n].rstrip() + ellipsis).segments <= segments  # noqa: E731
    low, high = 0, len(text)  # invariant: fits(low), not fits(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return _at_word_end(text[:low]) + ellipsis


def _at_word_end(prefix: str) -> str:
    space = prefix.rfind(" ")
    # Cut back to the last space only when it loses little; a very long word is cut inside.
    if space > len(prefix) * 3 // 4:
        return prefix[:space].rstrip()
    return prefix.rstrip()


def prepare_text(text: str, *, strip: bool = False, max_segments: int | None = None) -> str:
    """What a channel actually sends: without diacritics if asked, then cut to fit."""
    if strip:
        text = strip_diacritics(text)
    if max_segments is not None:
        text = fit_segments(text, max_segments)
    return text
