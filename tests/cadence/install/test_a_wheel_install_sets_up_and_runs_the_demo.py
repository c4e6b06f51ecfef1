"""The wheel carries everything `cadence init` and `cadence demo` need: built from this tree as
CI builds it, installed in a fresh venv, and run from a folder far from the source tree.

The fresh venv gets the wheel alone (`--no-deps`); its dependencies come from this test venv's
site-packages through a .pth file, so the test needs no package registry. Python does not run
the .pth files of a folder added that way, so this tree's editable install stays out of sight:
`import cadence` finds the wheel's copy (the test checks that too).
"""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.cadence.support import ROOT


def _run(command: list, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("CADENCE_CONFIG", "PYTHONPATH")}
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=environ, **kwargs)
    assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh venv holding the wheel built from this tree."""
    work = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", work / "dist", ROOT], cwd=work)
    wheel = next((work / "dist").glob("cadence-*.whl"))
    venv.EnvBuilder(with_pip=True).create(work / "venv")
    python = work / "venv" / "bin" / "python"
    _run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], cwd=work)
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return work / "venv" / "bin"


def test_the_wheel_is_what_runs(installed, tmp_path) -> None:
    found = _run([installed / "python", "-c", "import cadence; print(cadence.__file__)"], cwd=tmp_path).stdout
    assert str(installed.parent) in found and str(ROOT) not in found


def test_init_writes_a_configuration_and_a_database_from_the_wheel(installed, tmp_path) -> None:
    _run([installed / "cadence", "init"], cwd=tmp_path)
    config = (tmp_path / "config.toml").read_text("utf-8")
    assert config == (ROOT / "config.example.toml").read_text("utf-8")
    assert (tmp_path / "cadence.db").stat().st_size > 0
    assert "cadence" in _run([installed / "cadence", "--version"], cwd=tmp_path).stdout


def test_the_demo_runs_from_the_wheel(installed, tmp_path) -> None:
    done = _run([installed / "cadence", "demo", "--to", "2026-01-20"], cwd=tmp_path)
    assert list((tmp_path / "demo" / "outbox").glob("*.eml"))
    assert list((tmp_path / "demo").glob("digest-*.html"))
    assert "Đã gửi" in done.stdout


def test_python_dash_m_cadence_runs_from_the_wheel(installed, tmp_path) -> None:
    done = _run([installed / "python", "-m", "cadence", "--lang", "en", "--help"], cwd=tmp_path)
    assert "Usage: cadence" in done.stdout
