"""Work assigned unit by unit in the organisation section ("Tổ chức thực hiện"), as ministries and
many provinces write it — "1. Sở Nội vụ: chủ trì …; định kỳ hằng quý báo cáo …", "2. Đài Phát
thanh và Truyền hình tỉnh: …", "3. UBND các huyện, thị xã, thành phố: …" — read as activities
led by that unit, beside the activities of the task section.

Which duties are activities. A duty (a clause of a point, between ";" and full stops) is an
activity when it is the unit's own work that can be counted or dated:
- it states a cadence of outputs: a count per period ("01 chương trình/tháng", "định kỳ 1
  lần/quý", "mỗi năm tổ chức ít nhất 02 hội nghị"), a yearly action ("Hằng năm, tổ chức …"),
  a day of the week or month ("vào ngày 15 hằng tháng"); or
- it names a window of its own: a date, a month, a quarter or a deadline within the plan's
  year ("trong Quý III/2025", "trước ngày 30/6/2025").
It is not an activity when it is already something else the reader keeps:
- a follow-up duty (đầu mối, theo dõi, đôn đốc, kiểm tra, chỉ đạo và hướng dẫn): a Monitor;
- a reporting or sending duty (báo cáo, gửi, "định kỳ hằng quý, 6 tháng, năm"): a Report, whose
  periods are already its cadence;
- an evaluation of the plan's own results ("Hằng năm, tổ chức đánh giá kết quả thực hiện Kế
  hoạch này"): follow-up too, reported as such;
- tasks cited from the task section ("nhiệm vụ tại điểm a, b khoản 1 phần IV"): those tasks'
  units, never new tasks.
A duty with neither count nor date of its own — "Thường xuyên cập nhật …", "Duy trì chuyên mục
…", "Phối hợp với …", "Tham mưu bố trí kinh phí …" — is a standing responsibility with nothing
due on a day, so no activity. A bare period that names a document ("lồng ghép vào Kế hoạch
tuyên truyền hằng năm") is no cadence, and the plan's year restated ("năm 2025") or a stage of
years ("giai đoạn 2022 - 2025") is no window of a duty's own.

An activity read here has the ref of its point ("E.3", "IV.2.b"; "E.3-2" for the second one of a
point), its clause as title, the point's unit as lead (or as support, for "Phối hợp với X …",
where X leads; or as directs, for "Chỉ đạo X …", where X leads), the partners it works with
("chủ trì, phối hợp với …") as support, and its rules and window.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from rules.model import Activity, Rule, Scope, UnitSpans, Window
from rules.organisation import cites_tasks, follows_up, is_report, partners_at, role_of, unit_of
from rules.outline import BlockKind, Node
from rules.phrases import RuleCollector, find_cadences
from rules.scope import single_scope
from rules.text import Piece, fold, squash, strip_trailing
from rules.tokens import tokenize
from rules.units import split_units_at
from rules.vocabulary import alternation, vocabulary, word_pattern
from rules.windows import find_window

__all__ = ["assigned_activities"]


@dataclass(frozen=True)
class _Duty:
    """A piece of the organisation section with the unit it is given to."""

    ref: str
    units: tuple[tuple[str, object], ...]  # (name, Span) of each unit the point names
    piece: Piece
    start: int  # where the duties begin in the piece's text (after "Sở Nội vụ:")


def _point_units(point: Node, unit: str) -> tuple[tuple[str, object], ...]:
    text = point.piece.text
    at = text.find(unit)
    if not unit or at < 0:
        return ()
    return tuple((name, point.piece.span(at + start, at + end)) for name, start, end in split_units_at(unit))


def _duties(section: Node) -> list[_Duty]:
    """Every piece of the section that gives a unit work, in the order written."""
    found: list[_Duty] = []
    for point in section.children:
        unit, _ = unit_of(point)
        units = _point_units(point, unit)
        if not units:
            continue
        text = point.piece.text
        at = text.find(unit) + len(unit)
        colon = text.find(":", at - 1)
        start = colon + 1 if 0 <= colon - at <= 2 else at
        found.append(_Duty(point.ref, units, point.piece, start))
        for node in point.walk():
            if node is not point:
                found.append(_Duty(node.ref, units, node.piece, 0))
            for block in node.blocks:
                if block.kind is not BlockKind.LABEL:
                    found.append(_Duty(node.ref, units, block.piece, 0))
    return found


def _clauses(text: str, start: int) -> list[tuple[int, int]]:
    """The clauses of a duty, as offsets: split at ";" and at sentence ends, never in brackets."""
    out, depth, begin = [], 0, start
    for index in range(start, len(text)):
        char = text[index]
        if char in "(“":
            depth += 1
        elif char in ")”" and depth:
            depth -= 1
        elif depth == 0 and (char == ";" or (char == "." and re.match(r"\.\s+[A-ZĐÀ-Ỹ]", text[index:index + 3]))):
            out.append((begin, index))
            begin = index + 1
    out.append((begin, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip(" .;,")]


@functools.cache
def _words() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    return {
        "evaluation": word_pattern(vocab.words("organisation", "evaluation")),
        "document": re.compile(rf"(?<![\w])(?:{alternation(vocab.words('documents', 'types'))})(?:\s+[\w“”\"]+){{0,4}}\s*$"),
    }


def _not_own_work(clause: str) -> bool:
    """A follow-up, a report, an evaluation of the plan or a citation of its tasks (see the module)."""
    return (follows_up(clause) or is_report(clause) or cites_tasks(clause)
            or bool(_words()["evaluation"].search(fold(clause))))


def _masked(clause: str) -> str:
    """The clause with each bare period that names a document ("Kế hoạch tuyên truyền hằng năm")
    blanked, so that it is read as no cadence; offsets are kept."""
    folded = fold(clause)
    for found in find_cadences(clause):
        if found.bare_each and _words()["document"].search(folded[: found.start]):
            clause = clause[: found.start] + " " * (found.end - found.start) + clause[found.end :]
    return clause


def _own_window(window: Window | None, year: int) -> bool:
    """A window of the duty's own: starting in the plan's year, shorter than it."""
    if window is None or not dt.date(year, 1, 1) <= window.start <= dt.date(year, 12, 31):
        return False
    return (window.end - window.start).days < 364


@dataclass(frozen=True)
class _Reading:
    rules: tuple[Rule, ...]
    window: Window | None


def _read(duty: _Duty, begin: int, end: int, year: int) -> _Reading | None:
    clause = _masked(duty.piece.text[begin:end])
    locate = lambda s, e: duty.piece.span(begin + s, begin + e)  # noqa: E731
    tokens = tokenize(clause)
    collector = RuleCollector(ref=duty.ref)
    collector.add_piece(clause, locate=locate, tokens=tokens)
    rules, _ = collector.finish()
    window = find_window(clause, year, tokens, collector.used)
    if window is not None:
        if (window.end - window.start).days > 366 or not dt.date(year, 1, 1) <= window.start <= dt.date(year, 12, 31):
            window = None
        else:
            at = clause.find(window.text) if window.text else -1
            window = replace(window, span=locate(at, at + len(window.text)) if at >= 0 else None)
    if not rules and not _own_window(window, year):
        return None
    return _Reading(tuple(rules), window)


def _roles(duty: _Duty, begin: int, end: int) -> dict[str, list[tuple[str, object]]]:
    """Who leads, supports and directs the work of a clause, with the spans of their names."""
    clause = duty.piece.text[begin:end]
    named = [(name, duty.piece.span(begin + s, begin + e)) for name, s, e in partners_at(clause)]
    own = list(duty.units)
    role = role_of(clause)
    if role == "support":
        return {"lead": named, "support": own, "directs": []}
    if role == "directs" and named:
        return {"lead": named, "support": [], "directs": own}
    return {"lead": own, "support": named if role == "lead" else [], "directs": []}


def _activity(duty: _Duty, ref: str, begin: int, end: int, reading: _Reading, plan_scope: Scope | None) -> Activity:
    clause = duty.piece.text[begin:end]
    title = strip_trailing(squash(clause))
    roles = _roles(duty, begin, end)
    scope = single_scope(clause) or single_scope(" ".join(name for name, _ in duty.units)) or plan_scope
    return Activity(
        ref=ref, title=title, scope=scope,
        lead=[name for name, _ in roles["lead"]], support=[name for name, _ in roles["support"]],
        directs=[name for name, _ in roles["directs"]],
        window=reading.window, ongoing=False, rules=reading.rules, line=duty.piece.span(begin, end).line
        if duty.piece.span(begin, end) else 0,
        spans=UnitSpans(title=duty.piece.span(begin, end), **{k: [s for _, s in v] for k, v in roles.items()}),
    )


def assigned_activities(section: Node, year: int, plan_scope: Scope | None) -> list[Activity]:
    """The activities the organisation section assigns unit by unit (see the module for which)."""
    activities: list[Activity] = []
    per_ref: dict[str, int] = {}
    for duty in _duties(section):
        for index, (begin, end) in enumerate(_clauses(duty.piece.text, duty.start)):
            # the first clause is judged with the words before it ("Giao … định kỳ hằng tháng …")
            if _not_own_work(duty.piece.text[0 if index == 0 else begin:end]):
                continue
            reading = _read(duty, begin, end, year)
            if reading is None:
                continue
            per_ref[duty.ref] = per_ref.get(duty.ref, 0) + 1
            ref = duty.ref if per_ref[duty.ref] == 1 else f"{duty.ref}-{per_ref[duty.ref]}"
            activities.append(_activity(duty, ref, begin, end, reading, plan_scope))
    return activities
