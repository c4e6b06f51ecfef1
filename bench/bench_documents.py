"""Reading Word files: how fast a long plan with a task table is read, and our own reading of
python-docx's XML against docx2python, for correctness (the labels Word's numbering shows) and
for speed.

- speed: the province plan with its tasks in a table (34 landscape pages as LibreOffice prints
  it), read to text (cadence.sources.read_source) and to a Plan (read_plan_file); median of runs.
- numbering: the five plans typed with Word's automatic numbering. The truth is each part's
  label as typed in the plan's text ("C.", "III.", "1.2.", "đ)"); each reader's label for the
  same paragraph is compared with it, and both readers are timed on the same files.

Run: .venv/bin/python -m bench.bench_documents [--runs 5]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from cadence.sources import read_plan_file, read_source
from cadence.sources.docx import docx_blocks
from rules.layout import Paragraph
from rules.outline import read_outline
from tests.support.layouts import STYLES, printed_label, write_numbered_docx, write_table_docx

SHARED = Path(__file__).resolve().parents[2] / "shared"


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def typed_labels(text: str) -> list[str]:
    """The label of every numbered part as the plan's text prints it ("III." where OCR typed "I11.")."""
    return [printed_label(node) for node in read_outline(text).walk() if node.marker is not None]


def ours(path: Path) -> list[str]:
    return [b.label for b in docx_blocks(path.read_bytes(), str(path))
            if isinstance(b, Paragraph) and b.label and b.label not in "-+"]


def theirs(path: Path) -> list[str]:
    from docx2python import docx2python

    with docx2python(str(path)) as document:
        paragraphs = [p for table in document.body for row in table for cell in row for p in cell]
    return [p.split("\t", 1)[0] for p in paragraphs if re.match(r"^[^\s\t]{1,12}\t", p) and not p.startswith("--")]


def agreement(truth: list[str], found: list[str]) -> int:
    return sum(1 for a, b in zip(truth, found) if a == b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as folder:
        work = Path(folder)
        province = (SHARED / "plans" / "quang-ngai-province-2025.txt").read_text("utf-8")
        table = write_table_docx(work / "province-table.docx", province, STYLES["table"])
        text_seconds = median_seconds(lambda: read_source(table), args.runs)
        plan_seconds = median_seconds(lambda: read_plan_file(table), args.runs)
        activities = len(read_plan_file(table).activities)
        print(f"province plan, tasks in a table (34 pages, {table.stat().st_size // 1024} kB, {activities} tasks): "
              f"text {text_seconds:.3f} s, plan {plan_seconds:.3f} s (target < 2 s)")
        print()
        print("| plan | parts | our labels right | docx2python labels right | ours s | docx2python s |")
        print("|---|---|---|---|---|---|")
        totals = [0, 0, 0, 0.0, 0.0]
        for plan in sorted((SHARED / "plans").glob("*.txt")):
            text = plan.read_text("utf-8")
            path = write_numbered_docx(work / f"{plan.stem}.docx", text)
            truth = typed_labels(text)
            mine, other = ours(path), theirs(path)
            mine_s = median_seconds(lambda: ours(path), args.runs)
            other_s = median_seconds(lambda: theirs(path), args.runs)
            right_mine, right_other = agreement(truth, mine), agreement(truth, other)
            print(f"| {plan.stem} | {len(truth)} | {right_mine} | {right_other} | {mine_s:.3f} | {other_s:.3f} |")
            for index, value in enumerate((len(truth), right_mine, right_other, mine_s, other_s)):
                totals[index] += value
        print(f"| all | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]:.3f} | {totals[4]:.3f} |")
        example = [(t, m, o) for t, m, o in zip(truth, mine, other) if m != o][:5]
        print(f"\nlast plan, labels where the two differ (typed, ours, docx2python): {example}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
