"""A channel is a plugin: a module dropped beside ``email.py`` and ``sms.py`` (here a Zalo OA
channel addressed by Zalo user ids, written in a temporary folder that joins the package), its
template and its config section are all it takes. The registry finds it; config.toml reads
[notifiers.zalo]; a units file takes a ``zalo`` address, checked by the module; the daemon
reminds on it, renders with its template, claims its batches and sends through its outlet."""
from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest

import cadence.channels
from cadence.channels import registry
from cadence.config import config_keys
from cadence.errors import CadenceError
from cadence.store import open_store
from cadence.store.units import save_directory
from cadence.units.toml_file import parse_units
from tests.cadence.daemon_support import Office, weekly_plan, write_config
from tests.cadence.support import imported

MODULE = '''
"""Zalo OA: messages to a Zalo user id, written as .json files (a test's stand-in for the API)."""
import enum, json
from dataclasses import dataclass
from pathlib import Path

from cadence.channels.base import Channel, Outlet, Rendered


class ZaloTransport(str, enum.Enum):
    OUTBOX = "outbox"
    OFF = "off"


@dataclass(frozen=True, kw_only=True)
class ZaloConfig:
    transport: ZaloTransport = ZaloTransport.OFF
    oa_name: str = "Cadence"


@dataclass(frozen=True)
class ZaloMessage:
    key: str
    user: str
    text: str


class Folder:
    def __init__(self, folder: Path, oa_name: str):
        self.folder, self.oa_name = folder, oa_name

    def send(self, message: ZaloMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = message.key.replace("/", "_")
        (self.folder / f"{name}.json").write_text(json.dumps(
            {"oa": self.oa_name, "user": message.user, "text": message.text}, ensure_ascii=False))


class Zalo(Channel):
    kind = "zalo"
    field = "zalo"
    Section = ZaloConfig
    short = True

    def address(self, text):
        if not isinstance(text, str) or not text.strip().isdigit():
            raise ValueError(f"expected a Zalo user id (digits), got {text!r}")
        return text.strip()

    def batch(self, section):
        return 10

    def render(self, renderer, context, locale):
        return Rendered(subject="", text=renderer.render("daily.zalo.txt", context, locale=locale).strip())

    def outlet(self, section, shared):
        return Outlet(Folder(shared.outbox / "zalo", section.oa_name))

    def message(self, *, key, recipient, subject, text, html):
        return ZaloMessage(key, recipient, text)


CHANNEL = Zalo()
'''

UNITS = """
[[unit]]
id = "dai"
name = "Đài Phát thanh và Truyền hình tỉnh"
contacts = [{ name = "Ban Thời sự", email = "thoisu@dai.example.invalid", zalo = "84912345678" }]

[[unit]]
id = "bao"
name = "Báo Quảng Ngãi"
contacts = [{ name = "Tòa soạn", email = "toasoan@bao.example.invalid" }]
"""


@pytest.fixture
def zalo(tmp_path, monkeypatch):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "zalo.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.setattr(cadence.channels, "__path__", [*cadence.channels.__path__, str(plugins)])
    registry.cache_clear()
    yield registry()["zalo"]
    registry.cache_clear()


def test_the_registry_finds_the_module_and_config_reads_its_section(zalo, tmp_path) -> None:
    assert list(registry()) == ["email", "sms", "zalo"]
    assert {"notifiers.zalo.transport", "notifiers.zalo.oa_name"} <= set(config_keys())
    config = write_config(tmp_path, '[notifiers.zalo]\ntransport = "outbox"\noa_name = "UBND tỉnh"\n')
    assert config.notifiers.section("zalo").oa_name == "UBND tỉnh" and "zalo" in config.notifiers.enabled()
    with pytest.raises(CadenceError) as refused:
        write_config(tmp_path, '[notifiers.zalo]\ntransport = "api"\n')
    assert refused.value.say("en") == "notifiers.zalo.transport: expected one of 'outbox', 'off', got 'api'"


def test_a_units_file_takes_its_addresses_and_the_module_checks_them(zalo) -> None:
    unit = parse_units(UNITS).units[0]
    assert unit.contacts[0].addresses == (("email", "thoisu@dai.example.invalid"), ("zalo", "84912345678"))
    with pytest.raises(CadenceError, match=r"contacts\[0\]\.zalo: expected a Zalo user id \(digits\), got 'abc'"):
        parse_units(UNITS.replace('"84912345678"', '"abc"'))


def test_the_daemon_reminds_on_it_with_its_template_and_outlet(zalo, tmp_path, database_url) -> None:
    templates = tmp_path / "templates" / "vi"
    templates.mkdir(parents=True)
    (templates / "daily.zalo.txt").write_text(textwrap.dedent("""\
        Zalo {{ day|short_day }}: {{ total }} việc.
        {% for unit in upcoming.units %}{% for item in unit.lines %}{{ item.what }} hạn {{ item.due_at|short_day }}
        {% endfor %}{% endfor %}"""), encoding="utf-8")
    config = write_config(tmp_path, f'[notifiers]\ntemplates = "{tmp_path / "templates"}"\n'
                                    '[notifiers.zalo]\ntransport = "outbox"\n[notifiers.sms]\ntransport = "off"\n'
                                    '[digest]\nenabled = false\n')
    store = open_store(database_url, create=True)
    try:
        with store.transaction() as session:
            save_directory(session, parse_units(UNITS))
        imported(store, weekly_plan(start=dt.date(2025, 9, 15)), config=config)
        office = Office(config=config, store=store)
        counts = office.tick("2025-09-16T08:00")  # three working days before Friday 19/09
        assert counts.sent == 2  # the e-mail and the Zalo message
    finally:
        store.close()
    [written] = (tmp_path / "outbox" / "zalo").glob("*.json")
    message = json.loads(written.read_text("utf-8"))
    assert message["user"] == "84912345678" and message["oa"] == "Cadence"
    assert message["text"].startswith("Zalo 16/09: 2 việc.") and "Bản tin PAPI hạn 19/09" in message["text"]
