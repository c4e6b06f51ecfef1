"""The one place a file's problem becomes an error: a ``PlanReadError`` with a code and fields.

The words live in the catalogue under ``[documents]`` (Vietnamese by default); the code and the
fields stay on the error so a caller can tell problems apart or say them in another language.
"""
from __future__ import annotations

from cadence.catalogue import DEFAULT_LANGUAGE, say
from rules.model import PlanReadError


def problem(code: str, file: str, /, lang: str = DEFAULT_LANGUAGE, **fields: object) -> PlanReadError:
    """A PlanReadError naming ``file``, worded by ``documents.<code>`` in the catalogue."""
    error = PlanReadError(say(f"documents.{code}", lang, **fields), file=file)
    error.code = code
    error.fields = fields
    return error
