"""What a file must be before anything opens it, and the fence around the programs that convert
and recognise it: a time limit and a memory limit per subprocess, and a size limit per file.

A plan file comes from a person (an upload, a path typed at the CLI): a FIFO would block the
reader forever, a device never ends, a folder is a mistake, and a 2 GB "plan" is an attack or an
accident. LibreOffice and Tesseract are large programs fed untrusted files; they run in their
own session so that a time-out ends them and every child they started.
"""
from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cadence.sources.problems import problem

MEGABYTE = 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class Limits:
    """How far reading a plan file may go (``[documents]`` in config.toml)."""

    max_megabytes: float = 20  # larger files are refused before they are read
    convert_seconds: int = 120  # one LibreOffice conversion (.doc, .odt, .rtf)
    ocr_seconds: int = 600  # recognising a whole scan, every page
    memory_megabytes: int = 2048  # address space of each converting or recognising process
    ocr_language: str = "vie"  # Tesseract's model(s), e.g. "vie" or "vie+eng"
    ocr_dpi: int = 300  # pages are rendered at this resolution before recognition
    ocr_workers: int = 2  # pages recognised at once


def check_file(path: Path, limits: Limits) -> int:
    """The file's size, once it is known to be a regular file within the size limit."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise problem("missing", name) from None
    except OSError as error:
        raise problem("unreadable", name, reason=error.strerror or str(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise problem("folder", name)
    if not stat.S_ISREG(info.st_mode):
        raise problem("not-a-file", name)
    if info.st_size > limits.max_megabytes * MEGABYTE:
        raise problem("too-large", name, size=round(info.st_size / MEGABYTE, 1), limit=limits.max_megabytes)
    return info.st_size


@dataclass(frozen=True)
class Finished:
    """What a bounded program left: its exit status and what it wrote."""

    returncode: int
    stdout: bytes
    stderr: bytes


class TimedOut(Exception):
    """The program ran past its time limit and was ended with all its children."""


def _limit_memory(megabytes: int):
    def apply() -> None:
        size = megabytes * MEGABYTE
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_bounded(command: list[str], *, seconds: float, memory_megabytes: int, cwd: Path | None = None,
                env: dict[str, str] | None = None) -> Finished:
    """Run ``command`` in its own session, ended (with its children) after ``seconds``."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=cwd, env=env, start_new_session=True,
                               preexec_fn=_limit_memory(memory_megabytes))
    try:
        stdout, stderr = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        _end_group(process)
        raise TimedOut(f"{command[0]} ran past {seconds:g} s") from None
    finally:
        if process.poll() is None:
            _end_group(process)
    return Finished(process.returncode, stdout, stderr)


def _end_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
