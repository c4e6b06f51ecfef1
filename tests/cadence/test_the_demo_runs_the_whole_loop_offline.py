"""`cadence demo` (the README's main job, `make demo`) runs the whole loop on the embedded
default, offline: the sample plan and units, a stretch of 2026 on SQLite, reminders,
escalations and digests in the file outbox, and a summary that says where to look."""
import email
import email.policy
import json

from tests.cadence.support import run_cli


def test_the_demo_sends_reminders_escalations_and_digests_to_its_outbox(tmp_path, capsys):
    folder = tmp_path / "demo"
    code, out, err = run_cli(capsys, "demo", "--folder", str(folder), "--to", "2026-02-28")
    assert code == 0, err
    assert "Nhắc việc:" in out and "Đôn đốc khi quá hạn: cấp 1 (đầu mối của đơn vị):" in out
    assert "cấp 4 (cơ quan ban hành kế hoạch):" in out and f"{folder / 'outbox'}" in out
    assert "  … 01/02/2026" in out  # the days go by as Vietnamese write them
    emails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
              for p in (folder / "outbox").glob("*.eml")]
    kinds = {m["Subject"].split(" ")[1] + " " + m["Subject"].split(" ")[2] for m in emails}
    assert kinds == {"Nhắc việc", "Bản tin"}  # daily reminders and escalations, weekly digests
    assert any("quá hạn" in m["Subject"] for m in emails) and any("sắp đến hạn" in m["Subject"] for m in emails)
    assert all(m["To"].endswith(".example.invalid") for m in emails)
    sms = [json.loads(p.read_text("utf-8")) for p in (folder / "outbox").glob("*.json")]
    assert sms and all(s["encoding"] == "gsm7" and s["segments"] <= 2 for s in sms)
    (digest,) = folder.glob("digest-*.html")
    assert "Bản tin tuần 2026-W09" in digest.read_text("utf-8")


def test_the_demo_starts_afresh_but_never_clears_a_folder_that_is_not_its_own(tmp_path, capsys):
    folder = tmp_path / "demo"
    assert run_cli(capsys, "demo", "--folder", str(folder), "--to", "2026-01-10")[0] == 0
    code, out, _ = run_cli(capsys, "demo", "--folder", str(folder), "--to", "2026-01-10", "--lang", "en")
    assert code == 0 and "Sample plan:" in out and "  … 10 Jan 2026" in out
    (digest,) = folder.glob("digest-*.html")
    assert "Week 2026-W02 · 5 Jan 2026 – 11 Jan 2026" in digest.read_text("utf-8")  # the office's language
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("giữ lại")
    code, _, err = run_cli(capsys, "demo", "--folder", str(mine))
    assert code == 2 and "không phải thư mục chạy thử" in err and (mine / "notes.txt").exists()
