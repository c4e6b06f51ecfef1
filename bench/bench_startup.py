"""How long `cadence --help` takes, against `python -c "import click"` in the same run (target:
at most 3 times as long). Every command module is imported to list the commands, so this keeps
their start cheap: the database, the daemon, the web server and the plan reader load only when
a command runs.

Run: .venv/bin/python -m bench.bench_startup [--runs 21]
Each measurement is a fresh process, started the same way; the two are interleaved so a busy
machine slows both alike, and the median of each is compared.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 3.0


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(runs: int = 21) -> dict:
    """Median seconds of `python -c "import click"` and of `cadence --help`, and their ratio."""
    python = sys.executable
    cadence = str(Path(python).with_name("cadence"))
    commands = {"click": [python, "-c", "import click"], "help": [cadence, "--help"]}
    for command in commands.values():  # warm the file cache
        _seconds(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_seconds(command))
    click, help_ = statistics.median(times["click"]), statistics.median(times["help"])
    return {"click": click, "help": help_, "ratio": help_ / click, "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    found = measure(parser.parse_args().runs)
    print(f"startup: `cadence --help` {found['help'] * 1000:.0f} ms, `python -c \"import click\"` "
          f"{found['click'] * 1000:.0f} ms (medians of {found['runs']}): {found['ratio']:.2f} × "
          f"(target ≤ {TARGET:g}: {'met' if found['ratio'] <= TARGET else 'missed'})")


if __name__ == "__main__":
    main()
