"""Recognising a 10-page scan: the province plan's first ten pages rendered as page images (an
image-only PDF at 300 dpi, as offices scan), read by cadence.sources (pdftoppm, then Tesseract's
Vietnamese model, two pages at a time). Says how busy the machine was: the share of its 2 cores
in use during the run, and how much of that was this run's own programs.

Run: .venv/bin/python -m bench.bench_ocr [--pages 10] [--runs 1]
"""
from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from cadence.sources import Limits, read_source
from tests.support.layouts import write_scan

SHARED = Path(__file__).resolve().parents[2] / "shared"


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    text = (SHARED / "plans" / "quang-ngai-province-2025.txt").read_text("utf-8")
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        scan = write_scan(Path(folder) / "scan.pdf", text, pages=args.pages)
        for _ in range(args.runs):
            load = os.getloadavg()[0]
            busy0, total0 = cpu_jiffies()
            ours0, started = children_seconds(), time.monotonic()
            source = read_source(scan, Limits())
            seconds = time.monotonic() - started
            busy1, total1 = cpu_jiffies()
            ours = children_seconds() - ours0
            cores = os.cpu_count() or 1
            machine = (busy1 - busy0) / max(1, total1 - total0)
            print(f"{args.pages} pages ({scan.stat().st_size // 1024} kB), {len(source.text.split())} words "
                  f"recognised: {seconds:.1f} s (target < 90 s); machine busy {machine:.0%} of {cores} cores during "
                  f"the run, this run's programs {ours / (seconds * cores):.0%}; load average before {load:.2f}")


if __name__ == "__main__":
    main()
