"""Plan text → Plan: the tasks with their units, windows and rules; monitors; reports."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from rules.header import read_header
from rules.model import Activity, Diagnostic, Per, Plan, PlanReadError, Rule, Scope, Window
from rules.organisation import cross_references, monitors, reports, statements
from rules.outline import BlockKind, Node, read_outline
from rules.phrases import RuleCollector
from rules.scope import single_scope
from rules.text import fold, squash
from rules.units import cadence_notes, split_units
from rules.vocabulary import vocabulary, word_pattern
from rules.windows import WindowReading, read_window

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
    time: WindowReading | None = None
    text_window: Window | None = None
    warnings: list[Diagnostic] = field(default_factory=list)

    def read(self) -> None:
        self._read_text(self.node.text)
        for block in self.node.blocks:
            if block.kind is BlockKind.LABEL:
                self._read_label(block)
            else:
                self._read_text(block.text, bullet=block.kind is BlockKind.BULLET)

    def _read_text(self, text: str, bullet: bool = False) -> None:
        found = self.collector.add_piece(text, bullet=bullet)
        for item in found:
            if item.per is Per.YEAR and (item.bare_each or item.on) and self.text_window is None:
                words = re.search(r"(?i)(h[ằà]ng|m[ỗo]i)\s+n[ăa]m", text[item.start : item.end + 1])
                written = words.group(0) if words else text[item.start : item.end]
                self.text_window = Window(start=dt.date(self.year, 1, 1), end=dt.date(self.year, 12, 31), text=written)
        self._warn_unperiodic(text, found)

    def _warn_unperiodic(self, text: str, found) -> None:
        folded = fold(text)
        for match in word_pattern(vocabulary().words("cadence", "periodic")).finditer(folded):
            if not any(0 <= f.start - match.end() <= 40 for f in found):
                self._warn("periodic-no-period", words=squash(text[match.start():match.end() + 60]))

    def _read_label(self, block) -> None:
        if block.field in self.fields:
            self.fields[block.field].extend(split_units(block.text))
            for note in cadence_notes(block.text):
                self.collector.add_total_note(note)
        elif block.field == "time":
            self.time = read_window(block.text, self.year)
            if self.time is None and block.text.strip():
                self._warn("time-unread", words=block.text.strip())
        elif block.field == "frequency":
            if not self.collector.add_piece(block.text) and _has_words(block.text):
                self._warn("frequency-unread", words=block.text.strip())

    def _warn(self, code: str, **args) -> None:
        self.warnings.append(Diagnostic(ref=self.node.ref, code=code, args=args))


def _has_words(text: str) -> bool:
    return bool(re.search(r"\w{2,}", fold(text))) and not re.fullmatch(r"\s*(?:tren\s+)?[\w\s]+:\s*", fold(text))


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
    )
    return activity, reading.warnings + rule_warnings


def _assign(activities: list[Activity], assignments) -> list[Activity]:
    by_ref = {a.ref: a for a in activities}
    for assignment in assignments:
        activity = by_ref.get(assignment.activity_ref)
        if activity is None:
            continue
        units = getattr(activity, assignment.role)
        if assignment.unit not in units:
            by_ref[activity.ref] = replace(activity, **{assignment.role: units + (assignment.unit,)})
    return [by_ref[a.ref] for a in activities]


def _no_lead_warnings(activities: list[Activity]) -> list[Diagnostic]:
    return [Diagnostic(ref=a.ref, code="no-lead", span=a.spans.title) for a in activities if not a.lead]


def read_plan(text: str, *, file: str = "", year: int | None = None) -> Plan:
    """Read a whole plan. Problems the reader can live with become warnings on the Plan."""
    if not text.strip():
        raise PlanReadError("empty", file=file)
    root = read_outline(text)
    if not root.children:
        raise PlanReadError("no-parts", file=file)
    tasks = _task_section(root, file)
    header = read_header(text, root.children[0].line)
    plan_year = header.year or year
    if plan_year is None:
        raise PlanReadError("no-year", file=file)
    activities, warnings = [], []
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
        warnings += reference_warnings
        found_monitors, found_reports = monitors(duties), reports(duties, header.issuer)
    return Plan(file=file, title=header.title, issuer=header.issuer, year=plan_year,
                activities=activities, monitors=found_monitors, reports=found_reports,
                warnings=warnings + _no_lead_warnings(activities))


# A phrase made only of these words is a time field ("Thường xuyên trong năm 2025").
_TIME_WORDS = {"thuong", "xuyen", "lien", "tuc", "hang", "nam", "trong", "ca"} | {str(y) for y in range(2000, 2100)}


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
    """Read one wording, as a user checks it: a time ("Quý III/2025") or a cadence."""
    folded = fold(squash(text)).rstrip(". ")
    window = read_window(text, year)
    if window and window.ongoing and set(re.findall(r"\w+", folded)) <= _TIME_WORDS:
        return PhraseReading((), window.window, True, ())
    collector = RuleCollector(ref=None)
    collector.add_piece(text)
    rules, warnings = collector.finish()
    if window and window.ongoing:  # "Hằng năm, tổ chức …" is a yearly output, not a time label
        window = WindowReading(window.window, False)
    return PhraseReading(tuple(rules), window.window if window else None,
                         window.ongoing if window else False, tuple(warnings))
