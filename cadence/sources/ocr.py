"""Scans: each page rendered to an image (poppler's pdftoppm) and recognised by Tesseract with
its Vietnamese model, a few pages at a time, each program under the limits of ``[documents]``.

Our own page loop rather than OCRmyPDF: what Cadence needs is each page's text, which Tesseract
prints directly; OCRmyPDF would build a new PDF with a text layer (through Ghostscript and
pikepdf, more programs to install and fence) that we would then read back. The loop also gives
every page its own time limit and keeps its number, so a line of text can name its page.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cadence.sources.bounds import Limits, TimedOut, run_bounded
from cadence.sources.problems import problem
from rules.layout import Paragraph

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

# Tesseract's Vietnamese model reads the I of a part number at the start of a line as a letter
# with a diacritic ("ï. QUAN ĐIỂM" for "I. QUAN ĐIỂM") or as L ("IL NHIỆM VỤ" for "II."), and
# drops the small full stop after it. The reader already takes 1, l and | for I; these are the
# readings it cannot know, mended where a line opens with such a number before capitals.
_PART_NUMBER = re.compile(r"^([IVXïíìÏÍÌL1l|]{1,5})([.,:]?)\s+(\S+)")
_AS_I = str.maketrans({c: "I" for c in "ïíìÏÍÌL"})


def mend_part_number(line: str) -> str:
    """ "ï. QUAN ĐIỂM" → "I. QUAN ĐIỂM", "IL NHIỆM VỤ" → "II. NHIỆM VỤ"; other lines as they are.
    Without its full stop a number counts only before a word in capitals, as parts are headed."""
    match = _PART_NUMBER.match(line)
    if not match or not re.search(r"[IVXïíìÏÍÌL]", match.group(1)):
        return line
    token, stop, word = match.group(1).translate(_AS_I), match.group(2), match.group(3)
    heading = word[0].isupper() and (stop in (".", ",") or (len(word) > 1 and word.isupper()))
    if not heading or not re.fullmatch(r"[IVX1l|]{1,5}", token) or (stop == "." and token == match.group(1)):
        return line
    return f"{token}. {line[match.start(3):]}"


def _programs(name: str) -> tuple[str, str | None]:
    tesseract, pdftoppm = shutil.which("tesseract"), shutil.which("pdftoppm")
    if tesseract is None:
        raise problem("no-tesseract", name)
    return tesseract, pdftoppm


def _languages(tesseract: str, limits: Limits, name: str) -> None:
    done = run_bounded([tesseract, "--list-langs"], seconds=30, memory_megabytes=limits.memory_megabytes)
    known = set(done.stdout.decode("utf-8", "replace").split())
    missing = [lang for lang in limits.ocr_language.split("+") if lang not in known]
    if missing:
        raise problem("no-ocr-model", name, model=", ".join(missing))


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.seconds = seconds

    def left(self) -> float:
        return max(1.0, self.end - time.monotonic())

    def passed(self) -> bool:
        return time.monotonic() >= self.end


def _render(pdftoppm: str | None, source: Path, work: Path, limits: Limits, deadline: _Deadline, name: str) -> list[Path]:
    if pdftoppm is None:
        raise problem("no-pdftoppm", name)
    command = [pdftoppm, "-r", str(limits.ocr_dpi), "-gray", "-png", str(source), str(work / "page")]
    try:
        done = run_bounded(command, seconds=deadline.left(), memory_megabytes=limits.memory_megabytes)
    except TimedOut:
        raise problem("ocr-timeout", name, seconds=limits.ocr_seconds) from None
    pages = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if done.returncode != 0 or not pages:
        raise problem("ocr-failed", name, status=done.returncode)
    return pages


def _recognise(tesseract: str, image: Path, limits: Limits, deadline: _Deadline) -> tuple[int, str]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core a page: pages run side by side instead
    command = [tesseract, str(image), "stdout", "-l", limits.ocr_language, "--psm", "3"]
    done = run_bounded(command, seconds=deadline.left(), memory_megabytes=limits.memory_megabytes, env=env)
    return done.returncode, done.stdout.decode("utf-8", "replace")


def recognise(data: bytes, name: str, suffix: str, limits: Limits) -> list[Paragraph]:
    """The recognised lines of a scan (PDF or image), each with its page number."""
    tesseract, pdftoppm = _programs(name)
    _languages(tesseract, limits, name)
    deadline = _Deadline(limits.ocr_seconds)
    with tempfile.TemporaryDirectory(prefix="cadence-ocr-") as folder:
        work = Path(folder)
        source = work / f"scan{suffix}"
        source.write_bytes(data)
        images = [source] if suffix in IMAGE_SUFFIXES else _render(pdftoppm, source, work, limits, deadline, name)
        with ThreadPoolExecutor(max_workers=max(1, limits.ocr_workers)) as pool:
            try:
                results = list(pool.map(lambda image: _recognise(tesseract, image, limits, deadline), images))
            except TimedOut:
                raise problem("ocr-timeout", name, seconds=limits.ocr_seconds) from None
    failed = [status for status, _ in results if status != 0]
    if failed:
        raise problem("ocr-failed", name, status=failed[0])
    return [Paragraph(text=mend_part_number(line), page=number)
            for number, (_, text) in enumerate(results, start=1) for line in text.splitlines()]
