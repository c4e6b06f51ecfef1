"""Message templates (jinja2), with a user's override folder in front of the packaged one.

An office changes a reminder by putting its own copy of the template in the folder its config
names; everything it did not copy still comes from the package. A template is looked up as
`<locale>/<name>` first, then `<name>`: one template can serve every language (its words come
from elsewhere, through the globals the caller gives), and a language can still have its own.

A template is text an administrator edits, so it will sometimes be wrong. Every failure (a
missing template, a syntax error, an undefined variable, a filter that throws) comes out as one
`RenderError` naming the template and line, which the daemon records on the message's row
instead of letting it stop the loop. Undefined variables are errors (StrictUndefined), not
blanks, so a reminder never goes out with a hole where the deadline should be.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2


class Locale(enum.Enum):
    VI = "vi"
    EN = "en"


class RenderError(Exception):
    """A template could not be rendered; `str()` is one line fit for a log or a row."""

    def __init__(self, template: str, reason: str, line: int | None = None) -> None:
        where = f"template {template}" + (f", line {line}" if line else "")
        super().__init__(f"{where}: {reason}")
        self.template = template
        self.reason = reason
        self.line = line


class Renderer:
    """`render(name, context, locale=...)` → str, or RenderError.

    `packaged` is the folder shipped with the caller's package; `override`, if given, is
    searched first. In each, `<locale>/<name>` wins over `<name>`. Names ending in
    .html/.htm/.xml are autoescaped. Every template also sees `locale` ("vi"/"en"), so a
    template can say things in its language, or extend its own language's base:
    `{% extends locale ~ "/base.html" %}`.
    """

    def __init__(self, packaged: Path | str, *, override: Path | str | None = None,
                 filters: Mapping[str, Callable[..., Any]] | None = None,
                 globals: Mapping[str, Any] | None = None) -> None:
        self.folders = tuple(_existing(Path(f)) for f in (override, packaged) if f is not None)
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in self.folders]),
            autoescape=jinja2.select_autoescape(("html", "htm", "xml"), default=False),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters.update(filters or {})
        self.environment.globals.update(globals or {})

    def render(self, name: str, context: Mapping[str, Any], *,
               locale: Locale | str = Locale.VI) -> str:
        locale = _locale(locale)
        path = f"{locale.value}/{name}"
        try:
            template = self.environment.select_template([path, name])
            return template.render({**context, "locale": locale.value})
        except Exception as error:  # any failure inside a template is the template's
            raise self._error(path, error) from error

    def has(self, name: str, *, locale: Locale | str = Locale.VI) -> bool:
        """Whether a template exists, e.g. to send HTML only when an .html one is there."""
        path = f"{_locale(locale).value}/{name}"
        return any((folder / found).is_file() for folder in self.folders for found in (path, name))

    def check(self) -> list[RenderError]:
        """Compile every template in both folders: syntax errors found at start-up, not on
        the Monday the digest is due."""
        errors = []
        for path in self.environment.list_templates(filter_func=_is_template):
            try:
                self.environment.get_template(path)
            except Exception as error:
                errors.append(self._error(path, error))
        return errors

    def _error(self, path: str, error: Exception) -> RenderError:
        if isinstance(error, jinja2.TemplateNotFound):
            return RenderError(path, f"not found in {', '.join(map(str, self.folders))}")
        if isinstance(error, jinja2.TemplateSyntaxError):
            return RenderError(error.name or path, f"syntax: {error.message}", error.lineno)
        template, line = self._failing_line(error)
        reason = str(error) if isinstance(error, jinja2.TemplateError) else (
            f"{type(error).__name__}: {error}")
        return RenderError(template or path, reason, line)

    def _failing_line(self, error: Exception) -> tuple[str | None, int | None]:
        """The innermost frame that belongs to a template file: jinja2 rewrites tracebacks
        so those frames carry the template's own file name and line."""
        found: tuple[str | None, int | None] = (None, None)
        trace = error.__traceback__
        while trace is not None:
            name = self._template_name(trace.tb_frame.f_code.co_filename)
            if name is not None:
                found = (name, trace.tb_lineno)
            trace = trace.tb_next
        return found

    def _template_name(self, filename: str) -> str | None:
        for folder in self.folders:
            try:
                return Path(filename).resolve().relative_to(folder).as_posix()
            except ValueError:
                continue
        return None


def _is_template(name: str) -> bool:
    """Data kept beside the templates (words in .toml, .json) is not compiled as a template."""
    return not name.endswith((".toml", ".json"))


def _locale(value: Locale | str) -> Locale:
    try:
        return Locale(value)
    except ValueError:
        raise ValueError(f"locale: expected one of vi, en; got {value!r}") from None


def _existing(folder: Path) -> Path:
    if not folder.is_dir():
        raise ValueError(f"template folder {folder}: not a folder")
    return folder.resolve()
