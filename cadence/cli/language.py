"""The command line's language, and every word it shows in it, click's own included.

The language is chosen once, before click reads the line, so that even a mistyped option is
answered in it: ``--lang vi|en`` anywhere on the line (before a ``--``), else the ``language``
key of the configuration file (the one ``cadence.cli.config_file`` finds), else the
environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` in that order, as POSIX reads them: ``en_*``
gives English, ``vi_*`` Vietnamese), else Vietnamese. The office's configuration outranks the
environment because a server's ``LANG`` is usually whatever its image shipped with, while the
configuration is what the office chose.

Click marks its own words for gettext (``_("Usage:")``); each click module looks ``_`` up at
call time, so ``install`` puts a function there that finds click's English text among the
values of ``en.toml``'s ``[click]`` table and answers the same key in the chosen language.
Help texts, argument names and type names come from ``[help]`` and ``[metavar]``, given to
the command tree by ``give_words`` before each run.
"""
from __future__ import annotations

import contextvars
import functools
import sys
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import click

from cadence.catalogue import DEFAULT_LANGUAGE, LANGUAGES, Words, catalogue, say
from cadence.errors import CadenceError

OPTION = "--lang"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                 "shell_completion", "_termui_impl")

_current: contextvars.ContextVar[str] = contextvars.ContextVar("cadence_cli_language", default=DEFAULT_LANGUAGE)


def current() -> str:
    """The language of this run of the command line."""
    return _current.get()


def speak(key: str, /, **fields: object) -> str:
    """``say`` in the command line's language."""
    return say(key, current(), **fields)


# --- choosing the language ------------------------------------------------------------------

def choose(argv: Sequence[str], environ: Mapping[str, str], config: Path) -> tuple[str, list[str]]:
    """(language, the line without its ``--lang`` option), ``config`` being the configuration
    file the command will read. A ``--lang`` that is neither vi nor en is a CadenceError, said
    in the language the rest of the line and the files choose."""
    rest, asked = _without_option(argv)
    fallback = _configured(config) or _from_environment(environ) or DEFAULT_LANGUAGE
    if asked is not None and asked not in LANGUAGES:
        _current.set(fallback)
        allowed = ", ".join(repr(lang) for lang in LANGUAGES)
        raise CadenceError("errors.config.expected", where=OPTION, value=repr(asked),
                           expected=Words("expect.one-of", allowed=allowed))
    return asked or fallback, rest


def _without_option(argv: Sequence[str]) -> tuple[list[str], str | None]:
    rest, asked, tokens = [], None, list(argv)
    while tokens:
        token = tokens.pop(0)
        if token == "--":
            return rest + [token] + tokens, asked
        if token == OPTION and tokens:
            asked = tokens.pop(0)
        elif token.startswith(OPTION + "="):
            asked = token.split("=", 1)[1]
        else:
            rest.append(token)
    return rest, asked


def _configured(path: Path) -> str | None:
    """The file's ``language`` when it states a known one; a missing or broken file says nothing
    here (the command that reads it reports it, in the language chosen without it)."""
    from cadence.userfiles import CONFIG_BYTES, read_text

    try:  # through userfiles: a FIFO or a device named as the configuration is never opened
        value = tomllib.loads(read_text(path, most_bytes=CONFIG_BYTES, key="config.toml")).get("language")
    except (CadenceError, RecursionError, tomllib.TOMLDecodeError):
        return None
    return value if value in LANGUAGES else None


def _from_environment(environ: Mapping[str, str]) -> str | None:
    for name in LOCALE_ENV:
        value = environ.get(name, "")
        if value:  # the first one set decides, as in POSIX, even when it names neither language
            prefix = value.split("_")[0].split(".")[0].lower()
            return prefix if prefix in LANGUAGES else None
    return None


# --- click's own words ----------------------------------------------------------------------

@functools.cache
def _click_keys() -> dict[str, str]:
    """Click's English text → its key in the catalogue (en.toml's [click] values are click's)."""
    return {text: key for key, text in catalogue("en").items() if key.startswith("click.")}


def click_text(text: str, lang: str) -> str:
    """Click's ``text`` in ``lang``; text click added after this catalogue was written stays."""
    key = _click_keys().get(text)
    return catalogue(lang)[key] if key else text


def install(lang: str) -> None:
    """Set this run's language, and make click speak it."""
    _current.set(lang)

    def gettext(text: str) -> str:
        return click_text(text, lang)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return click_text(singular if n == 1 else plural, lang)

    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")  # the ones click loaded; its shell and editor helpers stay unloaded
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


# --- help texts and names -------------------------------------------------------------------

def give_words(command: click.Command, lang: str, path: tuple[str, ...] = (),
               parent: click.Context | None = None) -> None:
    """Every command's and option's help, and every argument's and value's name, in ``lang``.
    Keys are the command line as typed: ``help."plan import"``, ``help."plan import --from"``."""
    name = " ".join(path) or "cadence"
    context = click.Context(command, parent=parent, **command.context_settings)
    command.help = say(f"help.{name}", lang)
    command.short_help = None
    command.options_metavar = f"[{say('metavar.options', lang)}]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = say("metavar.subcommand", lang)
    for param in command.params:
        _give_param_words(param, name if path else "", lang)
    helper = command.get_help_option(context)  # made once, in the language of the first run
    if helper is not None:
        helper.help = say("click.help-option", lang)
    for sub_name, sub in getattr(command, "commands", {}).items():
        give_words(sub, lang, path + (sub_name,), context)


def _give_param_words(param: click.Parameter, where: str, lang: str) -> None:
    if isinstance(param, click.Argument):
        param.metavar = _argument_metavar(param, lang)
        return
    if param.hidden:
        return
    flag = max(param.opts, key=len)
    param.help = say(f"help.{where} {flag}" if where else f"help.{flag}", lang)
    if not param.is_flag and not isinstance(param.type, click.Choice) and not _is_own_type(param.type):
        param.metavar = say(f"metavar.{param.type.name}", lang)


def _argument_metavar(param: click.Argument, lang: str) -> str:
    word = say(f"metavar.{param.name}", lang)
    word = word if param.required else f"[{word}]"
    return word + ("..." if param.nargs != 1 else "")


def _is_own_type(kind: click.ParamType) -> bool:
    """Our date types are named by their format (YYYY-MM-DD), which reads the same in both."""
    return type(kind).__module__.startswith("cadence.")
