"""`make test` runs .ci/system-packages first. Before, the Chromium tests were skipped unless
someone had run that script by hand; now, as root or with sudo that asks no password, it installs
what is missing, and otherwise it stops with the command to run, before any test.

The second test runs the script as an ordinary user would see it: a PATH holding only `ls`,
`getent` and an `id` that answers a user's id (the one stand-in: the tests run as root here),
so every package looks missing and no sudo is there."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.cadence.support import ROOT


def test_make_test_runs_the_system_packages_step_before_pytest() -> None:
    done = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    step = next(i for i, line in enumerate(lines) if "bash .ci/system-packages" in line)
    tests = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert step < tests


def test_without_root_or_sudo_it_stops_with_the_command_to_run(tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    for tool in ("ls", "getent"):
        (bin_folder / tool).symlink_to(shutil.which(tool))
    (bin_folder / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    (bin_folder / "id").chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "PATH"} | {"PATH": str(bin_folder)}
    done = subprocess.run([shutil.which("bash"), ".ci/system-packages"], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "sudo bash .ci/system-packages" in done.stderr and "chromium" in done.stderr
    assert "installing" not in done.stdout  # it tried nothing
