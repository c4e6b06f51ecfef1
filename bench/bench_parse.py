"""Reader throughput on the five real plans: MB of plan text read per second (target ≥ 2).

Run: .venv/bin/python -m bench.bench_parse [--seconds 5]
Measures rules.read_plan alone (text already in memory), as the issue's target does.
"""
from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from rules import read_plan

PLANS = Path(__file__).resolve().parents[2] / "shared" / "plans"


def measure(texts: dict[str, str], seconds: float) -> tuple[float, int, int]:
    """(MB/s, plans read, peak bytes) reading the texts round-robin for about ``seconds``."""
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    for name, text in texts.items():  # warm the vocabulary and regex caches
        read_plan(text, file=name)
    rounds, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for name, text in texts.items():
            read_plan(text, file=name)
        rounds += 1
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    for name, text in texts.items():
        read_plan(text, file=name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return size * rounds / elapsed / 1e6, rounds * len(texts), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=Path, default=PLANS)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    texts = {p.name: p.read_text("utf-8") for p in sorted(args.plans.glob("*.txt"))}
    rate, count, peak = measure(texts, args.seconds)
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    print(f"parse: {len(texts)} plans, {size / 1e3:.0f} kB; {count} plans read; "
          f"{rate:.2f} MB/s (target ≥ 2); peak {peak / 1e6:.1f} MB for one pass")


if __name__ == "__main__":
    main()
