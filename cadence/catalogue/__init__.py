"""Every word Cadence shows a person, one TOML file per language (``vi.toml``, ``en.toml``).

Keys are dotted paths into the file's tables (``reader.total-mismatch``, ``cli.imported``);
values are ``str.format`` templates with named fields. Vietnamese is the language of record:
English is the translation, and a test checks that both files hold the same keys with the same
fields. A leaf module: it imports nothing of Cadence, so every layer may use it.
"""
from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Mapping
from importlib import resources

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


class MissingWord(KeyError):
    """A key the catalogue does not hold: a bug in the caller, never the user's input."""


def _flatten(table: Mapping, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat |= _flatten(value, path + ".")
        else:
            flat[path] = value
    return flat


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """The flat catalogue of one language, read once per process."""
    if lang not in LANGUAGES:
        raise ValueError(f"no catalogue for language {lang!r}; known: {', '.join(LANGUAGES)}")
    text = resources.files(__name__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


def say(key: str, lang: str = DEFAULT_LANGUAGE, /, **fields: object) -> str:
    """The words for ``key`` in ``lang``, with ``fields`` filled in."""
    try:
        template = catalogue(lang)[key]
    except KeyError:
        raise MissingWord(key) from None
    return template.format(**fields) if fields else template


def fields_of(template: str) -> set[str]:
    """The named fields a template fills ("{unit} … {at:%d/%m}" → {"unit", "at"})."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
