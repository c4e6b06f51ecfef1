"""The one error type a user sees from Cadence: a message they can act on."""
from __future__ import annotations

import errno

from cadence.catalogue import DEFAULT_LANGUAGE, Words


class CadenceError(Exception):
    """Bad input or a refused action. The CLI prints it on one line and exits with 2.

    It carries its words unsaid (a catalogue key and fields, ``errors.…``): the store or the
    configuration raising it does not know who reads it; the CLI says it in the language of
    the command line, a page in the page's. ``str()`` says it in Vietnamese.
    """

    def __init__(self, key: str | Words, /, **fields: object) -> None:
        self.words = key if isinstance(key, Words) else Words(key, **fields)
        super().__init__(self.words.key)

    def say(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.words.say(lang)

    def __str__(self) -> str:
        return self.say()


_OS_PROBLEMS = {errno.ENOENT: "no-such-file", errno.EACCES: "permission", errno.EPERM: "permission",
                errno.EISDIR: "is-a-folder", errno.ENOTDIR: "not-a-folder", errno.ENOSPC: "disk-full",
                errno.EADDRINUSE: "address-in-use", errno.EADDRNOTAVAIL: "address-not-here"}


def os_problem(error: OSError) -> Words:
    """What the system refused, in words (the usual refusals in ours, any other in the system's)."""
    name = _OS_PROBLEMS.get(error.errno)
    return Words(f"problems.{name}") if name else Words("problems.other", detail=error.strerror or str(error))
