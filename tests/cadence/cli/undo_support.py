"""A small office for the completion and undo tests: the sample plan of 2026 (240 items, eight
units) imported through the real CLI into the test database, every item tracked."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cadence.support import SAMPLES, every_row, run_cli


@pytest.fixture
def office(tmp_path: Path, database_url: str, capsys, monkeypatch):
    """``office(*args)`` runs ``cadence --lang en ARGS`` against a database holding the sample plan."""
    return make_office(tmp_path, database_url, capsys, monkeypatch)


@pytest.fixture
def sqlite_office(tmp_path: Path, capsys, monkeypatch):
    """The same office in an SQLite file, ``tmp_path / "cadence.db"`` (locks and page limits are SQLite's)."""
    return make_office(tmp_path, f"sqlite:///{tmp_path / 'cadence.db'}", capsys, monkeypatch)


def make_office(tmp_path: Path, database_url: str, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), "--lang", "en", *args)

    assert run("init", "--database", database_url)[0] == 0
    assert run("units", "import", str(SAMPLES / "units-ke-hoach-mau-2026.toml"))[0] == 0
    code, _, err = run("plan", "import", str(SAMPLES / "ke-hoach-mau-2026.txt"), "--catch-up", "--from", "2026-01-01")
    assert code == 0, err
    return run


def items(office, *args: str) -> list[dict]:
    code, out, err = office("due", "--all", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def item(office, item_id: int, now: str) -> dict:
    return next(i for i in items(office, "--now", now) if i["id"] == item_id)


@pytest.fixture
def snapshot(database_url: str):
    """Every row of every table, to compare before and after a refused command."""
    return lambda: every_row(database_url)


def refused(result: tuple[int, str, str], *fragments: str, lines: int = 1) -> str:
    """One line on stderr (one per bad row of a file), exit status 2, holding every fragment."""
    code, out, err = result
    assert code == 2, (out, err)
    assert err.startswith("cadence: ") and err.count("\n") == lines and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, err
    return err
