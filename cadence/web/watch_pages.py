"""Two addresses for whoever watches the service, not for people:

    GET /healthz   JSON; 200 when the database answers and a daemon finished a pass lately,
                   503 when not (no pass for [web] health_stale_passes × [daemon]
                   interval_seconds, or the database unreachable). No log-in: a load balancer or
                   a monitor calls it. It shows counts and times only, never a name or address.
    GET /metrics   Prometheus text: passes, items by state, messages by state and channel, the
                   daemons' send latency. Open to [web] metrics_from only (this machine by
                   default).

Both read the database when called (``cadence.store.watch``): the same answer from any web
process, with any number of daemons on the database.
"""
from __future__ import annotations

import datetime as dt

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cadence.catalogue import voice
from cadence.store import DatabaseError
from cadence.store.watch import BUCKETS, Health, Readings, health, readings
from cadence.web.addresses import within
from cadence.web.render import error_page, web

METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8"


async def healthz(request: Request) -> Response:
    state, now = web(request), web(request).clock()
    stale_after = dt.timedelta(seconds=state.config.daemon.interval_seconds * state.config.web.health_stale_passes)
    try:
        with state.store.transaction() as session:
            found = health(session)
    except DatabaseError as error:
        return JSONResponse({"status": "unreachable", "database": type(error).__name__, "now": _iso(now)},
                            status_code=503)
    body = health_report(found, now, stale_after)
    return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)


def health_report(found: Health, now: dt.datetime, stale_after: dt.timedelta) -> dict:
    """The JSON of /healthz, from what the store holds, as of ``now``."""
    since = _seconds(now, found.last_pass_at)
    fresh = since is not None and since <= stale_after.total_seconds()
    return {
        "status": "ok" if fresh else "stale",
        "database": "ok",
        "now": _iso(now),
        "last_pass_at": _iso(found.last_pass_at),
        "seconds_since_last_pass": since,
        "stale_after_seconds": int(stale_after.total_seconds()),
        "outbox": {"backlog": found.backlog, "oldest_pending_at": _iso(found.oldest_pending_at),
                   "oldest_pending_seconds": _seconds(now, found.oldest_pending_at)},
    }


async def metrics(request: Request) -> Response:
    state = web(request)
    address = request.client.host if request.client else ""
    if not within(address, state.config.web.metrics_networks()):
        return error_page(request, 403, "web.forbidden", "web.forbidden-text")
    try:
        with state.store.transaction() as session:
            found = readings(session, state.states.as_of(state.clock()))
    except DatabaseError:
        return Response(status_code=503)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Collector(found, voice(state.config.language)))
    return Response(generate_latest(registry), media_type=METRICS_TYPE)


class _Collector:
    """The readings of one scrape as Prometheus metric families."""

    def __init__(self, found: Readings, say) -> None:
        self.found, self.say = found, say

    def collect(self):
        found, say = self.found, self.say
        yield CounterMetricFamily("cadence_passes", say("watcher.metrics.passes"),
                                  value=found.passes)
        last = GaugeMetricFamily("cadence_last_pass_timestamp_seconds", say("watcher.metrics.last-pass"))
        if found.last_pass_at is not None:
            last.add_metric([], found.last_pass_at.timestamp())
        yield last
        items = GaugeMetricFamily("cadence_items", say("watcher.metrics.items"),
                                  labels=["state"])
        for name, count in sorted(found.items.items()):
            items.add_metric([name], count)
        yield items
        messages = GaugeMetricFamily("cadence_messages", say("watcher.metrics.messages"),
                                     labels=["state", "channel"])
        for (name, channel), count in sorted(found.messages.items()):
            messages.add_metric([name, channel], count)
        yield messages
        latency = HistogramMetricFamily("cadence_send_latency_seconds",
                                        say("watcher.metrics.latency"),
                                        labels=["channel"])
        for channel, histogram in sorted(found.latency.items()):
            cumulative, total = [], 0
            for bound, count in zip((*map(str, BUCKETS), "+Inf"), histogram.buckets, strict=True):
                total += count
                cumulative.append((bound, total))
            latency.add_metric([channel], cumulative, sum_value=histogram.sum)
        yield latency


def _seconds(now: dt.datetime, then: dt.datetime | None) -> int | None:
    return None if then is None else int((now - then).total_seconds())


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
