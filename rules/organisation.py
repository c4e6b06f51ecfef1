"""The organisation section ("Tổ chức thực hiện"): who follows up, who reports to whom, and
which tasks it assigns by cross-reference ("điểm a, b, đ khoản 1 … thuộc phần IV"). The work it
assigns unit by unit is read by ``rules.assignments`` with the tests of a duty kept here
(``follows_up``, ``is_report``, ``cites_tasks``, ``role_of``, ``partners_at``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rules.grammar import find_cadences
from rules.model import Diagnostic, Monitor, Per, Report, ReportPeriod, Scope
from rules.outline import BlockKind, Node
from rules.scope import scopes_or_all
from rules.text import fold, squash, strip_trailing
from rules.units import split_units, split_units_at
from rules.vocabulary import alternation, vocabulary, word_pattern


@dataclass(frozen=True)
class Statement:
    """One duty written in the organisation section, with the unit it is given to."""

    ref: str
    unit: str
    text: str
    closing: bool = False
    span: object = None  # where the duty is written (rules.model.Span)


@dataclass(frozen=True)
class Assignment:
    """A task given to a unit by cross-reference."""

    activity_ref: str
    role: str  # lead, support or directs
    unit: str
    span: object = None


@functools.cache
def _words() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    with_ocr = lambda *path: vocab.with_ocr(vocab.words(*path))  # noqa: E731
    return {
        "assign": re.compile(rf"^(?:{alternation(vocab.words('organisation', 'assign'))})\s+"),
        "verb": word_pattern(vocab.words("units", "verbs")),
        "monitor": word_pattern(with_ocr("organisation", "monitor")),
        "purpose": re.compile(rf"(?<![\w])(?:{alternation(vocab.words('organisation', 'purpose'))})\s+[^.;]{{0,20}}$"),
        "report": word_pattern(with_ocr("organisation", "report")),
        "send": re.compile(rf"(?<![\w])(?:{alternation(with_ocr('organisation', 'send'))})(?:\s+ve)?\s+"),
        "periodic": word_pattern(vocab.words("cadence", "periodic")),
        "each": word_pattern(vocab.words("cadence", "each")),
        "request": re.compile(rf"(?:{alternation(vocab.words('organisation', 'request'))})\s+"),
        "partners": re.compile(rf"(?:{alternation(vocab.words('organisation', 'with'))})\s+(.*?)\s+"
                               rf"(?:{alternation(vocab.words('organisation', 'purpose_verbs'))})(?![\w])"),
        "about": re.compile(rf"\s(?:{alternation(vocab.words('organisation', 'to_about'))})\s+"),
        "about_lead": re.compile(rf"\s+(?:(?:{alternation(vocab.words('organisation', 'to_about'))})\s+)?"),
    }


# -- statements ------------------------------------------------------------------------------


def unit_of(point: Node) -> tuple[str, str]:
    """The unit a point is about, and the rest of its heading line."""
    head = squash(point.head)
    folded = fold(head)
    if match := _words()["assign"].match(folded):  # "Giao Phòng … chủ trì, theo dõi …"
        rest = head[match.end() :].split(":")[0]
        ends = [m.start() for m in (_words()["verb"].search(fold(rest)), _words()["monitor"].search(fold(rest))) if m]
        return strip_trailing(rest[: min(ends)] if ends else rest), head
    if ":" in head:
        unit, _, rest = head.partition(":")
        return strip_trailing(unit), rest
    return strip_trailing(head), ""


def statements(section: Node) -> list[Statement]:
    """Every duty in the section, in the order written; closing words last."""
    found: list[Statement] = []
    for point in section.children:
        unit, rest = unit_of(point)
        body = squash(point.text[len(point.head):]) if point.text.startswith(point.head) else ""
        own = squash(f"{rest} {body}")
        if own:
            found.append(Statement(point.ref, unit, own, span=_whole(point.piece)))
        for block in point.blocks:
            found.append(Statement(point.ref, unit, block.text, span=_whole(block.piece)))
        for child in point.walk():
            if child is not point:
                text = " ".join([child.text] + [b.text for b in child.blocks])
                found.append(Statement(child.ref, unit, squash(text), span=_whole(child.piece)))
    for block in section.blocks:
        found.append(Statement(section.ref, "", block.text, closing=block.kind is BlockKind.CLOSING,
                               span=_whole(block.piece)))
    return found


def _whole(piece):
    return piece.span(0, len(piece.text.rstrip()))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])|\./\.", text) if s.strip()]


# -- monitors --------------------------------------------------------------------------------


def monitors(found: list[Statement]) -> list[Monitor]:
    """Units that follow up (đầu mối, theo dõi, đôn đốc, kiểm tra, chỉ đạo và hướng dẫn)."""
    result: list[Monitor] = []
    for statement in found:
        if statement.closing or not statement.unit:
            continue
        for sentence in _sentences(statement.text):
            if follows_up(sentence):
                for scope in scopes_or_all(sentence):
                    result.append(Monitor(unit=statement.unit, scope=scope, ref=statement.ref, span=statement.span))
                break
    return result


def follows_up(sentence: str) -> bool:
    """A duty to follow up on others: đầu mối, theo dõi, đôn đốc, kiểm tra (not as a purpose)."""
    folded = fold(sentence)
    for match in _words()["monitor"].finditer(folded):
        if not _words()["purpose"].search(folded[: match.start()]):
            return True
    return False


# -- reports ---------------------------------------------------------------------------------

@functools.cache
def _report_words() -> dict:
    """The period words of reporting duties ("định kỳ quý, 6 tháng, năm"), from the vocabulary:
    each period's alternation, the list they make, and the words that end a recipient's name."""
    vocab = vocabulary()
    tokens = [(alternation(vocab.words("organisation", "report_periods", p.value)), p)
              for p in (ReportPeriod.HALF_YEAR, ReportPeriod.MONTH, ReportPeriod.QUARTER, ReportPeriod.YEAR)]
    token = "|".join(f"(?:{t})" for t, _ in tokens)
    lead = rf"(?:{alternation(vocab.words('cadence', 'periodic'))})\s+(?:(?:{alternation(vocab.words('cadence', 'each'))})\s+)?"
    each = rf"(?:{alternation(vocab.words('cadence', 'each'))})\s+"
    joins = alternation(vocab.words("cadence", "conjunctions"))
    return {
        "tokens": [(re.compile(t), p) for t, p in tokens],
        "token": re.compile(token),
        # "định kỳ tháng 11/2025" names a month, not a period: no number after the last period word
        "list": re.compile(rf"(?<![\w])(?:{lead}|{each})((?:{token})(?:\s*(?:,|{joins})\s*(?:{token})(?![\w]))*)(?![\w])(?!\s*\d)"),
        "stop": re.compile(rf"\s+(?:{alternation(vocab.words('organisation', 'recipient_ends'))})(?![\w])"),
    }


def _periods(sentence: str) -> list[ReportPeriod]:
    found: list[ReportPeriod] = []
    words = _report_words()
    for match in words["list"].finditer(fold(sentence)):
        for token in words["token"].findall(match.group(1)):
            period = next(p for t, p in words["tokens"] if t.fullmatch(token))
            if period not in found:
                found.append(period)
    return found or _counted_periods(sentence)


def _counted_periods(sentence: str) -> list[ReportPeriod]:
    """Periods written as a count ("định kỳ 1 lần/quý", "06 tháng/lần"): once per month,
    quarter, half year or year, as the cadence grammar reads them."""
    months = {Per.MONTH: 1, Per.QUARTER: 3, Per.YEAR: 12}
    by_months = {1: ReportPeriod.MONTH, 3: ReportPeriod.QUARTER, 6: ReportPeriod.HALF_YEAR, 12: ReportPeriod.YEAR}
    found: list[ReportPeriod] = []
    for cadence in find_cadences(sentence):
        if cadence.count == 1 and cadence.per in months and not cadence.bare_each:
            period = by_months.get(months[cadence.per] * cadence.every)
            if period is not None and period not in found:
                found.append(period)
    return found


def _name_from(text: str, start: int) -> str:
    """A unit's name starting at ``start``, up to the words that end it; brackets kept whole."""
    rest = text[start:]
    folded = fold(rest)
    depth = 0
    for index, char in enumerate(rest):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (char in ".;" or _report_words()["stop"].match(folded, index)):
            return strip_trailing(rest[:index])
    return strip_trailing(rest)


def _opens_unit(text: str) -> bool:
    units = split_units(text[:60])
    heads = vocabulary().words("units", "heads")
    return bool(units) and any(fold(units[0]).startswith(h) for h in heads)


def _recipient(sentence: str, issuer: str) -> str:
    folded = fold(sentence)
    if match := _words()["send"].search(folded):
        return _name_from(sentence, match.end()) or issuer
    for match in _words()["report"].finditer(folded):
        after = _words()["about_lead"].match(folded[match.end() :])
        start = match.end() + (after.end() if after else 0)
        if _opens_unit(sentence[start:]):
            return _name_from(sentence, start)
        for about in _words()["about"].finditer(folded[match.end() :]):
            begin = match.end() + about.end()
            if _opens_unit(sentence[begin:]):
                return _name_from(sentence, begin)
    return issuer


def is_report(sentence: str) -> bool:
    """A duty to report or send, or a periodic duty ("định kỳ hằng tháng, quý, năm …").

    "Báo cáo" in a purpose clause ("tổng hợp … để lồng ghép vào báo cáo") says why something
    is compiled, not that a report is due; "hằng năm" alone may name a document ("Kế hoạch
    tuyên truyền hằng năm").
    """
    folded = fold(sentence)
    words = _words()
    reported = any(not words["purpose"].search(folded[: m.start()]) for m in words["report"].finditer(folded))
    periodic = any(words["periodic"].search(folded[max(0, m.start() - 12) : m.start() + 9])
                   for m in _report_words()["list"].finditer(folded))
    return bool(reported or words["send"].search(folded) or periodic)


def reports(found: list[Statement], issuer: str) -> list[Report]:
    """Recurring reporting duties: who reports, to whom, how often, in which domain."""
    result: list[Report] = []
    for statement in found:
        for sentence in _sentences(statement.text):
            if not is_report(sentence):
                continue
            sender = statement.unit or _closing_subject(sentence)
            to = _recipient(sentence, issuer)
            for scope in scopes_or_all(sentence):
                result.append(Report(ref=statement.ref, from_=sender, to=to, scope=scope,
                                     periods=_periods(sentence), text=squash(sentence), span=statement.span))
            break
    return result


def _closing_subject(sentence: str) -> str:
    folded = fold(sentence)
    match = _words()["request"].search(folded)
    if not match:
        return ""
    rest = sentence[match.end() :]
    verb = _words()["verb"].search(fold(rest))
    return strip_trailing(rest[: verb.start()] if verb else rest)


# -- cross-references ------------------------------------------------------------------------

@functools.cache
def _reference() -> re.Pattern:
    """"điểm a, b, đ khoản 1 … thuộc phần IV": the words of a citation, from the vocabulary."""
    words = vocabulary().table("organisation", "citation")
    alt = lambda key: alternation([w.lower() for w in words[key]] + list(vocabulary().words("organisation", "citation", key)))  # noqa: E731
    return re.compile(
        rf"(?:(?:{alt('point')})\s+(?P<points>[a-zđ](?:\s*,\s*[a-zđ])*)\s+)?(?:{alt('clause')})\s+(?P<clause>\d{{1,2}})"
        rf"(?:\s*;?\s*(?:{alt('of')})?\s*(?:{alt('part')})\s+(?P<part>[IVX]+))?",
        re.IGNORECASE,
    )


def role_of(clause: str) -> str:
    """The role a clause gives its unit: lead, support ("Phối hợp …") or directs ("Chỉ đạo …")."""
    folded = fold(clause).strip()
    vocab = vocabulary()
    if any(folded.startswith(w) for w in vocab.words("organisation", "role_support")):
        return "support"
    if any(w in folded for w in vocab.words("organisation", "role_lead_anywhere")):
        return "lead"
    if any(folded.startswith(w) for w in vocab.words("organisation", "role_directs")):
        return "directs"
    return "lead"


def _partners(clause: str) -> list[str]:
    """'Chủ trì, phối hợp với các đơn vị, địa phương để …' → the units it works with."""
    match = _words()["partners"].search(fold(clause))
    if not match or not any(fold(clause).startswith(w) for w in vocabulary().words("organisation", "role_lead_anywhere")):
        return []
    return split_units(clause[match.start(1) : match.end(1)])


def cross_references(found: list[Statement], tasks: Node) -> tuple[list[Assignment], list[Diagnostic]]:
    """Tasks the organisation section gives to units by citing their points."""
    assignments: list[Assignment] = []
    warnings: list[Diagnostic] = []
    for statement in found:
        if statement.closing or not statement.unit:
            continue
        matches = list(_reference().finditer(statement.text))
        if not matches:
            continue
        clause = statement.text[: matches[0].start()]
        role = role_of(clause)
        part = next((m.group("part") for m in matches if m.group("part")), tasks.label)
        for match in matches:
            refs, missing = _resolve(match, tasks, match.group("part") or part)
            for ref in refs:
                assignments.append(Assignment(ref, role, statement.unit, statement.span))
                for partner in _partners(clause):
                    assignments.append(Assignment(ref, "support", partner, statement.span))
            for cited in missing:
                warnings.append(Diagnostic(ref=statement.ref, code="missing-point", args={"cited": cited},
                                           span=statement.span))
    return assignments, warnings


def _resolve(match: re.Match, tasks: Node, part: str) -> tuple[list[str], list[str]]:
    if part.upper() != tasks.label.upper():
        return [], [f"phần {part}"]
    clause = next((c for c in tasks.children if c.label == match.group("clause")), None)
    if clause is None:
        return [], [f"khoản {match.group('clause')} phần {part}"]
    if not match.group("points"):
        return [leaf.ref for leaf in (clause.leaves() or [clause])], []
    refs, missing = [], []
    for letter in re.findall(r"[a-zđ]", match.group("points").lower()):
        point = next((p for p in clause.children if p.label == letter), None)
        if point is None:
            missing.append(f"điểm {letter} khoản {clause.label} phần {part}")
        else:
            refs.extend(leaf.ref for leaf in (point.leaves() or [point]))
    return refs, missing


def cites_tasks(clause: str) -> bool:
    """Whether a clause gives tasks of the task section by citing them ("tại điểm a khoản 1")."""
    return bool(_reference().search(clause))


@functools.cache
def _partner_words() -> dict[str, re.Pattern]:
    vocab = vocabulary()
    return {
        "with": re.compile(rf"(?<![\w])(?:{alternation(vocab.words('organisation', 'with'))})\s+"),
        "directs": re.compile(rf"^\W*(?:{alternation(vocab.words('organisation', 'role_directs'))})\s+"),
        "action": re.compile(rf"(?<![\w])(?<!cac )(?:{alternation(vocab.words('organisation', 'action_verbs'))})(?![\w])"),
    }


def partners_at(clause: str) -> list[tuple[str, int, int]]:
    """The units a clause works with ("phối hợp với Sở Nội vụ tổ chức …") or directs ("Chỉ đạo
    Đài Truyền thanh xã phát sóng …"), up to the action, with their offsets in the clause."""
    folded = fold(clause)
    words = _partner_words()
    match = words["with"].search(folded) or words["directs"].match(folded)
    if not match:
        return []
    # the action is a verb in lower case: "Phát thanh", "Thông tin" with capitals belong to names
    stop = next((m for m in words["action"].finditer(folded, match.end()) if clause[m.start()].islower()), None)
    end = stop.start() if stop else len(clause)
    return [(name, match.end() + start, match.end() + finish)
            for name, start, finish in split_units_at(clause[match.end():end])
            if name[:1].isupper() or fold(name).startswith("cac ")]
