"""An office on the command line for the bounds tests: `cadence init`, the province seeded, a
plan imported (so completions have items to name), and a snapshot of every row to show a refused
command changed nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import settings

from tests.cadence.support import SAMPLES, SHARED, every_row, run_cli

# Hypothesis in these tests: few examples (the machine is shared), no deadline (a command opens
# a database), and in CI the same examples every run.
settings.register_profile("bounds", max_examples=60, deadline=None,
                          derandomize=os.environ.get("CI", "").lower() in ("true", "1"))
PLAN_READING = SHARED / "gold" / "ly-son-special-zone-2025.json"
CADENCE = [sys.executable, "-c", "from cadence.cli import main; main()"]


def prepare(tmp_path: Path, database_url: str, capsys) -> "Office":
    office = Office(tmp_path, database_url, capsys)
    assert office("init", "--database", database_url)[0] == 0
    assert office("units", "seed-province", "Quảng Ngãi")[0] == 0
    assert office("units", "import", str(SAMPLES / "units-ly-son-special-zone.toml"))[0] == 0
    code, out, err = office("plan", "import", str(PLAN_READING), "--key", "ly-son", "--now", "2025-01-02T08:00")
    assert code == 0, err
    return office


class Office:
    """``office(*args)`` runs ``cadence --config … ARGS`` in-process: (exit code, stdout, stderr)."""

    def __init__(self, folder: Path, database_url: str, capsys) -> None:
        self.folder, self.database_url, self.capsys = folder, database_url, capsys
        self.config = folder / "config.toml"

    def __call__(self, *args: str) -> tuple[int, str, str]:
        return run_cli(self.capsys, "--config", str(self.config), "--lang", "en", *args)

    def rows(self) -> dict[str, list]:
        """Every row of every table, to compare before and after a refused command."""
        return every_row(self.database_url)

    def item_ids(self) -> list[int]:
        engine = sa.create_engine(self.database_url)
        with engine.connect() as connection:
            ids = list(connection.scalars(sa.text("SELECT id FROM due_items ORDER BY id")))
        engine.dispose()
        return ids


@pytest.fixture
def office(tmp_path: Path, database_url: str, capsys, monkeypatch) -> Office:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)
    return prepare(tmp_path, database_url, capsys)


@pytest.fixture
def sqlite_office(tmp_path: Path, capsys, monkeypatch) -> Office:
    """The same office on SQLite alone: for tests that run the command many times."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)
    return prepare(tmp_path, f"sqlite:///{tmp_path / 'cadence.db'}", capsys)


def cadence(*args: str, cwd: Path, timeout: float = 60, limit_memory: int | None = None) -> tuple[int, str, str]:
    """``cadence ARGS`` in a process of its own, ended after ``timeout`` seconds (a command that
    blocks on a FIFO fails the test instead of hanging it); ``limit_memory``: its address space
    in megabytes, as a small server or a container gives it."""
    def limits() -> None:
        import resource

        size = limit_memory * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    env = {k: v for k, v in os.environ.items() if k not in ("CADENCE_CONFIG", "CADENCE_DATABASE_URL")}
    try:
        done = subprocess.run(CADENCE + list(args), capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env,
                              preexec_fn=limits if limit_memory else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"cadence {' '.join(args)} still running after {timeout} s")
    return done.returncode, done.stdout, done.stderr


def one_line(result: tuple[int, str, str], *fragments: str) -> str:
    """The command was refused: exit 2, one line on stderr, no traceback."""
    code, out, err = result
    assert code == 2 and "Traceback" not in err, (code, out, err)
    assert err.startswith("cadence: ") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err, err
    return err


def reading_json() -> dict:
    return json.loads(PLAN_READING.read_text("utf-8"))
