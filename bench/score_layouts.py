"""Scores the five real plans laid out as offices send them against their gold readings: tasks in
tables (three styles: merged lead cells and heading rows; two header rows, column numbers and
the header repeated; an appendix after the signature), Word's automatic numbering, .doc, .odt
and .rtf made by LibreOffice, PDFs with a text layer made from the tables, and image-only scans
rendered from the text (at 300 dpi, as offices scan, and at 200) and recognised by Tesseract.

Run: .venv/bin/python -m bench.score_layouts [--only table,scan] [--plans NAME,…]
Needs LibreOffice, Tesseract (vie) and poppler-utils (bash .ci/system-packages installs them).
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from cadence.sources import read_plan_file
from rules.scoring import score_plan
from tests.support.layouts import STYLES, convert, write_numbered_docx, write_scan, write_table_docx

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _numbered(folder: Path, name: str, text: str) -> Path:
    return write_numbered_docx(folder / f"{name}.numbered.docx", text)


def _table(style: str):
    return lambda folder, name, text: write_table_docx(folder / f"{name}.{style}.docx", text, STYLES[style])


def _converted(make, fmt: str):
    return lambda folder, name, text: convert(make(folder, name, text), fmt, folder / fmt)


def _scan(dpi: int):
    return lambda folder, name, text: write_scan(folder / f"{name}.scan-{dpi}.pdf", text, dpi=dpi)


VARIANTS = {
    "table": _table("table"),
    "table-two-headers": _table("table-two-headers"),
    "table-appendix": _table("table-appendix"),
    "numbered": _numbered,
    "doc (numbered)": _converted(_numbered, "doc"),
    "odt (numbered)": _converted(_numbered, "odt"),
    "doc (table)": _converted(_table("table"), "doc"),
    "odt (table-two-headers)": _converted(_table("table-two-headers"), "odt"),
    "rtf (table)": _converted(_table("table"), "rtf"),
    "pdf (table)": _converted(_table("table"), "pdf"),
    "pdf (table-two-headers)": _converted(_table("table-two-headers"), "pdf"),
    "pdf (table-appendix)": _converted(_table("table-appendix"), "pdf"),
    "scan": _scan(300),
    "scan (200 dpi)": _scan(200),
}


def share(gold: dict, path: Path) -> tuple[int, int, str]:
    """Gold fields read right, of every gold field (a task not found counts all its fields
    wrong), and the tasks found, expected and read in excess."""
    score = score_plan(gold, read_plan_file(path).to_json())
    right = sum(r for r, _ in score.fields.values())
    tasks = f"{score.activities.found}/{score.activities.expected} tasks" + (
        f", {score.activities.extra} extra" if score.activities.extra else "")
    return right, score.activities.expected * len(score.fields), tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated variants (default: all)")
    parser.add_argument("--plans", help="comma-separated plan names (default: the five)")
    args = parser.parse_args()
    variants = args.only.split(",") if args.only else list(VARIANTS)
    plans = sorted(p.stem for p in (SHARED / "gold").glob("*.json"))
    if args.plans:
        plans = [p for p in plans if p in args.plans.split(",")]
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    print("| variant | " + " | ".join(plans) + " | all | seconds |")
    print("|---" * (len(plans) + 3) + "|")
    with tempfile.TemporaryDirectory(prefix="score-layouts-") as folder:
        work = Path(folder)
        for variant in variants:
            started, cells, right_all, total_all = time.monotonic(), [], 0, 0
            for name in plans:
                gold = json.loads((SHARED / "gold" / f"{name}.json").read_text("utf-8"))
                text = (SHARED / "plans" / f"{name}.txt").read_text("utf-8")
                path = VARIANTS[variant](work, name, text)
                right, total, tasks = share(gold, path)
                right_all, total_all = right_all + right, total_all + total
                cells.append(f"{right / total:.3f} ({tasks})")
            seconds = time.monotonic() - started
            print(f"| {variant} | " + " | ".join(cells) + f" | {right_all / total_all:.3f} | {seconds:.0f} |", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
