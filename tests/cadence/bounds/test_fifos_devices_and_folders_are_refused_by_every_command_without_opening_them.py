"""Every command that reads a file a person names refuses a FIFO, a device and a folder in one
line, exit status 2, before opening it: opening a FIFO to read blocks until someone writes to it
(`cadence plan import` on one hung forever), and a device never ends. Each command runs in a
process of its own with a time limit, so a command that opens the FIFO fails the test instead of
hanging it."""
import os
from pathlib import Path

import pytest

from tests.cadence.bounds.conftest import cadence, one_line

COMMANDS = {  # each command that reads a file, with the file's usual suffix
    "parse": (("parse",), ".txt"),
    "plan import": (("plan", "import"), ".txt"),
    "plan import of a reading": (("plan", "import"), ".json"),
    "units import": (("units", "import"), ".toml"),
    "contacts import": (("units", "contacts", "import"), ".csv"),
    "done --csv": (("done", "--csv"), ".csv"),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    code, _, err = cadence("--config", str(tmp_path / "config.toml"), "init", cwd=tmp_path)
    assert code == 0, err
    return tmp_path


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_without_being_opened(folder: Path, command: str) -> None:
    words, suffix = COMMANDS[command]
    fifo = folder / f"named-pipe{suffix}"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it to read would wait forever
    result = cadence("--config", str(folder / "config.toml"), "--lang", "en", *words, str(fifo), cwd=folder, timeout=60)
    one_line(result, str(fifo), "not a regular file")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_is_refused(folder: Path, command: str) -> None:
    words, _ = COMMANDS[command]
    one_line(cadence("--config", str(folder / "config.toml"), "--lang", "en", *words, "/dev/zero", cwd=folder),
             "/dev/zero", "not a regular file")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_is_refused(folder: Path, command: str) -> None:
    words, _ = COMMANDS[command]
    inside = folder / "a-folder.csv"
    inside.mkdir()
    code, out, err = cadence("--config", str(folder / "config.toml"), "--lang", "en", *words, str(inside), cwd=folder)
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1, err


def test_a_fifo_named_as_the_configuration_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    one_line(cadence("--config", str(fifo), "--lang", "en", "due", cwd=tmp_path, timeout=60), str(fifo),
             "not a regular file")


def test_a_fifo_named_as_a_secret_file_is_refused_without_being_opened(folder: Path) -> None:
    fifo = folder / "smtp-password"
    os.mkfifo(fifo)
    config = folder / "config.toml"
    text = config.read_text("utf-8").replace('transport = "outbox"', 'transport = "smtp"', 1)
    text = text.replace('base_url = ""', 'base_url = "https://nhacviec.example.org"', 1)
    text = text.replace('username = ""', 'username = "vanthu"', 1).replace('password_file = ""', f'password_file = "{fifo}"', 1)
    config.write_text(text, encoding="utf-8")
    one_line(cadence("--config", str(config), "--lang", "en", "tick", "--now", "2025-09-15T08:00", cwd=folder,
                     timeout=60), str(fifo), "not a regular file")
