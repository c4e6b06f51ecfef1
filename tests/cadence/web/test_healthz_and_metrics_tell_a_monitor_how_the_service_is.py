"""A monitor that calls /healthz learns whether the database answers and whether a daemon keeps
passing (503 when no pass finished for [web] health_stale_passes × [daemon] interval_seconds,
or the database is unreachable), and how many messages wait and for how long; /metrics gives
Prometheus the passes, items by state, messages by state and channel, and send latency.

Real parts: the uvicorn server, the daemon's passes against a real aiosmtpd server (and a
closed port on 127.0.0.1 as a mail server that is down), a PostgreSQL URL where nothing listens
as a database that is gone."""
from __future__ import annotations

import datetime as dt

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from cadence.store import open_store
from cadence.web import start_web_server
from tests.cadence.web.conftest import COORDINATOR, daemon_pass, mailing_config, web_config
from tests.support.smtp import closed_port, running_smtp_server

REMINDED = dt.datetime(2025, 9, 18, 1, 0, tzinfo=dt.timezone.utc)  # Thursday 08:00: reminders go out


def _mail_down(folder, server, port: int):
    email = {"transport": "smtp", "host": "127.0.0.1", "port": port, "security": "plain",
             "sender": "Cadence <nhacviec@lyson.example.org>"}
    return web_config(folder, web={"base_url": server.url}, notifiers={"email": email, "sms": {"transport": "off"}})


def test_no_pass_yet_is_unhealthy(client) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["status"] == "stale" and answer.json()["last_pass_at"] is None


def test_a_recent_pass_is_healthy_until_the_passes_stop(config, seeded, server, client, clock, tmp_path) -> None:
    clock.now = REMINDED
    with closed_port() as port:
        daemon_pass(_mail_down(tmp_path, server, port), seeded.store, REMINDED)
    clock.now = REMINDED + dt.timedelta(minutes=2)
    answer = client.get("/healthz")
    report = answer.json()
    assert answer.status_code == 200 and report["status"] == "ok"
    assert report["last_pass_at"] == "2025-09-18T01:00:00+00:00" and report["seconds_since_last_pass"] == 120
    assert report["outbox"]["backlog"] > 0  # the mail server is down: the reminders wait
    assert report["outbox"]["oldest_pending_seconds"] == 120
    assert "@" not in answer.text and COORDINATOR not in answer.text  # counts and times, no people
    clock.now = REMINDED + dt.timedelta(seconds=3 * config.daemon.interval_seconds + 1)
    stale = client.get("/healthz")
    assert stale.status_code == 503 and stale.json()["status"] == "stale"


def test_an_unreachable_database_is_unhealthy(config, clock) -> None:
    with closed_port() as port:
        gone = open_store(f"postgresql+psycopg://cadence@127.0.0.1:{port}/cadence", migrate=False)
        running = start_web_server(config, gone, clock=clock, port=0)
        try:
            answer = httpx.get(running.url + "/healthz", timeout=30)
            metrics = httpx.get(running.url + "/metrics", timeout=30)
        finally:
            running.stop()
            gone.close()
    assert answer.status_code == 503 and answer.json()["status"] == "unreachable"
    assert metrics.status_code == 503
    assert "127.0.0.1" not in answer.text and "cadence@" not in answer.text


def _families(text: str) -> dict:
    return {family.name: family for family in text_string_to_metric_families(text)}


def test_metrics_count_passes_items_messages_and_send_latency(seeded, server, client, clock, tmp_path) -> None:
    with running_smtp_server() as smtp:
        daemon_pass(mailing_config(tmp_path, server, smtp), seeded.store, REMINDED)
        sent = len(smtp.received)
    daemon_pass(mailing_config(tmp_path, server, smtp), seeded.store, REMINDED + dt.timedelta(minutes=1))
    clock.now = REMINDED + dt.timedelta(minutes=2)
    answer = client.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    families = _families(answer.text)
    assert families["cadence_passes"].samples[0].value == 2
    items = {s.labels["state"]: s.value for s in families["cadence_items"].samples}
    assert items["upcoming"] > 0 and items["due"] > 0
    messages = {(s.labels["state"], s.labels["channel"]): s.value for s in families["cadence_messages"].samples}
    assert sent > 0 and messages[("sent", "email")] == sent
    latency = {s.name: s for s in families["cadence_send_latency_seconds"].samples
               if s.labels.get("le") in (None, "+Inf")}
    assert latency["cadence_send_latency_seconds_count"].value == sent
    assert latency["cadence_send_latency_seconds_bucket"].value == sent
    assert latency["cadence_send_latency_seconds_sum"].value > 0


class TestMetricsForOtherAddresses:
    @pytest.fixture
    def config(self, tmp_path):
        return web_config(tmp_path, web={"metrics_from": ["192.0.2.0/24"]})

    def test_an_address_not_listed_is_refused(self, client) -> None:
        assert client.get("/metrics").status_code == 403
        assert client.get("/healthz").status_code == 503  # health stays open: it tells nothing private
