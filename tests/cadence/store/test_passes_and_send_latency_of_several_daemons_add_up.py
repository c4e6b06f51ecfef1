"""Several daemons may share one database (PostgreSQL); each records its passes and send
latencies on its own row, and /metrics and /healthz read them together: passes add up, the
latest pass counts, latency histograms add bucket by bucket. On SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

from cadence.schedule.states import StatePolicy
from cadence.config import parse_config
from cadence.store.watch import BUCKETS, Latency, health, readings, record_pass

UTC = dt.timezone.utc
NOON = dt.datetime(2025, 9, 18, 5, 0, tzinfo=UTC)


def _as_of(tmp_path):
    config = parse_config({}, path=tmp_path / "config.toml", environ={})
    return StatePolicy.from_config(config).as_of(NOON)


def test_two_daemons_passes_and_latencies_add_up(store, tmp_path) -> None:
    with store.transaction() as session:
        record_pass(session, worker="may-a:101:aa", at=NOON, latency={"email": [0.02, 0.3]})
        record_pass(session, worker="may-b:202:bb", at=NOON + dt.timedelta(minutes=1), latency={"email": [0.3]})
    with store.transaction() as session:
        record_pass(session, worker="may-a:101:aa", at=NOON + dt.timedelta(minutes=2),
                    latency={"email": [100.0], "sms": [1.5]})
    with store.transaction() as session:
        found = readings(session, _as_of(tmp_path))
        healthy = health(session)
    assert found.passes == 3
    assert found.last_pass_at == healthy.last_pass_at == NOON + dt.timedelta(minutes=2)
    email = found.latency["email"]
    assert email.count == 4 and abs(email.sum - 100.62) < 1e-9
    assert email.buckets[BUCKETS.index(0.025)] == 1 and email.buckets[BUCKETS.index(0.5)] == 2
    assert email.buckets[-1] == 1  # slower than the last bound
    assert found.latency["sms"].count == 1


def test_a_value_on_a_bound_falls_in_that_bucket() -> None:
    assert Latency.of([BUCKETS[3]]).buckets[3] == 1  # Prometheus buckets are "less than or equal"


def test_nothing_recorded_reads_as_no_pass(store, tmp_path) -> None:
    with store.transaction() as session:
        found = readings(session, _as_of(tmp_path))
        healthy = health(session)
    assert found.passes == 0 and found.last_pass_at is None and found.latency == {}
    assert healthy.last_pass_at is None and healthy.backlog == 0 and healthy.oldest_pending_at is None
