"""Older and other word-processor formats (.doc, .odt, .rtf) through LibreOffice in headless
mode: converted to .docx in a private folder, then read as a .docx, so their tables and their
automatic numbering are read the same way.

Each conversion gets its own LibreOffice profile, so conversions never wait on one another's
lock, and runs under the time and memory limits of ``[documents]``.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from cadence.sources.bounds import Limits, TimedOut, run_bounded
from cadence.sources.problems import problem

PROGRAMS = ("soffice", "libreoffice")


def libreoffice() -> str | None:
    return next((found for name in PROGRAMS if (found := shutil.which(name))), None)


def convert_to_docx(data: bytes, name: str, suffix: str, limits: Limits) -> bytes:
    """The .docx LibreOffice makes of a .doc, .odt or .rtf file."""
    program = libreoffice()
    if program is None:
        raise problem("no-libreoffice", name, suffix=suffix)
    with tempfile.TemporaryDirectory(prefix="cadence-convert-") as folder:
        work = Path(folder)
        source = work / f"plan{suffix}"
        source.write_bytes(data)
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)]
        try:
            done = run_bounded(command, seconds=limits.convert_seconds, memory_megabytes=limits.memory_megabytes,
                               cwd=work, env={"HOME": str(work), "PATH": "/usr/bin:/bin"})
        except TimedOut:
            raise problem("convert-timeout", name, seconds=limits.convert_seconds) from None
        result = work / "out" / "plan.docx"
        if done.returncode != 0 or not result.exists():
            raise problem("convert-failed", name, suffix=suffix, status=done.returncode)
        return result.read_bytes()
