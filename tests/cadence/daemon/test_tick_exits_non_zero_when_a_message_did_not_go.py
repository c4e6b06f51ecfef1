"""`cadence tick` run by a timer or a script says, by its exit status, that a message did not
go: 1 when one failed for good or waits for a retry (2 stays bad input), 0 when all went; the
summary still prints, and the failure is one more line on stderr."""
import pytest

from tests.cadence.daemon_support import office, smtp_section
from tests.cadence.support import run_cli
from tests.support.smtp import Replies, running_smtp_server

TUESDAY = "2025-09-16T08:00"
SETUP = ('[web]\nbase_url = "https://nhacviec.example.vn"\n[digest]\nenabled = false\n'
         '[notifiers.sms]\ntransport = "off"\n')


@pytest.fixture
def smtp():
    with running_smtp_server(replies=Replies()) as server:
        yield server


def _tick(tmp_path, capsys, smtp):
    with office(f"sqlite:///{tmp_path / 'cadence.db'}", tmp_path, SETUP + smtp_section(smtp.port), start="2025-09-15"):
        return run_cli(capsys, "--lang", "en", "--config", str(tmp_path / "config.toml"), "tick", "--now", TUESDAY)


def test_a_refused_recipient_makes_tick_exit_1(tmp_path, capsys, smtp) -> None:
    smtp.replies.rcpt["bientap@dai.example.invalid"] = "550 5.1.1 no such mailbox"
    code, out, err = _tick(tmp_path, capsys, smtp)
    assert code == 1
    assert "Sent 1; to retry 0; failed 1" in out
    *log, last = err.strip().splitlines()  # the log's line on the failure, then the verdict
    assert last == "cadence: not every message went: 1 failed, 0 waiting to be retried " \
                   "(see `cadence tick --dry-run` and the log)"
    assert any("WARNING cadence.daemon: failed email" in line and "550 5.1.1" in line for line in log)


def test_a_message_left_for_a_retry_makes_tick_exit_1(tmp_path, capsys, smtp) -> None:
    smtp.replies.rcpt["bientap@dai.example.invalid"] = "451 4.3.0 try again later"
    code, _, err = _tick(tmp_path, capsys, smtp)
    assert code == 1 and "1 waiting to be retried" in err


def test_when_everything_went_tick_exits_0(tmp_path, capsys, smtp) -> None:
    code, out, err = _tick(tmp_path, capsys, smtp)
    assert (code, err) == (0, "")
    assert "Sent 2; to retry 0; failed 0" in out
