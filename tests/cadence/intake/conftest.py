"""A fresh office on the command line: `cadence init` on the test database, the province seeded."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.cadence.support import run_cli


@pytest.fixture
def office(tmp_path: Path, database_url: str, capsys, monkeypatch):
    """``office(*args)`` runs ``cadence ARGS`` and gives (exit code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)

    assert run("init", "--database", database_url)[0] == 0
    assert run("units", "seed-province", "Quảng Ngãi")[0] == 0
    return run
