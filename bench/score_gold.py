"""Scores the reader on the real plans against their reference readings (shared/gold).

Run: .venv/bin/python -m bench.score_gold [--plans DIR] [--gold DIR] [--verbose]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from cadence.sources import read_plan_file
from bench.scoring import FIELDS, score_plan

SHARED = Path(__file__).resolve().parents[2] / "shared"


def score_all(plans: Path, gold: Path):
    for reference in sorted(gold.glob("*.json")):
        plan = read_plan_file(plans / reference.with_suffix(".txt").name)
        yield score_plan(json.loads(reference.read_text("utf-8")), plan.to_json())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=Path, default=SHARED / "plans")
    parser.add_argument("--gold", type=Path, default=SHARED / "gold")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    header = ["plan", "activities"] + list(FIELDS) + ["monitors R/P", "reports R/P"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for s in score_all(args.plans, args.gold):
        cells = [s.file, f"{s.activities.found}/{s.activities.expected}"]
        cells += [f"{s.fields[f][0]}/{s.fields[f][1]}" for f in FIELDS]
        cells += [f"{s.monitors.recall:.0%}/{s.monitors.precision:.0%}", f"{s.reports.recall:.0%}/{s.reports.precision:.0%}"]
        print("| " + " | ".join(cells) + " |")
        if args.verbose and s.wrong:
            print("    wrong: " + ", ".join(s.wrong))


if __name__ == "__main__":
    main()
