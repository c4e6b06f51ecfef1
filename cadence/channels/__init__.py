"""Delivery channels as plugins: one module per channel, and the registry that finds them.

Every module of this package but ``base`` is a channel and holds ``CHANNEL``, an instance of a
``cadence.channels.base.Channel`` subclass that owns all of one way of reaching people:

    kind            its name: the config section [notifiers.<kind>], and the channel of contact
                    addresses, notices and outbox messages ("email", "sms")
    field           the key of its address in a units file's contact tables ("email", "phone")
    Section         its config section, a frozen dataclass (read like every other section)
    address(text)   its kind of address, checked (ValueError saying why not)
    batch(section)  how many of its messages one send step claims
    render(...)     a person's daily message from the templates ``<locale>/daily…``
    outlet(...)     its transport; ``message(...)`` the notifiers message for an outbox row

So a new channel (Zalo OA, say) is a module here, its templates in
``cadence/templates/messages/{vi,en}/``, and its section in config.example.toml: nothing else
names channels one by one. Modules are found by walking the package, in name order.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil

from cadence.channels.base import Channel, Outlet, Rendered, Shared

__all__ = ["Channel", "Outlet", "Rendered", "Shared", "channel", "registry"]

_NOT_CHANNELS = {"base"}


@functools.cache
def registry() -> dict[str, Channel]:
    """kind → channel, for every channel module of this package."""
    found: dict[str, Channel] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name in _NOT_CHANNELS or module.name.startswith("_"):
            continue
        plugin = importlib.import_module(f"{__name__}.{module.name}").CHANNEL
        if plugin.kind in found:
            raise TypeError(f"two channel modules declare the kind {plugin.kind!r}")
        found[plugin.kind] = plugin
    return found


def channel(kind: str) -> Channel:
    """The channel of ``kind``; KeyError for a kind no module declares."""
    return registry()[kind]
