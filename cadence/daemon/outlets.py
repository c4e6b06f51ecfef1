"""The outlets of the configured channels, opened together for a run and closed after it.

    with open_outlets(config) as outlets:
        outlets["email"].deliver(messages, on_delivery)

Each channel (``cadence.channels``) builds its own transport from its section of config.toml;
a channel whose transport is "off" has no outlet, and nobody is told on it.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from cadence.channels import Outlet, Shared, channel
from cadence.config import Config


@contextmanager
def open_outlets(config: Config, environ: Mapping[str, str] | None = None) -> Iterator[dict[str, Outlet]]:
    """kind → open outlet, for every enabled channel, closed on the way out."""
    shared = Shared(outbox=outbox_folder(config), environ=os.environ if environ is None else environ)
    outlets: dict[str, Outlet] = {}
    try:
        for kind in config.notifiers.enabled():
            outlets[kind] = channel(kind).outlet(config.notifiers.section(kind), shared)
        yield outlets
    finally:
        for outlet in outlets.values():
            outlet.close()


def outbox_folder(config: Config) -> Path:
    folder = config.notifiers.outbox.folder
    return folder if folder.is_absolute() else config.path.parent / folder
