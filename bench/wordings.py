"""The corpus of real wordings (tests/rules/wordings/*.jsonl), read and held against each row's
expected reading; shared by ``bench.score_wordings`` and the table test."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.scoring import phrase_reads_right
from rules import read_phrase

WORDINGS = Path(__file__).resolve().parents[1] / "tests" / "rules" / "wordings"
CATEGORIES = ("cadence", "report", "window", "mixed", "negative")


@dataclass(frozen=True)
class Row:
    text: str
    year: int
    category: str
    expected: dict
    source: str
    where: str  # file:line


@dataclass(frozen=True)
class Result:
    row: Row
    parsed: dict
    right: bool


def rows(folder: Path = WORDINGS) -> Iterator[Row]:
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if line.strip():
                data = json.loads(line)
                yield Row(data["text"], int(data["year"]), data["category"], data["expected"],
                          data.get("source", ""), f"{path.name}:{number}")


def read(row: Row) -> Result:
    parsed = read_phrase(row.text, year=row.year).to_json()
    return Result(row, parsed, phrase_reads_right(row.expected, parsed))


def known_misreadings(folder: Path = WORDINGS) -> dict[str, str]:
    """Rows the reader cannot read yet: text → reason (``known_misreadings.txt``: text TAB reason)."""
    path = folder / "known_misreadings.txt"
    if not path.exists():
        return {}
    listed = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, _, reason = line.partition("\t")
            listed[text.strip()] = reason.strip()
    return listed
