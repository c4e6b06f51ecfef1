"""Monday's digest, to each plan's monitors and its issuer: per plan and unit, done on time,
late, missed and due this week; progress against the declared totals; open escalations; the
units with the most misses. HTML with progress bars and a plain-text part, Vietnamese or English;
`cadence digest --week … --out …` writes the same digest for a preview."""
import datetime as dt
import re

import pytest

from cadence.store.models import DutyRow
from cadence.store.outbox import DigestRunRow, MessageKind, MessageRow
from cadence.tz import LOCAL
from tests.cadence.daemon_support import body, office, outbox_emails
from tests.cadence.support import run_cli


def _season(o, first: str, last: str) -> None:
    """Every morning a pass; the radio bulletin is made on its due day, the TV one a day late,
    the paper's monthly page never."""
    tv = {d.id for d in o.rows(DutyRow) if d.channel == "kênh truyền hình"}
    day = dt.date.fromisoformat(first)
    while day <= dt.date.fromisoformat(last):
        o.tick(f"{day.isoformat()}T08:00")
        for item in o.items("dai"):
            due_day = item.due_at.astimezone(LOCAL).date()
            late = item.duty_id in tv
            if due_day + dt.timedelta(days=1 if late else 0) == day and item.completed_at is None:
                o.complete(item.id, f"{day.isoformat()}T10:00")
        day += dt.timedelta(days=1)


@pytest.fixture
def season(database_url, tmp_path):
    with office(database_url, tmp_path, start="2025-08-01") as o:
        _season(o, "2025-08-01", "2025-09-22")
        yield o


def test_mondays_digest_goes_to_the_monitors_and_the_issuer_once(season, tmp_path):
    digests = [m for m in season.rows(MessageRow) if m.kind is MessageKind.DIGEST and m.day == dt.date(2025, 9, 22)]
    assert sorted(m.recipient for m in digests) == [
        "cchc@snv.example.invalid", "cds@khcn.example.invalid", "vanthu@ubnd.example.invalid"]
    assert [r.week for r in season.rows(DigestRunRow)][-2:] == ["2025-W38", "2025-W39"]
    assert season.tick("2025-09-22T09:00").digests == 0


def test_the_digest_counts_on_time_late_missed_progress_and_escalations(season, tmp_path):
    (message,) = [m for m in outbox_emails(tmp_path) if m["To"] == "vanthu@ubnd.example.invalid"
                  and "2025-W39" in m["Subject"]]
    text = body(message)
    assert message["Subject"] == ("[Cadence] Bản tin tuần 2025-W39 (22/09–28/09): "
                                  "0 mục quá hạn tuần trước, 2 mục đến hạn tuần này")
    assert "Tuần trước: 1 hoàn thành đúng hạn, 1 hoàn thành trễ hạn, 0 quá hạn (trên 2 mục đến hạn)." in text
    # Fridays 1 August to 19 September: 8 bulletins on each channel; the August page missed.
    assert "Từ đầu kỳ: 8 hoàn thành đúng hạn, 8 hoàn thành trễ hạn, 1 quá hạn (trên 17 mục; 47% hoàn thành đúng hạn)." in text
    assert "Bản tin PAPI (kênh phát thanh): 8/52 (15%)" in text
    assert "Bản tin PAPI (kênh truyền hình): 8/52 (15%)" in text
    assert "Đang đôn đốc (1 mục quá hạn đã báo lên):" in text
    assert re.search(r"Báo Quảng Ngãi: Chuyên trang CCHC, hạn 29/08/2025 17:00; cấp 4 \(cơ quan ban hành", text)
    assert "1. Báo Quảng Ngãi: 1 quá hạn, 0 hoàn thành trễ hạn" in text
    assert "2. Đài Phát thanh và Truyền hình tỉnh: 0 quá hạn, 8 hoàn thành trễ hạn" in text
    assert "- Đài Phát thanh và Truyền hình tỉnh: 1 / 1 / 0 · 2" in text
    html = body(message, "html")
    assert 'width="15%" style="background:#1f4e79' in html  # an inline progress bar, 8 of 52
    assert "<td" in html and "<script" not in html


def test_a_preview_of_the_week_writes_the_same_digest(season, tmp_path, capsys, monkeypatch, database_url):
    monkeypatch.setenv("CADENCE_DATABASE_URL", database_url)
    out = tmp_path / "digest.html"
    code, printed, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "digest", "--week", "2025-W39",
                                 "--out", str(out))
    assert code == 0, err
    assert printed.strip() == f"Đã ghi bản tin tuần 2025-W39 (1 kế hoạch) vào {out}."
    html = out.read_text("utf-8")
    assert "Bản tin tuần 2025-W39 · 22/09/2025 – 28/09/2025" in html
    assert "<b>8/52</b>" in html
    code, printed, _ = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "digest", "--week", "2025-W39",
                               "--lang", "en")
    assert "So far: 8 done on time, 8 done late, 1 overdue (of 17; 47% done on time)." in printed


def test_a_bad_week_is_one_clear_error(season, tmp_path, capsys, monkeypatch, database_url):
    monkeypatch.setenv("CADENCE_DATABASE_URL", database_url)
    code, _, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "digest", "--week", "2025-38")
    assert code == 2 and err.strip() == "cadence: --week: cần một tuần ISO, ví dụ 2025-W38, nhưng có '2025-38'"
    code, _, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "--lang", "en", "digest", "--week", "2025-38")
    assert code == 2 and err.strip() == "cadence: --week: expected an ISO week such as 2025-W38, got '2025-38'"
