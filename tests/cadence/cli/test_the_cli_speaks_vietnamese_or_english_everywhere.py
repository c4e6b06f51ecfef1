"""The command line speaks Vietnamese, or English on request, everywhere: its messages, its
errors, its help and click's own words ("Usage:", "Missing argument"…).

The language comes from --lang (anywhere on the line), else the configuration's `language`,
else LC_ALL, LC_MESSAGES or LANG, else Vietnamese.
"""
from __future__ import annotations

import re

import click
import pytest

from cadence.catalogue import catalogue
from cadence.cli import cli
from tests.cadence.support import run_cli

VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def _command_lines(command: click.Command = cli, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    lines = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        lines += _command_lines(sub, path + (name,))
    return lines


COMMANDS = _command_lines()


def _words(text: str) -> set[str]:
    """The words of a help text, without options, placeholders, file names and numbers."""
    text = re.sub(r"(?<!\w)-{1,2}[\w-]+|\S*[./]\S*|\[[^\]]*\]|\b[A-ZÀ-Ỹ_]{2,}\b", " ", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)}


# Words the two languages' help share that belong to neither: the program's name, the values
# options take as typed (roles, a configuration key), and the abbreviations both use.
# Command names are typed as they are, in both.
SHARED = {"cadence", "coordinator", "admin", "leader", "language", "lang", "sqlalchemy", "json", "icalendar", "html",
          "csv", "iso", "host", "port", "web", "units", "toml", "xlsx", "pdf", "docx", "txt", "https", "http"}
SHARED |= {word for path in COMMANDS for name in path for word in name.split("-")}
# The outbox's filters as typed: message states, kinds and channels.
SHARED |= {"pending", "sending", "sent", "failed", "stale", "cancelled", "daily", "digest", "link", "alert", "email",
           "sms"}


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "cadence")
def test_every_help_is_vietnamese_by_default_and_english_on_request(capsys, path):
    code, vi, _ = run_cli(capsys, *path, "--help")
    assert code == 0 and vi.startswith("Cách dùng: cadence") and "Tùy chọn:" in vi
    assert "Hiện hướng dẫn này rồi thoát." in vi
    code, en, _ = run_cli(capsys, "--lang", "en", *path, "--help")
    assert code == 0 and en.startswith("Usage: cadence") and "Show this message and exit." in en
    data = re.compile(r'"[^"]*"|\[[^\]]*\]')  # a plan's wording quoted as an example, a default value
    assert not VIETNAMESE.search(data.sub("", " ".join(en.split()))), en
    english_in_vietnamese = _words(vi) & _words(en) - SHARED
    assert english_in_vietnamese == set(), vi
    for text in catalogue("en").values():  # none of click's own English, nor ours
        if text.startswith(("Usage", "Options", "Commands", "Show this", "default:", "required")):
            assert text not in vi


@pytest.mark.parametrize("where", ["first", "last"])
def test_lang_may_stand_anywhere_on_the_line(capsys, where):
    args = ["--lang", "en", "plan", "import"] if where == "first" else ["plan", "import", "--lang=en"]
    code, out, err = run_cli(capsys, *args)
    assert (code, out) == (2, "")
    assert err == "cadence: Missing argument 'PLAN'. (see `cadence plan import --help`)\n"


def test_a_usage_error_is_one_line_in_each_language(capsys):
    code, _, err = run_cli(capsys, "due", "--colour")
    assert code == 2 and err.startswith("cadence: Không có tùy chọn '--colour'.") and err.count("\n") == 1
    code, _, err = run_cli(capsys, "due", "--colour", "--lang", "en")
    assert code == 2 and err.startswith("cadence: No such option '--colour'.") and err.count("\n") == 1
    code, _, err = run_cli(capsys, "due", "--limit", "0")
    assert code == 2 and err.startswith("cadence: Giá trị không hợp lệ cho '--limit': 0 nằm ngoài khoảng x>=1.")
    code, _, err = run_cli(capsys, "nope")
    assert code == 2 and err == "cadence: Không có lệnh 'nope'. (xem `cadence --help`)\n"


def test_an_error_of_cadence_is_one_line_in_each_language(capsys, tmp_path):
    config = str(tmp_path / "config.toml")
    assert run_cli(capsys, "--config", config, "init")[0] == 0
    wrong = ("--config", config, "due", "--from", "2025-09-10", "--to", "2025-09-01")
    assert run_cli(capsys, *wrong) == (2, "", "cadence: --from 2025-09-10 sau --to 2025-09-01\n")
    assert run_cli(capsys, *wrong, "--lang", "en") == (2, "", "cadence: --from 2025-09-10 is after --to 2025-09-01\n")
    missing = ("--config", str(tmp_path / "none.toml"), "due")
    assert run_cli(capsys, *missing)[2] == f"cadence: {tmp_path / 'none.toml'}: không có tệp cấu hình; tạo tệp bằng `cadence init`\n"
    assert run_cli(capsys, "--lang", "en", *missing)[2].endswith(": no configuration file; create one with `cadence init`\n")


def test_a_lang_that_is_neither_is_refused(capsys):
    assert run_cli(capsys, "--lang", "fr", "due") == (2, "", "cadence: --lang: cần một trong các giá trị 'vi', 'en', nhưng có 'fr'\n")


def _config_in(folder, language: str) -> str:
    path = folder / "config.toml"
    path.write_text(f'language = "{language}"\n', encoding="utf-8")
    return str(path)


def test_the_configuration_outranks_the_environment_and_the_option_outranks_both(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    config = _config_in(tmp_path, "en")
    assert run_cli(capsys, "--config", config, "plan", "import")[2].startswith("cadence: Missing argument")
    assert run_cli(capsys, "--config", config, "--lang", "vi", "plan", "import")[2].startswith("cadence: Thiếu đối số")
    monkeypatch.setenv("CADENCE_CONFIG", config)  # the file named by the environment counts as well
    assert run_cli(capsys, "plan", "import")[2].startswith("cadence: Missing argument")


@pytest.mark.parametrize("environment, language", [
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_GB"}, "en"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "C.UTF-8"}, "vi"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, "vi"),  # LC_ALL first, as POSIX reads them
    ({"LANG": "vi_VN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "vi"),  # the first one set decides
    ({}, "vi"),
])
def test_without_option_or_configuration_the_environment_decides(capsys, tmp_path, monkeypatch, environment, language):
    monkeypatch.chdir(tmp_path)  # no config.toml here
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    err = run_cli(capsys, "plan", "import")[2]
    assert err.startswith("cadence: Missing argument" if language == "en" else "cadence: Thiếu đối số")


def test_a_broken_configuration_is_reported_in_the_language_chosen_without_it(capsys, tmp_path, monkeypatch):
    (tmp_path / "config.toml").write_text('language = "en"\n[schedule\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, _, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "due")
    assert code == 2 and err.startswith("cadence: ") and ": not valid TOML (" in err
