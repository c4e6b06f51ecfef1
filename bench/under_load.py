"""Run one test file again and again while other processes keep every CPU busy; print how many
runs passed.

    .venv/bin/python -m bench.under_load tests/cadence/daemon/test_several_daemons_send_each_message_once.py --runs 20

A test that passes alone and fails on a loaded machine depends on how fast the machine is. This
script is the loaded machine: one busy process per CPU (``--burners``, default the CPU count)
spinning in pure Python for the whole series, so every process the test starts competes for
the cores. Each run is a fresh ``pytest`` process (``CI=true``: a skip counts as a failure);
the output of a failed run is kept in ``test-artifacts/under_load/`` to be read afterwards.
The figure it prints is a count of passes, not a duration: durations are printed only to show
how hard the load pressed.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

ARTIFACTS = Path("test-artifacts") / "under_load"


def burn(stop: multiprocessing.Event) -> None:
    """Pure-Python work until told to stop: a core kept busy, as another engineer's tests would."""
    total = 0
    while not stop.is_set():
        for number in range(100_000):
            total += number * number % 7


def run_once(test: str, number: int) -> tuple[bool, float, str]:
    began = time.monotonic()
    environment = os.environ | {"CI": "true"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", test],
                            capture_output=True, text=True, env=environment)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"run-{number:02d}.txt").write_text(output, encoding="utf-8")
    last = output.strip().splitlines()[-1] if output.strip() else ""
    return result.returncode == 0, time.monotonic() - began, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("test", help="the test file (or node id) to run")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--burners", type=int, default=os.cpu_count() or 2,
                        help="busy processes beside the test (default: one per CPU)")
    options = parser.parse_args(argv)
    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=burn, args=(stop,), daemon=True) for _ in range(options.burners)]
    for burner in burners:
        burner.start()
    passes = 0
    try:
        for number in range(1, options.runs + 1):
            passed, seconds, last = run_once(options.test, number)
            passes += passed
            load = os.getloadavg()[0]
            print(f"run {number:2d}/{options.runs}: {'pass' if passed else 'FAIL'} in {seconds:5.0f} s "
                  f"(load average {load:.1f}): {last}", flush=True)
    finally:
        stop.set()
        for burner in burners:
            burner.join(timeout=10)
    print(f"{passes} of {options.runs} runs passed with {options.burners} busy processes beside the test "
          f"({os.cpu_count()} CPUs): {options.test}")
    return 0 if passes == options.runs else 1


if __name__ == "__main__":
    sys.exit(main())
