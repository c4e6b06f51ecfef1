"""The daemon's sections of config.toml are checked when read; an error names the key path and
the bad value. Secrets come from the environment or a file, and never appear in reprs."""
import pytest

from cadence.daemon.outlets import open_outlets
from cadence.daemon.context import Daemon
from cadence.errors import CadenceError
from tests.cadence.daemon_support import write_config


@pytest.mark.parametrize("text, message", [
    ("[escalation]\ndelays_days = [0, 2]\n",
     "escalation.delays_days: expected one delay per rung of the chain (4), got 2"),
    ("[escalation]\nchain = [\"contacts\", \"boss\"]\n",
     "escalation.chain[1]: expected one of 'contacts', 'head', 'monitor', 'issuer', got 'boss'"),
    ("[reminders]\ndays_before = [3, 3]\n",
     "reminders.days_before: expected different whole numbers from 0 to 60, got [3, 3]"),
    ("[daemon]\noffice_opens = \"18:00\"\n",
     "daemon.office_closes: expected a time after office_opens (18:00), got 17:00"),
    ("[notifiers.sms]\ntransport = \"gateway\"\n", 'notifiers.sms: transport "gateway" needs url and body_template'),
    ("[notifiers.email]\ntimeout = \"abc\"\n", "notifiers.email.timeout: expected a number, got 'abc'"),
    ("[digest]\nweekday = \"thu hai\"\n",
     "digest.weekday: expected one of 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', "
     "'sunday', got 'thu hai'"),
])
def test_a_bad_value_is_one_error_naming_its_key(tmp_path, text, message):
    with pytest.raises(CadenceError) as error:
        write_config(tmp_path, text)
    assert error.value.say("en") == message


def test_a_reminder_outside_office_hours_is_refused_when_the_daemon_starts(tmp_path):
    config = write_config(tmp_path, '[reminders]\ntime = "06:00"\n')
    with pytest.raises(CadenceError) as error:
        Daemon.build(config)
    assert error.value.say("en") == "reminders.time: expected a time within office hours (07:30–17:00), got 06:00"
    assert str(error.value) == "reminders.time: cần giờ trong giờ làm việc (07:30–17:00), nhưng có 06:00"


def test_the_smtp_password_comes_from_the_environment_and_stays_out_of_reprs(tmp_path):
    config = write_config(tmp_path, '[notifiers.email]\ntransport = "smtp"\nusername = "cadence"\n')
    with pytest.raises(CadenceError) as error:
        with open_outlets(config, environ={}):
            pass
    assert error.value.say("en").startswith("notifiers.email.username: a password is needed: set CADENCE_SMTP_PASSWORD")
    with open_outlets(config, environ={"CADENCE_SMTP_PASSWORD": "mật-khẩu-bí-mật"}) as outlets:
        smtp = outlets["email"].channel.config
        assert smtp.password == "mật-khẩu-bí-mật" and "mật-khẩu" not in repr(smtp)


def test_the_gateway_secret_comes_from_a_file_into_headers(tmp_path):
    (tmp_path / "sms-key").write_text("khoa-api-123\n")
    config = write_config(tmp_path, '[notifiers.sms]\ntransport = "gateway"\nurl = "http://127.0.0.1:9/send"\n'
                                    'body_template = \'{"p": {{ phone|tojson }}}\'\nheaders = ["X-Api-Key: {secret}"]\n'
                                    'secret_file = "sms-key"\n')
    with open_outlets(config, environ={}) as outlets:
        gateway = outlets["sms"].channel.config
        assert gateway.headers == (("X-Api-Key", "khoa-api-123"),) and "khoa-api" not in repr(gateway)


def test_by_default_nothing_leaves_the_machine_messages_go_to_the_file_outbox(tmp_path):
    config = write_config(tmp_path)
    with open_outlets(config, environ={}) as outlets:
        assert {type(o.channel).__name__ for o in outlets.values()} == {"FileOutbox"}
        assert outlets["email"].channel.folder == tmp_path / "outbox"
