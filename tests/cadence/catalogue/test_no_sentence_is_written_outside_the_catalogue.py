"""Every word a person reads comes from the catalogue: no Vietnamese or English sentence is
written in Cadence's code or templates.

The code is read as Python (ast): a string constant is a sentence when it holds a Vietnamese
letter, or two words with a space between them. Keys ("errors.items.no-item"), file names,
format patterns and URLs hold no such thing. Not read: docstrings and comments (for the people
who work on Cadence), logger calls (the operators' log, in English as the libraries' logs are),
SQL, and the message of an exception raised for a bug (TypeError, ValueError, RuntimeError…,
which the command line never turns into a line for a person: it only says CadenceError, a
plan's read error and click's usage errors, all said from the catalogue).

Templates are read as text: between Jinja's tags and HTML's tags there may be punctuation,
numbers and the name Cadence, never a word.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.cadence.support import ROOT

CADENCE = ROOT / "cadence"
SENTENCE = re.compile(r"[À-ỹĐđ]|\b[^\W\d_]{2,}\s+[^\W\d_]{2,}\b")
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|PRAGMA|IS NOT NULL|IS NULL|ORDER BY|ON CONFLICT|"
                 r"FROM|AND|WHERE)\b")
LOGGERS = {"log", "logger", "logging"}
BUG_ERRORS = {"TypeError", "ValueError", "RuntimeError", "KeyError", "AssertionError", "NotImplementedError"}

# Not read, and why:
SKIPPED = {
    "catalogue": "the catalogue itself",
    "migrations": "the schema's history: written once, read by no person",
    "sources.py": "reading plan files: its words are the [documents] table's, the documents' work",
    "sources": "the same, once reading plan files is a package",
    "labels.py": "the items' state words, until the [states] table (one definition of a state) holds them",
}
# Strings that are not words for a person, and why:
ALLOWED = {
    ("units/model.py", "UBND cấp xã"): "the communes' group as plans name it, matched against plan text",
    ("units/seed.py", "Chính quyền địa phương"): "a name plans give the communes' group",
    ("units/seed.py", "Chính quyền địa phương cấp xã"): "a name plans give the communes' group",
    ("units/seed.py", "UBND các xã, phường, đặc khu"): "a name plans give the communes' group",
    ("units/seed.py", "UBND xã, phường, đặc khu"): "a name plans give the communes' group",
    ("units/seed.py", "Các xã, phường, đặc khu"): "a name plans give the communes' group",
    ("units/seed.py", "Đài Truyền thanh cấp xã"): "a name plans give the communes' group",
    ("units/seed.py", "thanh pho "): "a prefix folded off province names",
    ("units/names.py", r"\s*;\s*|\s+và\s+|\s+va\s+"): "the pattern that splits \"A và B\" in plan text",
    ("store/session.py", "database is locked"): "SQLite's own message, recognised to retry",
    ("store/session.py", "deadlock detected"): "PostgreSQL's own message, recognised to retry",
    ("store/session.py", "could not serialize"): "PostgreSQL's own message, recognised to retry",
    ("store/session.py", "database is busy"): "SQLite's own message, recognised as a busy database",
    ("store/session.py", "lock timeout"): "PostgreSQL's own message, recognised as a busy database",
    ("store/session.py", "could not obtain lock"): "PostgreSQL's own message, recognised as a busy database",
    ("store/session.py", "database or disk is full"): "SQLite's own message, recognised as a full database",
    ("store/session.py", "no space left on device"): "the system's own message, recognised as a full disk",
    ("store/session.py", "disk full"): "a driver's own message, recognised as a full disk",
    ("store/session.py", "could not extend file"): "PostgreSQL's own message, recognised as a full disk",
    ("store/backup.py", "no such table"): "SQLite's own message, recognised as a file that is no backup",
}


def _python_files() -> list[Path]:
    return sorted(p for p in CADENCE.rglob("*.py") if not any(part in SKIPPED for part in p.relative_to(CADENCE).parts))


def _not_read(tree: ast.AST) -> set[int]:
    """Docstrings, logger calls, summaries for the log, SQL and bugs' messages."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Call) and _is_log_or_bug(node):
            skipped |= {id(sub) for sub in ast.walk(node)}
        if isinstance(node, ast.FunctionDef) and node.name == "summary" and _returns_log_line(node):
            skipped |= {id(sub) for sub in ast.walk(node)}
    return skipped


def _is_log_or_bug(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOGGERS:
        return True
    return isinstance(func, ast.Name) and func.id in BUG_ERRORS


def _returns_log_line(function: ast.FunctionDef) -> bool:
    docstring = ast.get_docstring(function) or ""
    return "log line" in docstring


def _sentences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped, where = _not_read(tree), path.relative_to(CADENCE).as_posix()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            text = node.value
            if SENTENCE.search(text) and not SQL.search(text) and (where, text) not in ALLOWED:
                found.append(f"{where}:{node.lineno}: {text!r}")
    return found


def test_no_sentence_is_written_in_the_code():
    found = [line for path in _python_files() for line in _sentences(path)]
    assert found == []


def test_the_allowed_strings_are_still_there():
    """An allowance for a string that is gone is an allowance waiting to hide a sentence."""
    sources = {where: (CADENCE / where).read_text(encoding="utf-8") for where, _ in ALLOWED}
    stale = [(where, text) for where, text in ALLOWED if repr(text)[1:-1] not in sources[where]
             and text not in sources[where]]
    assert stale == []


TEMPLATE_NOISE = [re.compile(p, re.DOTALL) for p in (r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}", r"<!--.*?-->",
                                                     r"<style.*?</style>", r"<[^>]*>", r"&\w+;")]
NOT_WORDS = {"Cadence", "Excel", "XLSX", "CSV",  # a name, and file formats offered by their names
             "narrow"}  # the CSS class a page gives its <main> through a block


@pytest.mark.parametrize("template", sorted(p.relative_to(CADENCE).as_posix()
                                            for p in (CADENCE / "templates").rglob("*") if p.suffix in
                                            (".html", ".txt", ".j2")))
def test_no_word_is_written_in_a_template(template):
    text = (CADENCE / template).read_text(encoding="utf-8")
    for noise in TEMPLATE_NOISE:
        text = noise.sub(" ", text)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text) if w not in NOT_WORDS]
    assert words == []
