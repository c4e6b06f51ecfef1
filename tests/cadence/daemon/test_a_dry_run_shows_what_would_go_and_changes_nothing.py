"""`cadence tick --now … --dry-run` prints what a pass would send and changes nothing: not a row
of the database, not a file of the outbox. The real pass then sends exactly what it showed."""
import re

import pytest
import sqlalchemy as sa

from cadence.store.outbox import MessageRow
from tests.cadence.daemon_support import office
from tests.cadence.support import run_cli


@pytest.fixture
def environment(monkeypatch, database_url):
    monkeypatch.setenv("CADENCE_DATABASE_URL", database_url)
    monkeypatch.setenv("CADENCE_WEB_SECRET", "a-test-secret-of-enough-length")


def _snapshot(store) -> dict:
    with store.engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
        return {t: sorted(map(repr, connection.execute(sa.text(f"SELECT * FROM {t}")).all())) for t in tables}


def test_a_dry_run_changes_nothing_and_the_real_pass_sends_what_it_showed(database_url, tmp_path, capsys, environment):
    config = str(tmp_path / "config.toml")
    with office(database_url, tmp_path, start="2025-09-15") as o:
        before = _snapshot(o.store)
        code, out, err = run_cli(capsys, "--config", config, "tick", "--now", "2025-09-22T08:00", "--dry-run")
        assert code == 0, err
        assert _snapshot(o.store) == before
        assert not (tmp_path / "outbox").exists()
        assert "(chạy thử, không thay đổi gì)" in out and "bản tin tuần" in out
        shown = set(re.findall(r"^— (email|sms) → (\S.*?)  \[", out, flags=re.MULTILINE))
        assert ("email", "thoisu@dai.example.invalid") in shown and ("sms", "0912 345 678") in shown
        assert ("email", "cds@khcn.example.invalid") in shown  # the Monday digest to the monitor
        code, out, err = run_cli(capsys, "--config", config, "tick", "--now", "2025-09-22T08:00")
        assert code == 0, err
        sent = {(m.channel, m.recipient) for m in o.rows(MessageRow)}
        assert sent == shown
        assert f"Đã gửi {len(sent)};" in out
