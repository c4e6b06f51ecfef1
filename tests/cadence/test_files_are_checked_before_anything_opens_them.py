"""A folder, a FIFO, a device or an oversized file is refused before it is opened; a program that
converts or recognises runs fenced by time and memory; every failure is one line, exit 2."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cadence.catalogue import say
from cadence.sources import Limits, read_source
from cadence.sources.bounds import TimedOut, run_bounded
from rules.model import PlanReadError

CADENCE = [sys.executable, "-c", "from cadence.cli import main; main()"]


def cadence(*args, env=None, cwd=None):
    done = subprocess.run(CADENCE + list(args), capture_output=True, text=True, timeout=120, env=env, cwd=cwd)
    return done.returncode, done.stdout, done.stderr


def assert_one_line_naming(err: str, name: str, words: str) -> None:
    assert err.count("\n") == 1 and name in err and words in err and "Traceback" not in err, err


def test_a_folder_is_refused_in_one_line(tmp_path):
    code, out, err = cadence("parse", str(tmp_path))
    assert code == 2 and out == ""
    assert_one_line_naming(err, str(tmp_path), say("documents.folder"))


def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)  # opening it for reading would block until someone writes: the check must not open it
    code, _, err = cadence("parse", str(fifo))
    assert code == 2
    assert_one_line_naming(err, str(fifo), say("documents.not-a-file"))


def test_a_device_is_refused():
    with pytest.raises(PlanReadError) as error:
        read_source("/dev/zero")
    assert error.value.code == "not-a-file"


def test_a_file_over_the_configured_size_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "plan.docx"
    big.write_bytes(b"PK" + b"\0" * 300_000)
    (tmp_path / "config.toml").write_text("[documents]\nmax_megabytes = 0.25\n", encoding="utf-8")
    code, _, err = cadence("--config", str(tmp_path / "config.toml"), "parse", str(big))
    assert code == 2
    assert_one_line_naming(err, str(big), say("documents.too-large", size=0.3, limit=0.25))


def test_the_size_limit_defaults_to_twenty_megabytes():
    assert Limits().max_megabytes == 20


def test_without_libreoffice_a_doc_file_says_in_vietnamese_what_to_install(tmp_path):
    doc = tmp_path / "plan.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    bare = tmp_path / "bin"
    bare.mkdir()  # a PATH with no LibreOffice on it
    env = dict(os.environ, PATH=str(bare))
    code, _, err = cadence("parse", str(doc), env=env)
    assert code == 2
    assert_one_line_naming(err, str(doc), say("documents.no-libreoffice", suffix=".doc"))
    assert "libreoffice-writer-nogui" in err


def test_a_program_past_its_time_is_ended_with_its_children(tmp_path):
    marker = tmp_path / "child-alive"
    script = f"sleep 30 & echo $! > {marker}; wait"
    with pytest.raises(TimedOut):
        run_bounded(["sh", "-c", script], seconds=0.5, memory_megabytes=512)
    child = int(marker.read_text())
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]


def test_a_program_over_its_memory_limit_fails_instead_of_taking_the_machine():
    grab = [sys.executable, "-c", "b = bytearray(400 * 1024 * 1024); print('took it')"]
    done = run_bounded(grab, seconds=60, memory_megabytes=200)
    assert done.returncode != 0 and b"took it" not in done.stdout
    assert run_bounded(grab, seconds=60, memory_megabytes=2048).returncode == 0


def test_a_damaged_document_of_each_format_is_one_line(tmp_path):
    for name, data, code in [("plan.xlsx", b"PK\x03\x04 xl/ broken", "bad-spreadsheet"),
                             ("plan.pdf", b"%PDF-1.4\n%%EOF\n", "bad-pdf")]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(PlanReadError) as error:
            read_source(path)
        assert error.value.code == code and str(path) in str(error.value)
