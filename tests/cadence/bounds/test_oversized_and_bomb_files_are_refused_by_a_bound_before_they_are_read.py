"""A file past its limit is refused from its size before it is read: random bytes saved as a
2 GB .txt ended in a MemoryError traceback when `plan import` read it whole before checking it;
a .docx of 3 million empty paragraphs (a few kilobytes zipped) took 2.2 GB to read. Each is now
refused by a bound, in one line, exit status 2. The large file is sparse (random bytes at both
ends, a hole between), so the test writes a few kilobytes; the process runs with a 1 GB address
space, as a small server gives it, so a command that reads the file whole fails the test."""
import io
import os
import tempfile
import zipfile
from pathlib import Path

from cadence.sources import Limits, read_source
from rules.model import PlanReadError
from tests.cadence.bounds.conftest import cadence, one_line
from tests.cadence.support import SHARED
from tests.support.documents import write_docx, write_pdf


def sparse_random(path: Path, size: int) -> Path:
    with path.open("wb") as file:
        file.write(os.urandom(64 * 1024))
        file.seek(size - 64 * 1024)
        file.write(os.urandom(64 * 1024))
    return path


def test_random_bytes_in_a_two_gigabyte_txt_are_refused_before_they_are_read(tmp_path: Path) -> None:
    assert cadence("--config", str(tmp_path / "config.toml"), "init", cwd=tmp_path)[0] == 0
    plan = sparse_random(tmp_path / "urandom.txt", 2 * 1024**3)
    for command in (("parse",), ("plan", "import")):
        result = cadence("--config", str(tmp_path / "config.toml"), "--lang", "en", *command, str(plan), cwd=tmp_path,
                         limit_memory=1024)
        one_line(result, str(plan), "too large", "[documents] max_megabytes")


def test_data_files_past_their_limit_are_refused_naming_the_setting(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    assert cadence("--config", str(config), "init", cwd=tmp_path)[0] == 0
    config.write_text(config.read_text("utf-8").replace("data_megabytes = 10", "data_megabytes = 1"), encoding="utf-8")
    for command, suffix in ((("plan", "import"), ".json"), (("units", "import"), ".toml"),
                            (("units", "contacts", "import"), ".csv"), (("done", "--csv"), ".csv")):
        big = sparse_random(tmp_path / f"big{suffix}", 3 * 1024 * 1024)
        one_line(cadence("--config", str(config), "--lang", "en", *command, str(big), cwd=tmp_path, limit_memory=1024),
                 str(big), "too large", "[limits] data_megabytes")


def word_file(paragraphs: int) -> bytes:
    """A .docx whose body is ``paragraphs`` empty paragraphs: 6 bytes each unzipped, almost
    nothing zipped."""
    real = zipfile.ZipFile(write_docx(Path(tempfile.mkdtemp()) / "plan.docx", "KẾ HOẠCH\nI. NHIỆM VỤ"))
    out = io.BytesIO()
    body = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + b"<w:p/>" * paragraphs + b"</w:body></w:document>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in real.infolist():
            bomb.writestr(member.filename, body if member.filename == "word/document.xml" else real.read(member))
    return out.getvalue()


def test_a_word_file_of_three_million_paragraphs_is_refused_by_the_paragraph_bound(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(word_file(3_000_000))
    assert bomb.stat().st_size < 1024 * 1024  # small on disk: only its paragraphs give it away
    try:
        read_source(bomb)
    except PlanReadError as error:
        assert error.code == "too-many-paragraphs" and error.args_["most"] == Limits().max_paragraphs
    else:
        raise AssertionError("a .docx of 3 million paragraphs was read")
    one_line(cadence("--lang", "en", "parse", str(bomb), cwd=tmp_path, limit_memory=1024), str(bomb),
             "more than 100000 paragraphs", "[documents] max_paragraphs")


def test_a_word_file_that_unpacks_past_its_bound_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(word_file(2000))
    limits = Limits(unpacked_megabytes=0.001)
    try:
        read_source(bomb, limits)
    except PlanReadError as error:
        assert error.code == "unpacked-too-large"
    else:
        raise AssertionError("a .docx past its unpacked bound was read")


def test_a_pdf_past_its_pages_is_refused(tmp_path: Path) -> None:
    text = (SHARED / "plans" / "provincial-office-2025-ocr.txt").read_text("utf-8")
    pdf = write_pdf(tmp_path / "plan.pdf", "\n".join(text.splitlines()[:150]))  # three pages
    assert read_source(pdf, Limits(max_pages=3)).text
    try:
        read_source(pdf, Limits(max_pages=2))
    except PlanReadError as error:
        assert error.code == "too-many-pages"
    else:
        raise AssertionError("a PDF past its pages was read")
