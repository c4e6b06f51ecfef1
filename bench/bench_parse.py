"""Reader throughput and bounds.

Run: .venv/bin/python -m bench.bench_parse [--seconds 5] [--tasks 20000] [--memory-mb 10]

1. The five real plans: MB of plan text read per second (target ≥ 2), rules.read_plan alone
   (text already in memory).
2. Linear on any input: a generated plan with ``--tasks`` numbered tasks (bench.generated_plan),
   read once; MB/s (target ≥ 0.5), and the same for a tenth of it, to show the rate holds.
Each rate is also given on the process's own time, which other work on a shared machine moves less.
3. Peak memory reading a generated plan of ``--memory-mb`` MB (target < 100 MB), measured in a
   fresh process as the growth of its resident set (VmHWM) over what it held before reading.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from bench.generated_plan import generated_plan, plan_of_size
from rules import read_plan

PLANS = Path(__file__).resolve().parents[2] / "shared" / "plans"


def measure(texts: dict[str, str], seconds: float) -> tuple[float, int, int]:
    """(MB/s, plans read, peak bytes) reading the texts round-robin for about ``seconds``."""
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    for name, text in texts.items():  # warm the vocabulary and regex caches
        read_plan(text, file=name)
    rounds, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for name, text in texts.items():
            read_plan(text, file=name)
        rounds += 1
    elapsed = time.perf_counter() - started
    measure.cpu_rate = size * rounds / (time.process_time() - cpu) / 1e6  # the same on this process's own time
    tracemalloc.start()
    for name, text in texts.items():
        read_plan(text, file=name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return size * rounds / elapsed / 1e6, rounds * len(texts), peak


def generated_rate(tasks: int) -> tuple[float, float, int, float]:
    """(MB, seconds, activities read, seconds of this process's own time) for one reading of a
    generated plan of ``tasks`` tasks."""
    text = generated_plan(tasks)
    read_plan(generated_plan(10), file="warm.txt")
    started, cpu = time.perf_counter(), time.process_time()
    plan = read_plan(text, file="generated.txt")
    return len(text.encode("utf-8")) / 1e6, time.perf_counter() - started, len(plan.activities), time.process_time() - cpu


_MEMORY_CHILD = """
import sys
from bench.generated_plan import plan_of_size
from rules import read_plan

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
text = plan_of_size(float(sys.argv[1]))
read_plan("1. x\\n- Tần suất: 01 số/tuần\\nNăm 2025", file="warm.txt", year=2025)
before = hwm()
plan = read_plan(text, file="big.txt")
print(len(text.encode("utf-8")), len(plan.activities), before, hwm())
"""


def peak_memory(megabytes: float) -> tuple[int, int, int]:
    """(bytes of plan, activities, peak resident growth in bytes) reading a plan of that size."""
    out = subprocess.run([sys.executable, "-c", _MEMORY_CHILD, str(megabytes)], check=True,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1]).stdout.split()
    size, activities, before, after = (int(x) for x in out)
    return size, activities, after - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=Path, default=PLANS)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--tasks", type=int, default=20000)
    parser.add_argument("--memory-mb", type=float, default=10.0)
    args = parser.parse_args()
    texts = {p.name: p.read_text("utf-8") for p in sorted(args.plans.glob("*.txt"))}
    rate, count, peak = measure(texts, args.seconds)
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    print(f"parse: {len(texts)} plans, {size / 1e3:.0f} kB; {count} plans read; "
          f"{rate:.2f} MB/s (target ≥ 2; {measure.cpu_rate:.2f} MB/s of process time); peak {peak / 1e6:.1f} MB for one pass")
    for tasks in (args.tasks // 10, args.tasks):
        megabytes, seconds, activities, cpu = generated_rate(tasks)
        print(f"generated: {tasks} tasks, {megabytes:.2f} MB, {activities} activities read in {seconds:.2f} s: "
              f"{megabytes / seconds:.2f} MB/s (target ≥ 0.5; {megabytes / cpu:.2f} MB/s of process time)")
    size, activities, grown = peak_memory(args.memory_mb)
    print(f"memory: a {size / 1e6:.1f} MB plan ({activities} activities) read with {grown / 1e6:.0f} MB "
          f"peak resident growth (target < 100 MB)")


if __name__ == "__main__":
    main()
