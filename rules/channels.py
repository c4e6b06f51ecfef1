"""Channels named in a cadence's sentence: "trên kênh PTQ", "trên Báo Lào Cai", "fanpage Lào Cai
TV", "FM 96,5 MHz", "trên sóng phát thanh". A name runs from its head through capitalised words,
acronyms and numbers (and the few lower-case words a name carries: "tỉnh", "điện tử"); "kênh"
and "sóng" before a name are dropped, as the readings write it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rules.text import fold, strip_trailing
from rules.vocabulary import alternation, vocabulary


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    generic = [w for c in vocab.table("channels").values() for w in c]
    return {
        "lead": re.compile(rf"(?<![\w])(?:{alternation(vocab.words('channel_names', 'lead'))})\s+"),
        "dropped": re.compile(rf"(?:{alternation(vocab.words('channel_names', 'dropped_heads'))})\s+"),
        "head": re.compile(rf"(?:{alternation(vocab.words('channel_names', 'heads'))})(?![\w])"),
        "generic": re.compile(rf"(?:{alternation(fold(g).lower() for g in generic)})(?![\w])"),
        "anywhere": re.compile(rf"(?<![\w])(?:(?:{alternation(vocab.words('channel_names', 'unled_heads'))})\s+)"),
        "capitalised": re.compile(rf"(?<![\w])(?:{alternation(vocab.words('channel_names', 'capitalised_heads'))})\s+(?=\w)"),
        "continue": re.compile(rf"\s*(?:{alternation(vocab.words('channel_names', 'continue'))})(?![\w])"),
        "frequency": re.compile(rf"(?:(?:{alternation(vocab.words('channel_names', 'frequency'))})\s*)?\d{{2,3}}(?:[,.]\d{{1,2}})?\s*"
                                rf"(?:{alternation(vocab.words('channel_names', 'frequency_unit'))})"),
        "not_a_paper": re.compile(rf"(?:{alternation(vocab.words('channel_names', 'not_a_paper'))})(?![\w])"),
    }


@functools.cache
def _unit_heads() -> frozenset[str]:
    return frozenset(vocabulary().words("units", "heads"))


@functools.cache
def _generic_names() -> dict[str, str]:
    return {fold(w): name for name, words in vocabulary().table("channels").items() for w in words}


def _name_words(text: str, folded: str, start: int) -> int:
    """Where a name starting at ``start`` ends: capitalised words, acronyms, numbers and the
    words a name carries; never past punctuation."""
    end = start
    patterns = _patterns()
    position = start
    while position < len(text):
        if m := patterns["frequency"].match(folded, position):
            end = position = m.end()
            continue
        word = re.match(r"\s*([^\W_]+|-)", text[position:])
        if not word:
            break
        token = word.group(1)
        if token[0].isupper() or (token[0].isdigit() and not token.isdigit()) or (token == "-" and end > start):
            end = position = position + word.end()
            continue
        if m := patterns["continue"].match(folded, position):
            if m.end() > position:
                end = position = m.end()
                continue
        following = re.match(r"\s*([^\W_]+)", text[position + word.end():])
        closing = re.match(r"\s*(?:[(,;.–-]|$)", text[position + word.end():])
        if end > start and text[end - 1:end].isalpha() and (closing or following and (
                following.group(1)[0].isupper() or patterns["continue"].match(folded, position + word.end()))):
            end = position = position + word.end()  # "Đài Phát thanh và Truyền hình": a lower-case word inside a name
            continue
        break
    return end


def mentions(text: str, folded: str | None = None) -> list[Mention]:
    """Every channel the text names, in order."""
    folded = (folded if folded is not None else fold(text)).lower()
    patterns = _patterns()
    found: list[Mention] = []
    leads = [m.end() for m in patterns["lead"].finditer(folded)] + [m.start() for m in patterns["anywhere"].finditer(folded)]
    leads += [m.start() for m in patterns["capitalised"].finditer(folded) if text[m.start()].isupper()]
    for begin in sorted(leads):
        if any(m.start <= begin < m.end for m in found):
            continue
        mention = _mention_at(text, folded, begin)
        if mention:
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _mention_at(text: str, folded: str, begin: int) -> Mention | None:
    patterns = _patterns()
    if patterns["not_a_paper"].match(folded, begin):
        return None  # "Báo cáo" is a report, "báo chí" the press, not a paper
    position = begin
    if dropped := patterns["dropped"].match(folded, position):
        position = dropped.end()
        if generic := patterns["generic"].match(folded, position):
            named = _name_words(text, folded, generic.end())
            if named > generic.end() and text[generic.end():named].strip()[:1].isupper():
                return Mention(begin, named, strip_trailing(text[generic.end():named].strip()))  # "kênh truyền hình VTV Cần Thơ"
            return Mention(begin, generic.end(), _generic_names().get(fold(folded[position:generic.end()]),
                                                                      text[position:generic.end()]))
        end = _name_words(text, folded, position)
        named = text[position:end].strip()
        return Mention(begin, end, strip_trailing(named)) if named[:1].isupper() else None  # not "sóng 60 phút"
    if frequency := patterns["frequency"].match(folded, position):
        return Mention(begin, frequency.end(), text[position:frequency.end()])
    if generic := patterns["generic"].match(folded, position):
        after = _name_words(text, folded, generic.end())
        if after == generic.end():
            return Mention(begin, after, _generic_names().get(fold(folded[position:after]), text[position:after]))
    if head := patterns["head"].match(folded, position):
        end = _name_words(text, folded, head.end())
        capitals = sum(1 for w in text[position:end].split() if w[:1].isupper())
        if end == head.end() and capitals < 2:
            return None  # "trên Cổng thông tin điện tử của cơ quan mình": a kind of channel, not one named
        return Mention(begin, end, strip_trailing(text[position:end]))
    word = re.match(r"([A-ZĐ][A-ZĐ0-9]{1,}\d*)(?![\w])", text[position:])  # "trên VTV1"
    if word and fold(word.group(1)).lower() not in _unit_heads():  # "cho UBND xã" names a unit
        return Mention(begin, position + word.end(), word.group(1))
    return None
