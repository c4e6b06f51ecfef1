"""Two daemons passing at the same moments on one database (threads here; issue 6 runs
processes) do, together, exactly what one daemon does alone: each notice, escalation step,
digest and message once, each message delivered once to the real SMTP server."""
import datetime as dt
import threading
from collections import Counter

import pytest

from cadence.daemon.outlets import open_outlets
from cadence.daemon.context import Daemon
from cadence.daemon.passes import run_pass
from cadence.store.outbox import DigestRunRow, EscalationRow, MessageRow, MessageState, NoticeRow
from tests.cadence.daemon_support import local, office, smtp_section
from tests.support.smtp import running_smtp_server

DAYS = [dt.date(2025, 9, 15) + dt.timedelta(days=n) for n in range(21)]


def _season(o, daemons: int) -> None:
    """Each morning, ``daemons`` daemons pass at the same moment, started together."""
    workers = [Daemon.build(o.config) for _ in range(daemons)]
    with open_outlets(o.config, environ={}) as outlets:
        for day in DAYS:
            moment = local(f"{day.isoformat()}T08:00")
            gate, errors = threading.Barrier(daemons), []

            def one(daemon):
                gate.wait()
                try:
                    run_pass(o.store, daemon, moment, outlets)
                except Exception as error:  # surfaced below
                    errors.append(error)

            threads = [threading.Thread(target=one, args=(d,)) for d in workers]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []


def _outcome(o, smtp) -> dict:
    ids = Counter(r.message["Message-ID"] for r in smtp.received)
    return {
        "notices": sorted((item, n.kind.value, n.level, n.recipient) for item, n in o.told()),
        "escalations": sorted((e.item_id, e.level) for e in o.rows(EscalationRow)),
        "digests": [r.week for r in o.rows(DigestRunRow)],
        "messages": sorted(m.key for m in o.rows(MessageRow)),
        "states": {m.state for m in o.rows(MessageRow)},
        "delivered": sorted(ids.elements()),
        "twice": [i for i, n in ids.items() if n > 1],
    }


def _run(url, folder, daemons: int) -> dict:
    with running_smtp_server() as smtp:
        config = smtp_section(smtp.port) + '[notifiers.sms]\ntransport = "off"\n'
        with office(url, folder, config, start="2025-09-15") as o:
            _season(o, daemons)
            return _outcome(o, smtp)


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request, tmp_path):
    """Two fresh databases of one kind: one for a daemon alone, one for two daemons."""
    folders = [tmp_path / "alone", tmp_path / "two"]
    for folder in folders:
        folder.mkdir()
    if request.param == "sqlite":
        yield [(f"sqlite:///{f / 'cadence.db'}", f) for f in folders]
        return
    server = request.getfixturevalue("postgres_server")
    with server.fresh_database() as first, server.fresh_database() as second:
        yield [(first, folders[0]), (second, folders[1])]


def test_two_daemons_do_together_what_one_does_alone(two_databases):
    (url_alone, alone_folder), (url_two, two_folder) = two_databases
    alone = _run(url_alone, alone_folder, 1)
    two = _run(url_two, two_folder, 2)
    assert two["twice"] == [] and two["states"] == {MessageState.SENT}
    assert len(two["delivered"]) == len(two["messages"]) > 20
    for part in ("notices", "escalations", "digests", "messages"):
        assert two[part] == alone[part], part
    assert two["digests"] == ["2025-W38", "2025-W39", "2025-W40"]
