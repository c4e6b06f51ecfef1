"""Reader warnings, schedule notes and reading errors in a person's language.

``rules`` gives codes and plain values, never words; the words live in the catalogue
(``reader.<code>``, ``schedule.<code>``). A period value (``per``) and the choice a note reports
(``then``) are words too, looked up under ``reader.period`` and ``schedule.then``; so is an empty
choice of report periods (``chosen``), ``schedule.none-chosen``.
"""
from __future__ import annotations

from cadence.catalogue import DEFAULT_LANGUAGE, say
from rules.model import Diagnostic, PlanReadError

_WORDED_ARGS = {"per": "reader.period", "then": "schedule.then"}
_WORDED_WHEN_EMPTY = {"chosen": "schedule.none-chosen"}


def _words(args: dict, lang: str) -> dict:
    return {name: _word(name, value, lang) for name, value in args.items()}


def _word(name: str, value, lang: str):
    if name in _WORDED_ARGS:
        return say(f"{_WORDED_ARGS[name]}.{value}", lang)
    if name in _WORDED_WHEN_EMPTY and value == "":
        return say(_WORDED_WHEN_EMPTY[name], lang)
    return value


def describe(diagnostic: Diagnostic, lang: str = DEFAULT_LANGUAGE) -> str:
    """The words of a warning or note."""
    return say(diagnostic.key, lang, **_words(diagnostic.args, lang))


def describe_error(error: PlanReadError, lang: str = DEFAULT_LANGUAGE) -> str:
    """One line naming the file (and line) and what is wrong with it."""
    text = say(error.key, lang, **_words(error.args_, lang))
    if error.fragment:
        text += f" ({error.fragment[:60]!r})"
    return f"{error.where}: {text}" if error.where else text


def warning_json(diagnostic: Diagnostic, lang: str = DEFAULT_LANGUAGE) -> dict:
    """A warning as ``--json`` shows it: ref, message, code, values and span."""
    data = diagnostic.to_json()
    return {"ref": data["ref"], "message": describe(diagnostic, lang), "code": data["code"],
            "args": data["args"], "span": data["span"]}
