"""Uploads: a format Cadence does not read, an empty file and a body larger than the reader's
limit are refused with a sentence (nothing stored); a plan that is taken is kept in the intake
folder under a name Cadence makes, readable by its own account alone, and no URL serves it."""
from __future__ import annotations

import os
import stat

from sqlalchemy import func, select

from cadence.store.intake_tables import PlanVersionRow
from tests.cadence.support import plan_file
from tests.cadence.web.conftest import PLAN, csrf_of, log_in


def _upload(client, name: str, body: bytes):
    page = client.get("/intake")
    return client.post("/intake/upload", data={"csrf": csrf_of(page.text)}, files={"file": (name, body, "application/octet-stream")})


def _versions(seeded) -> int:
    with seeded.store.transaction() as session:
        return session.scalar(select(func.count()).select_from(PlanVersionRow))


def test_what_cannot_be_a_plan_is_refused_and_nothing_is_kept(config, seeded, client) -> None:
    assert log_in(client).status_code == 303
    folder = config.path.parent / config.intake.folder
    before = set(folder.iterdir()) if folder.exists() else set()
    for name, body, words in (("chay-thu.exe", b"MZ\x90\x00", "không được nhận"),
                              ("trang.html", b"<script>alert(1)</script>", "không được nhận"),
                              ("rong.txt", b"", "Tệp rỗng"),
                              ("qua-lon.txt", b"a" * int((config.documents.max_megabytes + 1) * 1024 * 1024), "MB")):
        refused = _upload(client, name, body)
        assert refused.status_code in (400, 413), name
        assert words in refused.text, (name, refused.text[-800:])
    assert _versions(seeded) == 0
    assert (set(folder.iterdir()) if folder.exists() else set()) == before


def test_a_plan_taken_is_kept_aside_and_never_served(config, seeded, client, server) -> None:
    assert log_in(client).status_code == 303
    taken = _upload(client, "ke-hoach.txt", plan_file(PLAN).read_bytes())
    assert taken.status_code == 303
    folder = (config.path.parent / config.intake.folder).resolve()
    (kept,) = list(folder.iterdir())
    assert kept.name != "ke-hoach.txt" and kept.suffix == ".txt"
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    for path in (f"/static/{kept.name}", f"/static/../{config.intake.folder}/{kept.name}", f"/{kept.name}",
                 f"/uploads/{kept.name}"):
        assert client.get(path).status_code == 404, path
