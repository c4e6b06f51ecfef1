"""With `[web] base_url` empty, links begin with `[web] host` (127.0.0.1 by default), which only
the server itself opens: `cadence tick` and `cadence run` refuse to send such links through a
channel that leaves the machine (a real SMTP server here), in one line naming the key, and send
nothing. The file outbox keeps its messages on the machine, so the demo's configuration runs
as it is; a base_url, once set, is what every link begins with."""
import pytest

from cadence.store.outbox import MessageRow
from tests.cadence.daemon_support import body, office, smtp_section
from tests.cadence.support import run_cli
from tests.support.smtp import Replies, running_smtp_server

TUESDAY = "2025-09-16T08:00"  # three working days before the Friday bulletins
NO_DIGEST = "[digest]\nenabled = false\n[notifiers.sms]\ntransport = \"off\"\n"


@pytest.fixture
def smtp():
    with running_smtp_server(replies=Replies()) as server:
        yield server


def _office(tmp_path, text: str):
    return office(f"sqlite:///{tmp_path / 'cadence.db'}", tmp_path, text, start="2025-09-15")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "0.0.0.0", "::1"])
def test_tick_refuses_links_to_this_machine_on_smtp_and_sends_nothing(tmp_path, capsys, smtp, host) -> None:
    with _office(tmp_path, f'[web]\nhost = "{host}"\n' + NO_DIGEST + smtp_section(smtp.port)) as o:
        code, out, err = run_cli(capsys, "--lang", "en", "--config", str(tmp_path / "config.toml"),
                                 "tick", "--now", TUESDAY)
        assert o.rows(MessageRow) == []
    assert code == 2 and out == ""
    assert err.startswith(f"cadence: {tmp_path / 'config.toml'}: [web] base_url is not set")
    assert "email channel sends outside" in err and len(err.strip().splitlines()) == 1
    assert smtp.received == []


def test_run_refuses_before_it_starts(tmp_path, capsys, smtp) -> None:
    with _office(tmp_path, NO_DIGEST + smtp_section(smtp.port)):
        code, _, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "run")
    assert code == 2
    assert "[web] base_url chưa đặt" in err and "http://127.0.0.1:8080" in err


def test_a_base_url_set_begins_every_link_and_lets_them_go(tmp_path, capsys, smtp) -> None:
    base = "https://nhacviec.quangngai.gov.vn"
    with _office(tmp_path, f'[web]\nbase_url = "{base}"\n' + NO_DIGEST + smtp_section(smtp.port)):
        code, _, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "tick", "--now", TUESDAY)
    assert code == 0, err
    assert smtp.received
    for message in smtp.received:
        links = [word for word in body(message.message).split() if "/l/" in word]
        assert links and all(link.startswith(base + "/l/") for link in links)


def test_the_file_outbox_may_carry_links_to_this_machine(tmp_path, capsys) -> None:
    with _office(tmp_path, NO_DIGEST):
        code, _, err = run_cli(capsys, "--config", str(tmp_path / "config.toml"), "tick", "--now", TUESDAY)
    assert code == 0, err
    assert list((tmp_path / "outbox").glob("*.eml"))
