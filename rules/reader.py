"""Plan text → Plan: the tasks with their units, windows and rules; monitors; reports."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import re
from dataclasses import dataclass, field, replace

from rules.assignments import assigned_activities
from rules.carrier import carried_plan
from rules.header import read_header
from rules.model import Activity, Diagnostic, Per, Plan, PlanReadError, Rule, Scope, UnitSpans, Window
from rules.organisation import cross_references, monitors, reports, statements
from rules.outline import BlockKind, Node, read_outline
from rules.phrases import RuleCollector, unread_cadences
from rules.scope import single_scope
from rules.text import Piece, Source, clean, fold, squash
from rules.tokens import tokenize
from rules.units import cadence_notes, split_units_at
from rules.vocabulary import alternation, vocabulary, word_pattern
from rules.windows import WindowReading, find_window, read_window

_FIRST_SENTENCE = re.compile(r"^(.*?)(?:[.:](?:\s|$)|$)")


def _title(text: str) -> str:
    match = _FIRST_SENTENCE.match(squash(text))
    return match.group(1).strip() if match else squash(text)


def _section(root: Node, names: tuple[str, ...]) -> Node | None:
    for node in root.children:
        folded = fold(node.head)
        if any(name in folded for name in names):
            return node
    return None


def _label_count(node: Node) -> int:
    return sum(1 for n in node.walk() for b in n.blocks if b.kind is BlockKind.LABEL)


def _task_section(root: Node, file: str) -> Node:
    """The part that lists the tasks: by its name, or else the part with most task labels."""
    vocab = vocabulary()
    named = [n for n in root.children if any(w in fold(n.head) for w in vocab.words("sections", "tasks"))]
    organisation = vocab.words("sections", "organisation")
    named = [n for n in named if not any(w in fold(n.head) for w in organisation)]
    candidates = named or [n for n in root.children if _label_count(n)]
    if not candidates:
        raise PlanReadError("no-task-section", file=file)
    return max(candidates, key=lambda n: (_label_count(n), n in named))


@dataclass
class _TaskReading:
    """What one task's text says, gathered block by block."""

    node: Node
    year: int
    collector: RuleCollector
    fields: dict = field(default_factory=lambda: {"lead": [], "support": [], "directs": []})
    spans: dict = field(default_factory=lambda: {"lead": [], "support": [], "directs": []})
    time: WindowReading | None = None
    text_window: Window | None = None
    warnings: list[Diagnostic] = field(default_factory=list)

    def read(self) -> None:
        self._read_text(self.node.piece)
        for block in self.node.blocks:
            if block.kind is BlockKind.LABEL:
                self._read_label(block)
            else:
                self._read_text(block.piece, bullet=block.kind is BlockKind.BULLET)

    def _read_text(self, piece: Piece, bullet: bool = False) -> None:
        text = piece.text
        found = self.collector.add_piece(text, bullet=bullet, locate=piece.span)
        for item in found:
            if item.per is Per.YEAR and (item.bare_each or item.on) and self.text_window is None:
                words = _each_year().search(self.collector.last_tokens.folded, item.start, item.end + 1)
                written = text[words.start():words.end()] if words else text[item.start : item.end]
                self.text_window = Window(start=dt.date(self.year, 1, 1), end=dt.date(self.year, 12, 31), text=written)
        self._warn_unperiodic(piece, found)
        if not self.collector.last_tokens.tags:
            return
        for start, end in unread_cadences(text, found, self.collector.last_tokens):
            self._warn("cadence-unread", piece.span(start, end), words=squash(text[start:end]))

    def _warn_unperiodic(self, piece: Piece, found) -> None:
        text = piece.text
        folded = self.collector.last_tokens.folded
        for match in word_pattern(vocabulary().words("cadence", "periodic")).finditer(folded):
            if not any(0 <= f.start - match.end() <= 40 for f in found):
                end = min(len(text), match.end() + 60)
                self._warn("periodic-no-period", piece.span(match.start(), end), words=squash(text[match.start():end]))

    def _read_label(self, block) -> None:
        piece = block.piece
        whole = _Lazy(lambda: piece.span(0, len(piece.text.rstrip())))
        if block.field in self.fields:
            for name, start, end in split_units_at(piece.text):
                self.fields[block.field].append(name)
                self.spans[block.field].append(piece.span(start, end))
            for note, start, end in cadence_notes(block.text):
                self.collector.add_total_note(note, piece.span(start, end))
        elif block.field == "time":
            self.time = read_window(block.text, self.year)
            if self.time is not None and self.time.window is not None:
                self.time = WindowReading(replace(self.time.window, span=whole()), self.time.ongoing)
            if self.time is None and block.text.strip():
                self._warn("time-unread", whole(), words=block.text.strip())
        elif block.field == "frequency":
            if not self.collector.add_piece(block.text, locate=piece.span) and _has_words(block.text):
                self._warn("frequency-unread", whole(), words=block.text.strip())

    def _warn(self, code: str, span=None, **args) -> None:
        self.warnings.append(Diagnostic(ref=self.node.ref, code=code, args=args, span=span))


class _Lazy:
    """A value worked out the first time it is asked for."""

    def __init__(self, make):
        self._make, self._value, self._made = make, None, False

    def __call__(self):
        if not self._made:
            self._value, self._made = self._make(), True
        return self._value


@functools.cache
def _each_year() -> re.Pattern:
    vocab = vocabulary()
    return re.compile(rf"(?:{alternation(vocab.words('cadence', 'each'))})\s+(?:{alternation(vocab.words('cadence', 'periods', 'year'))})")


@functools.cache
def _channel_heading() -> re.Pattern:
    return re.compile(rf"\s*(?:(?:{alternation(vocabulary().words('channel_names', 'lead'))})\s+)?[\w\s]+:\s*")


def _has_words(text: str) -> bool:
    """Whether a frequency field says something (not only "Trên kênh phát thanh:")."""
    folded = fold(text)
    return bool(re.search(r"\w{2,}", folded)) and not _channel_heading().fullmatch(folded)


def _scope(node: Node, plan_scope: Scope | None) -> Scope | None:
    """From the nearest part that names one domain, else the plan's title, else the task."""
    parent = node.parent
    while parent is not None and parent.marker is not None:
        if scope := single_scope(parent.head):
            return scope
        parent = parent.parent
    if plan_scope is not None:
        return plan_scope
    text = " ".join([node.text] + [b.text for b in node.blocks if b.kind is not BlockKind.LABEL])
    return single_scope(text)


def _activity(node: Node, year: int, plan_scope: Scope | None) -> tuple[Activity, list[Diagnostic]]:
    reading = _TaskReading(node, year, RuleCollector(ref=node.ref))
    reading.read()
    rules, rule_warnings = reading.collector.finish()
    window, ongoing = (reading.time.window, reading.time.ongoing) if reading.time else (reading.text_window, False)
    if window is None and reading.time is None:
        window = _heading_window(node, year)
    activity = Activity(
        ref=node.ref,
        title=_title(node.text),
        scope=_scope(node, plan_scope),
        lead=reading.fields["lead"],
        support=reading.fields["support"],
        directs=reading.fields["directs"],
        window=window,
        ongoing=ongoing,
        rules=rules,
        line=node.line,
        spans=UnitSpans(title=node.piece.span(0, len(_title(node.text))), **reading.spans),
    )
    return activity, reading.warnings + rule_warnings


def _heading_window(node: Node, year: int) -> Window | None:
    """A date written in the task's heading ("… trong Quý III/2025") where it has no time field:
    a stretch starting in the plan's year, no longer than a year; a decision's or a law's date, a
    target or a stage of years ("giai đoạn 2022 - 2025") never is."""
    text = node.piece.text
    window = find_window(text, year)
    if window is None or not (dt.date(year, 1, 1) <= window.start <= dt.date(year, 12, 31)):
        return None
    if (window.end - window.start).days > 366:
        return None
    start = text.find(window.text) if window.text else -1
    return replace(window, span=node.piece.span(start, start + len(window.text)) if start >= 0 else None)


def _assign(activities: list[Activity], assignments) -> list[Activity]:
    by_ref = {a.ref: a for a in activities}
    for assignment in assignments:
        activity = by_ref.get(assignment.activity_ref)
        if activity is None:
            continue
        units = getattr(activity, assignment.role)
        if assignment.unit not in units:
            spans = replace(activity.spans, **{assignment.role: getattr(activity.spans, assignment.role) + (assignment.span,)})
            by_ref[activity.ref] = replace(activity, **{assignment.role: units + (assignment.unit,)}, spans=spans)
    return [by_ref[a.ref] for a in activities]


def _misread_numbers(root: Node, source: Source) -> list[Diagnostic]:
    """Headings whose number OCR misread, read as the number their siblings expect."""
    return [Diagnostic(ref=n.ref, code="number-misread", args={"written": n.written, "read": n.label},
                       span=source.span(*n.written_at))
            for n in root.walk() if n.written]


def _no_lead_warnings(activities: list[Activity]) -> list[Diagnostic]:
    return [Diagnostic(ref=a.ref, code="no-lead", span=a.spans.title) for a in activities if not a.lead]


def read_plan(text: str, *, file: str = "", year: int | None = None) -> Plan:
    """Read a whole plan. Problems the reader can live with become warnings on the Plan.

    The cycle collector rests while a plan is read: the reading only adds objects (the heading
    tree points back to its parents), and on a plan of tens of thousands of tasks its repeated
    passes over them cost more than the reading itself."""
    with _collector_paused():
        return _read_plan(text, file=file, year=year)


@contextlib.contextmanager
def _collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_plan(text: str, *, file: str, year: int | None) -> Plan:
    if not text.strip():
        raise PlanReadError("empty", file=file)
    text = carried_plan(text)  # a decision or a letter that carries the plan: blanked, offsets kept
    source = Source(text)
    root = read_outline(source)
    if not root.children:
        raise PlanReadError("no-parts", file=file)
    tasks = _task_section(root, file)
    header = read_header(text, root.children[0].line)
    plan_year = header.year or year
    if plan_year is None:
        raise PlanReadError("no-year", file=file)
    activities, warnings = [], _misread_numbers(root, source)
    for leaf in tasks.leaves() or [tasks]:
        activity, found = _activity(leaf, plan_year, single_scope(header.title))
        activities.append(activity)
        warnings.extend(found)
    found_monitors, found_reports = [], []
    organisation = _section(root, vocabulary().words("sections", "organisation"))
    if organisation is not None:  # who follows up, who reports, and tasks given by citation
        duties = statements(organisation)
        assignments, reference_warnings = cross_references(duties, tasks)
        activities = _assign(activities, assignments)
        activities += assigned_activities(organisation, plan_year, single_scope(header.title))
        warnings += reference_warnings
        found_monitors, found_reports = monitors(duties), reports(duties, header.issuer)
    return Plan(file=file, title=header.title, issuer=header.issuer, year=plan_year,
                activities=activities, monitors=found_monitors, reports=found_reports,
                warnings=warnings + _no_lead_warnings(activities))


@functools.cache
def _time_words() -> frozenset[str]:
    """A phrase made only of these words is a time field ("Thường xuyên trong năm 2025")."""
    vocab = vocabulary()
    phrases = vocab.words("windows", "ongoing") + vocab.words("windows", "in") + vocab.words("windows", "year")
    return frozenset(word for phrase in phrases for word in phrase.split())


@dataclass(frozen=True)
class PhraseReading:
    """What one phrase says: the rules it states and the window it names."""

    rules: tuple[Rule, ...]
    window: Window | None
    ongoing: bool
    warnings: tuple[Diagnostic, ...]

    def to_json(self) -> dict:
        window = self.window.to_json() | {"ongoing": self.ongoing} if self.window else None
        return {"rules": [r.to_json() for r in self.rules], "window": window,
                "warnings": [w.to_json() for w in self.warnings]}


def read_phrase(text: str, *, year: int) -> PhraseReading:
    """Read one wording, as a user checks it: a time ("Quý III/2025"), a cadence, or both.
    Spans are offsets in the phrase (line 1)."""
    source = Source(text)
    cleaned = source.cleaned
    folded = fold(squash(cleaned)).rstrip(". ")
    label = read_window(cleaned, year)
    if label and label.ongoing and {w for w in re.findall(r"\w+", folded) if not w.isdigit()} <= _time_words():
        return PhraseReading((), replace(label.window, span=source.span(0, len(cleaned.rstrip()))), True, ())
    piece = Piece.of(cleaned, 0, source)
    tokens = tokenize(cleaned)
    collector = RuleCollector(ref=None)
    collector.add_piece(cleaned, locate=piece.span, tokens=tokens)
    rules, warnings = collector.finish()
    warnings += [Diagnostic(ref=None, code="cadence-unread", args={"words": squash(cleaned[s:e])}, span=piece.span(s, e))
                 for s, e in unread_cadences(cleaned, collector.last_found, tokens)]
    window = find_window(cleaned, year, tokens, collector.used)
    if window is not None:
        start = cleaned.find(window.text) if window.text else -1
        span = piece.span(start, start + len(window.text)) if start >= 0 else None
        window = replace(window, span=span)
    return PhraseReading(tuple(rules), window, False, tuple(warnings))
