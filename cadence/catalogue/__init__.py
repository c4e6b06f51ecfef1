"""Every word Cadence shows a person, one TOML file per language (``vi.toml``, ``en.toml``).

Keys are dotted paths into the file's tables (``reader.total-mismatch``, ``cli.imported``);
values are ``str.format`` templates with named fields. Vietnamese is the language of record:
English is the translation, and a test checks that both files hold the same keys with the same
fields.

A field's format spec says how its value reads in the language (``cadence.catalogue.formats``):
``{count:num}`` 11.914 / 11,914, ``{due:moment}`` 05/09/2025 17:00 / 5 Sep 2025 17:00,
``{day:date}``, ``{day:day}`` (no year), ``{day:weekday}``. A field may itself be ``Words``
(a sentence not yet said), which is said in the same language: an error raised deep in the
store names its parts without knowing who will read it, and the CLI or the page says it in
theirs.

A leaf module: it imports nothing of Cadence but the time zone, so every layer may use it.
"""
from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


class MissingWord(KeyError):
    """A key the catalogue does not hold: a bug in the caller, never the user's input."""


class BadWords(ValueError):
    """An office's words file that cannot stand in for ours; ``words`` names the file and key."""

    def __init__(self, words: "Words") -> None:
        super().__init__(str(words))
        self.words = words


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
    lang = str(getattr(lang, "value", lang))
    if lang not in LANGUAGES:
        raise ValueError(f"no catalogue for language {lang!r}; known: {', '.join(LANGUAGES)}")
    text = resources.files(__name__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


class Words:
    """A sentence not yet said: its key and its fields. ``say(lang)`` says it."""

    __slots__ = ("key", "fields")

    def __init__(self, key: str, /, **fields: object) -> None:
        self.key, self.fields = key, fields

    def say(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return say(self.key, lang, **self.fields)

    def __str__(self) -> str:
        return self.say()

    def __repr__(self) -> str:
        return f"Words({self.key!r}, {self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and (self.key, self.fields) == (other.key, other.fields)

    __hash__ = None  # fields may hold lists


class Lines(Words):
    """Several sentences, one a line (every bad row of a file), said in one language."""

    __slots__ = ("lines",)

    def __init__(self, lines) -> None:
        super().__init__("lines")
        self.lines = tuple(lines)

    def say(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return "\n".join(line.say(lang) if isinstance(line, Words) else str(line) for line in self.lines)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lines) and self.lines == other.lines


class _Field:
    """A field's value as ``lang`` writes it: str.format hands it the spec (``{n:num}``), a
    Words is said in the same language; ``!r`` and ``!s`` see the value itself."""

    __slots__ = ("value", "lang")

    def __init__(self, value: object, lang: str) -> None:
        self.value = value.say(lang) if isinstance(value, Words) else value
        self.lang = lang

    def __format__(self, spec: str) -> str:
        if spec:
            from cadence.catalogue.formats import SPECS  # Babel only when a number or date is said

            if spec in SPECS:
                return SPECS[spec](self.value, self.lang)
        return format(self.value, spec)

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return repr(self.value)


def fill(template: str, lang: str, fields: Mapping[str, object]) -> str:
    """``template`` with ``fields`` filled as ``lang`` writes them."""
    return template.format_map({name: _Field(value, lang) for name, value in fields.items()}) if fields else template


def say(key: str, lang: str = DEFAULT_LANGUAGE, /, **fields: object) -> str:
    """The words for ``key`` in ``lang``, with ``fields`` filled in."""
    lang = str(getattr(lang, "value", lang))
    try:
        template = catalogue(lang)[key]
    except KeyError:
        raise MissingWord(key) from None
    return fill(template, lang, fields)


def fields_of(template: str) -> set[str]:
    """The named fields a template fills ("{unit} … {at:%d/%m}" → {"unit", "at"})."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def voice(lang: str, overrides: Mapping[str, str] | None = None, *, html: bool = False) -> Callable[..., str]:
    """``say`` bound to one language, with an office's own wordings standing in for ours.

    ``html``: for an autoescaping template (a page, an HTML message): the words and the text
    fields are escaped, fields already marked safe (a macro's output) are not, and the result
    is marked safe, so plan text reaches the page escaped exactly once."""
    lang = str(getattr(lang, "value", lang))
    overrides = overrides or {}

    def speak(key: str, /, **fields: object) -> str:
        template = overrides.get(key)
        if template is None:
            try:
                template = catalogue(lang)[key]
            except KeyError:
                raise MissingWord(key) from None
        if not html:
            return fill(template, lang, fields)
        from markupsafe import Markup, escape

        safe = {name: escape(value) if isinstance(value, str) else value for name, value in fields.items()}
        return Markup(fill(str(escape(template)), lang, safe))

    return speak


def read_overrides(path: Path, lang: str) -> dict[str, str]:
    """An office's words file (the same tables as ours, any subset of the keys), checked: each
    key must be one of ours and fill the same fields, so a message never breaks on Monday."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BadWords(Words("errors.words.unreadable", path=str(path), error=str(error))) from None
    ours = catalogue(lang)
    found = _flatten(table)
    for key, template in found.items():
        if key not in ours:
            raise BadWords(Words("errors.words.unknown-key", path=str(path), key=key))
        if not isinstance(template, str) or fields_of(template) != fields_of(ours[key]):
            expected = ", ".join("{" + name + "}" for name in sorted(fields_of(ours[key]))) or "—"
            raise BadWords(Words("errors.words.fields", path=str(path), key=key, fields=expected))
    return found
