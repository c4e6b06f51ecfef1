"""Messages come from jinja2 templates that hold the layout, with every word from the
catalogue: Vietnamese by default, English when the office's `language` says so. An office may
change any word in its own <templates>/<language>/words.toml, or any template. Every reminder
and escalation carries the signed completion link for exactly its unit's items."""
import datetime as dt

import pytest

from cadence.config import Config
from cadence.daemon.context import Daemon, TEMPLATES
from cadence.links import link_key, read_token, token_of
from cadence.errors import CadenceError
from tests.cadence.daemon_support import body, local, office, outbox_emails, write_config

NO_DIGEST = "[digest]\nenabled = false\n"


def test_vietnamese_messages_by_default(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")
    message = outbox_emails(tmp_path)[0]
    assert message["Subject"] == "[Cadence] Nhắc việc ngày 16/09/2025: 2 mục sắp đến hạn"
    assert "Bản tin PAPI (kênh phát thanh) — sản phẩm, hạn thứ Sáu 19/09/2025 17:00" in body(message)
    assert "SẮP ĐẾN HẠN (2 mục)" in body(message)
    assert "Xác nhận đã hoàn thành: http://127.0.0.1:8080/l/" in body(message)
    assert "Hạn thứ Sáu 19/09/2025 17:00" in body(message, "html")


def test_english_messages_on_request(database_url, tmp_path):
    config = 'language = "en"\n' + NO_DIGEST
    with office(database_url, tmp_path, config, start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")
    message = outbox_emails(tmp_path)[0]
    assert message["Subject"] == "[Cadence] Reminders for 16 Sep 2025: 2 coming due"
    assert "Bản tin PAPI (kênh phát thanh): output, due Fri 19 Sep 2025 17:00" in body(message)
    assert "Mark as done: http://127.0.0.1:8080/l/" in body(message)
    assert "Due Fri 19 Sep 2025 17:00" in body(message, "html")


def test_an_office_overrides_one_template_and_keeps_the_others(database_url, tmp_path):
    (tmp_path / "mine" / "vi").mkdir(parents=True)
    (tmp_path / "mine" / "vi" / "daily.subject.txt").write_text(
        "Sở TT&TT nhắc việc {{ day|day }} ({{ total }} mục)\n", encoding="utf-8")
    with office(database_url, tmp_path, NO_DIGEST + '[notifiers]\ntemplates = "mine"\n', start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")
    message = outbox_emails(tmp_path)[0]
    assert message["Subject"] == "Sở TT&TT nhắc việc 16/09/2025 (2 mục)"
    assert "SẮP ĐẾN HẠN (2 mục)" in body(message)  # the packaged body still


def test_an_office_changes_a_word_and_keeps_the_others(database_url, tmp_path):
    (tmp_path / "mine" / "vi").mkdir(parents=True)
    (tmp_path / "mine" / "vi" / "words.toml").write_text(
        '[messages]\ngreeting = "Kính gửi đồng chí {name},"\n\n[messages.daily]\nupcoming = "Việc sắp tới hạn"\n',
        encoding="utf-8")
    with office(database_url, tmp_path, NO_DIGEST + '[notifiers]\ntemplates = "mine"\n', start="2025-09-15") as o:
        o.tick("2025-09-16T08:00")
    text, html = body(outbox_emails(tmp_path)[0]), body(outbox_emails(tmp_path)[0], "html")
    assert text.startswith("Kính gửi đồng chí ") and "VIỆC SẮP TỚI HẠN (2 mục)" in text
    assert "Việc sắp tới hạn (2 mục)" in html and "Xác nhận đã hoàn thành" in html  # ours, where not changed


@pytest.mark.parametrize("words, problem", [
    ('[messages]\ngreetin = "Kính gửi {name},"\n', "messages.greetin: không phải khóa của danh mục từ ngữ"),
    ('[messages]\ngreeting = "Kính gửi {ten},"\n', "messages.greeting: cần chữ với các trường {name}"),
])
def test_an_offices_word_that_does_not_fit_stops_the_daemon_at_start(tmp_path, words, problem):
    (tmp_path / "mine" / "vi").mkdir(parents=True)
    (tmp_path / "mine" / "vi" / "words.toml").write_text(words, encoding="utf-8")
    config = write_config(tmp_path, '[notifiers]\ntemplates = "mine"\n')
    with pytest.raises(CadenceError) as refused:
        Daemon.build(config)
    assert str(refused.value) == f"{tmp_path / 'mine' / 'vi' / 'words.toml'}: {problem}"


def test_reminder_and_escalation_links_grant_exactly_their_units_items(database_url, tmp_path):
    with office(database_url, tmp_path, NO_DIGEST, start="2025-09-15") as o:
        for day in ("2025-09-16", "2025-09-22"):  # a reminder, then the first escalation
            o.tick(f"{day}T08:00")
        bulletins = sorted(i.id for i in o.items("dai") if i.due_at == local("2025-09-19T17:00"))
        dai = o.items("dai")[0].unit_id
        for message in outbox_emails(tmp_path):
            if message["To"] != "thoisu@dai.example.invalid":
                continue
            url = next(w for w in body(message).split() if "/l/" in w)
            link = read_token(link_key(o.config), token_of(url), local("2025-09-22T09:00"))
            assert (sorted(link.item_ids), link.unit_id) == (bulletins, dai)
            assert link.expires_at - link.issued_at == dt.timedelta(days=o.config.web.link_days)


def test_every_packaged_template_compiles_and_serves_both_languages():
    daemon = Daemon.build(Config())
    assert daemon.renderer.check() == []
    names = {p.name for p in TEMPLATES.iterdir()}
    assert {"daily.subject.txt", "daily.txt", "daily.html", "daily.sms.txt",
            "digest.subject.txt", "digest.txt", "digest.html"} <= names
    for locale in ("vi", "en"):
        assert all(daemon.renderer.has(name, locale=locale) for name in names)
