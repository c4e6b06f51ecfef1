"""What a file must be before anything opens it, and the fence around the programs that convert
and recognise it: a time limit and a memory limit per subprocess, a size limit per file, and
limits on what a small file may unpack into (a Word or Excel file is a zip: a few kilobytes can
hold gigabytes of XML or millions of paragraphs) and on the pages of a PDF.

A plan file comes from a person (an upload, a path typed at the CLI): a FIFO would block the
reader forever, a device never ends, a folder is a mistake, and a 2 GB "plan" is an attack or an
accident. LibreOffice and Tesseract are large programs fed untrusted files; they run in their
own session so that a time-out ends them and every child they started.
"""
from __future__ import annotations

import io
import os
import resource
import signal
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cadence.sources.problems import problem
from cadence.userfiles import MEGABYTE, FileRefused, read_bytes, regular_size


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
    unpacked_megabytes: float = 200  # what the parts of a .docx or .xlsx may unpack into, together
    max_paragraphs: int = 100_000  # paragraphs of a Word body (a long plan has a few thousand)
    max_pages: int = 1000  # pages of a PDF, with a text layer or scanned

    @property
    def most_bytes(self) -> int:
        return int(self.max_megabytes * MEGABYTE)


def check_file(path: Path, limits: Limits) -> int:
    """The file's size, once it is known to be a regular file within the size limit."""
    try:
        return regular_size(path, most_bytes=limits.most_bytes, key=SIZE_KEY)
    except FileRefused as refused:
        raise _as_problem(refused) from None


def read_document(path: Path, limits: Limits) -> bytes:
    """The bytes of a plan document: a regular file, opened without blocking, never read past
    the size limit."""
    try:
        return read_bytes(path, most_bytes=limits.most_bytes, key=SIZE_KEY)
    except FileRefused as refused:
        raise _as_problem(refused) from None


SIZE_KEY = "[documents] max_megabytes"
LIMIT_WORDS = "bounds.documents"  # the catalogue section of the limits on what a document holds


def _as_problem(refused: FileRefused):
    """The plan reader's own words for a refused file (``documents.*``)."""
    fields = {k: v for k, v in refused.fields.items() if k in ("reason", "size", "limit")}
    if refused.code == "not-utf8":  # documents are decoded by the reader, never here
        return problem("undecodable", refused.path, byte=refused.fields.get("byte", 0))
    return problem(refused.code, refused.path, **fields)


def check_package(data: bytes, name: str, limits: Limits, *, body: str | None = None) -> None:
    """Refuse a zip package (.docx, .xlsx) whose parts would unpack past ``unpacked_megabytes``,
    or whose Word ``body`` part holds more than ``max_paragraphs`` paragraphs. Sizes come from
    the zip's directory, which zipfile holds every read to; paragraphs are counted while the
    XML streams by, so a bomb is refused before any tree is built."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(member.file_size for member in package.infolist())
            if unpacked > limits.unpacked_megabytes * MEGABYTE:
                raise problem("unpacked-too-large", name, section=LIMIT_WORDS, size=round(unpacked / MEGABYTE, 1),
                              limit=limits.unpacked_megabytes)
            if body and body in package.namelist():
                with package.open(body) as stream:
                    _count_paragraphs(stream, name, limits.max_paragraphs)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        return  # not a readable zip: the format's own reader says so in its words


_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _count_paragraphs(stream, name: str, most: int) -> None:
    from lxml import etree

    count = 0
    try:
        for _, element in etree.iterparse(stream, events=("end",), tag=_PARAGRAPH, resolve_entities=False):
            count += 1
            if count > most:
                raise problem("too-many-paragraphs", name, section=LIMIT_WORDS, most=most)
            element.clear(keep_tail=True)
            while element.getprevious() is not None:  # what was read is dropped as it goes
                del element.getparent()[0]
    except etree.XMLSyntaxError:
        return  # python-docx says the file is damaged, in its words


def check_pages(count: int, name: str, limits: Limits) -> None:
    if count > limits.max_pages:
        raise problem("too-many-pages", name, section=LIMIT_WORDS, pages=count, most=limits.max_pages)


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
