"""The one place a file's problem becomes an error: a ``PlanReadError`` with a code and fields.

The words live in the catalogue under ``[documents]`` (Vietnamese by default); the code and the
fields stay on the error so a caller can tell problems apart and say them in the user's language.
"""
from __future__ import annotations

from rules.model import PlanReadError


def problem(code: str, file: str, /, section: str = "documents", **fields: object) -> PlanReadError:
    """A PlanReadError naming ``file``, worded by ``<section>.<code>`` in the catalogue."""
    return PlanReadError(code, file=file, section=section, **fields)
