"""Plan text → structured plan and recurrence rules.

Pure: no clock, no files beyond the packaged vocabulary, no database, and no import of
``cadence``. Decoding files (.txt in its encodings, .docx, .pdf) belongs to the caller.
"""
from rules.model import (
    Activity,
    Diagnostic,
    Kind,
    Monitor,
    Per,
    Plan,
    PlanReadError,
    Report,
    ReportPeriod,
    Rule,
    Scope,
    Window,
)

__all__ = [
    "Activity",
    "Diagnostic",
    "Kind",
    "Monitor",
    "Per",
    "Plan",
    "PlanReadError",
    "Report",
    "ReportPeriod",
    "Rule",
    "Scope",
    "Window",
    "read_plan",
    "read_phrase",
    "fold",
]


def __getattr__(name):  # the reader is imported lazily so the values stay cheap to import
    if name in ("read_plan", "read_phrase"):
        from rules import reader

        return getattr(reader, name)
    if name == "fold":
        from rules.text import fold

        return fold
    raise AttributeError(name)
