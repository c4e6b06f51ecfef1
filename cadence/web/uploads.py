"""Files people upload (a plan, a contacts list): limited in size before they are read, limited
to the formats Cadence reads, and kept in the [intake] folder under a name Cadence makes,
readable by its own account alone. They are read by Cadence's readers, never run, and never
served back: the folder is not under the pages' static files."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from cadence.config import Config

PLAN_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pdf", ".txt", ".xlsx", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
CONTACT_SUFFIXES = (".xlsx", ".csv")
_CHUNK = 1 << 16
_FORM_MARGIN = 64 * 1024  # the form's other fields and the multipart boundaries around the file


class UploadRefused(Exception):
    """An upload Cadence will not keep; ``key`` names why in the catalogue."""

    def __init__(self, key: str, **fields) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields


@dataclass(frozen=True)
class Kept:
    path: Path
    original: str  # the file's name as the person's computer called it


def limit(config: Config) -> int:
    """The largest upload taken, in bytes: the reader's own limit ([documents] max_megabytes)."""
    return int(config.documents.max_megabytes * 1024 * 1024)


def check_length(request: Request, config: Config) -> None:
    """Refuse a body that says it is too big before reading a byte of it (413), and one that
    does not say its length (411): the form parser would otherwise spool it whole."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(status_code=411)
    if int(length) > limit(config) + _FORM_MARGIN:
        raise UploadRefused("intake.web.too-big", most=config.documents.max_megabytes)


def folder(config: Config) -> Path:
    configured = config.intake.folder
    path = configured if configured.is_absolute() else config.path.parent / configured
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


async def keep(upload: UploadFile | str | None, config: Config, suffixes: tuple[str, ...]) -> Kept:
    """Write the upload into the folder under a fresh name with its own suffix, mode 0600."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UploadRefused("intake.web.no-file")
    original = Path(upload.filename.replace("\\", "/")).name[:200]
    suffix = Path(original).suffix.lower()
    if suffix not in suffixes:
        raise UploadRefused("intake.web.bad-type", allowed=", ".join(suffixes))
    path = folder(config) / f"{secrets.token_hex(12)}{suffix}"
    written = 0
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        while chunk := await upload.read(_CHUNK):
            written += len(chunk)
            if written > limit(config):
                out.close()
                path.unlink(missing_ok=True)
                raise UploadRefused("intake.web.too-big", most=config.documents.max_megabytes)
            out.write(chunk)
    if not written:
        path.unlink(missing_ok=True)
        raise UploadRefused("intake.web.empty")
    return Kept(path=path, original=original)
