"""Accuracy of the reader on the corpus of real wordings, by category.

Run: .venv/bin/python -m bench.score_wordings [--verbose] [--category C]
A row reads right when its rules (as a multiset, equivalent forms equal) and its window agree
with the row's expected reading; ``--verbose`` lists each misreading with what was read.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter

from bench.wordings import CATEGORIES, read, rows


def _brief(rules: list[dict]) -> str:
    keep = ("count", "per", "every", "kind", "channel", "approx", "duration_min", "declared_total", "on",
            "weekdays", "day_of_month", "week_of_month", "time")
    defaults = {"every": 1, "kind": "produce", "approx": False}
    return json.dumps([{k: r[k] for k in keep if r.get(k) not in (None, defaults.get(k))} for r in rules],
                      ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--category", choices=CATEGORIES)
    args = parser.parse_args()
    right, total, wrong = Counter(), Counter(), []
    for row in rows():
        if args.category and row.category != args.category:
            continue
        result = read(row)
        total[row.category] += 1
        right[row.category] += result.right
        if not result.right:
            wrong.append(result)
    print("| category | rows | right | accuracy |\n|---|---|---|---|")
    for category in CATEGORIES:
        if total[category]:
            print(f"| {category} | {total[category]} | {right[category]} | {right[category] / total[category]:.1%} |")
    all_rows, all_right = sum(total.values()), sum(right.values())
    print(f"| all | {all_rows} | {all_right} | {all_right / max(all_rows, 1):.1%} |")
    if args.verbose:
        for result in wrong:
            window = result.parsed["window"]
            print(f"\n{result.row.where} [{result.row.category}] {result.row.text}")
            print(f"  expected: {_brief(result.row.expected['rules'])} window {result.row.expected['window']}")
            print(f"  read:     {_brief(result.parsed['rules'])} window "
                  f"{ {'start': window['start'], 'end': window['end']} if window else None}")


if __name__ == "__main__":
    main()
