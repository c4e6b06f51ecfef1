"""`cadence --version`, `python -m cadence`, `--config` before or after the subcommand, and
the configuration found through CADENCE_CONFIG, ./config.toml, then /etc/cadence/config.toml,
as `cadence --help` says."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from cadence.cli import config_file
from tests.cadence.support import ROOT, run_cli


def _config(folder: Path, language: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(f'language = "{language}"\n[database]\nurl = ""\n', encoding="utf-8")
    return path


def test_version_prints_the_installed_version(capsys) -> None:
    code, out, _ = run_cli(capsys, "--version")
    assert code == 0
    assert out.strip() == f"cadence {version('cadence')}"


def test_python_dash_m_cadence_is_the_same_command(tmp_path) -> None:
    done = subprocess.run([sys.executable, "-m", "cadence", "--version"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cadence {version('cadence')}"


def test_config_works_after_the_subcommand_as_before_it(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = _config(tmp_path / "office", "en")
    assert run_cli(capsys, "--config", str(config), "init")[0] == 0
    before = run_cli(capsys, "--config", str(config), "plan", "list")
    after = run_cli(capsys, "plan", "list", "--config", str(config))
    joined = run_cli(capsys, "plan", "list", f"--config={config}")
    assert before[0] == after[0] == joined[0] == 0
    assert not (tmp_path / "config.toml").exists()  # nothing fell back to ./config.toml
    assert (tmp_path / "office" / "cadence.db").exists()


def test_the_configuration_is_looked_up_in_order(tmp_path, capsys, monkeypatch) -> None:
    system = _config(tmp_path / "etc", "en")
    monkeypatch.setattr(config_file, "SYSTEM", system)
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    # Only /etc/cadence/config.toml: it is the one read (English, its language).
    assert "Missing argument" in run_cli(capsys, "units", "map")[2]
    assert config_file.find(None, {}).path == system
    # ./config.toml outranks it, CADENCE_CONFIG outranks both, --config outranks everything.
    local = _config(tmp_path, "vi")
    assert config_file.find(None, {}).path == Path("config.toml")
    assert "Thiếu đối số" in run_cli(capsys, "units", "map")[2]
    named = _config(tmp_path / "named", "en")
    monkeypatch.setenv("CADENCE_CONFIG", str(named))
    assert config_file.find(None, {"CADENCE_CONFIG": str(named)}).path == named
    assert "Missing argument" in run_cli(capsys, "units", "map")[2]
    assert "Thiếu đối số" in run_cli(capsys, "units", "map", "--config", str(local))[2]


def test_with_no_file_anywhere_the_error_names_every_place_looked(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(config_file, "SYSTEM", tmp_path / "etc" / "config.toml")
    monkeypatch.delenv("CADENCE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "--lang", "en", "plan", "list")
    assert code == 2
    assert err.startswith("cadence: no configuration file found")
    assert "CADENCE_CONFIG" in err and "config.toml" in err and str(tmp_path / "etc" / "config.toml") in err


@pytest.mark.parametrize("lang, words", [("vi", "biến môi trường CADENCE_CONFIG, rồi ./config.toml, rồi /etc/cadence/config.toml"),
                                         ("en", "CADENCE_CONFIG, then ./config.toml, then /etc/cadence/config.toml")])
def test_help_says_where_the_configuration_is_looked_for(capsys, lang, words) -> None:
    code, out, _ = run_cli(capsys, "--lang", lang, "--help")
    assert code == 0
    assert words in " ".join(out.split())
    assert "--version" in out


def test_the_source_tree_is_not_needed_to_find_the_example() -> None:
    """The example `init` copies is a file inside the package, not a path above it."""
    from cadence.config import EXAMPLE

    assert EXAMPLE.is_relative_to(ROOT / "cadence")
    assert EXAMPLE.read_text("utf-8") == (ROOT / "config.example.toml").read_text("utf-8")
