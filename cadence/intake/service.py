"""The intake's steps, the same for the pages and the command line: read a plan file, keep it as
a draft version, correct its reading, preview its schedule, approve it (only then are items
made, and who approved it and when is kept), retire a plan.

    read = read_file(path, limits=…)                        # the text the reader saw + the Plan
    draft = stage(session, key=…, read=read, by=…, now=…)   # a version awaiting review
    correct(session, draft, target="C.I.2.a", field="rules", value=[…], by=…, now=…)
    approve(session, draft.id, config=…, by=…, now=…)       # corrections applied, items made

Every import applies the plan's corrections again (``overrides``): an amended plan keeps those
whose part of the plan it did not change.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cadence.errors import CadenceError
from cadence.tz import YEARS
from cadence.userfiles import DATA_BYTES, DATA_KEY, FileRefused, parsed, read_bytes
from cadence.intake.overrides import Applied, Correction, apply, comparable, original_of
from cadence.intake.reading import Text, plan_of, text_digest
from cadence.store import intake as stored
from cadence.store.plans import ImportResult, import_plan
from rules.model import Plan


@dataclass(frozen=True, kw_only=True)
class Read:
    """A plan file as read: its name, its bytes' digest, the text the reader saw, the reading."""

    file_name: str
    file_digest: str
    text: Text
    plan: Plan

    @property
    def reading(self) -> dict:
        return self.plan.to_json()


def read_file(path: Path, *, limits, year: int | None = None, name: str | None = None,
              most_bytes: int = DATA_BYTES) -> Read:
    """A plan document (any format ``cadence.sources`` reads), or a reading in JSON (no text, at
    most ``most_bytes``: ``[limits] data_megabytes``). The file is read once, through the bounds
    of its kind, and its digest taken from the bytes read."""
    name = name or path.name
    if path.suffix.lower() == ".json":
        data = read_bytes(path, most_bytes=most_bytes, key=DATA_KEY)
        return Read(file_name=name, file_digest=_digest(data), text=Text(text=""), plan=json_plan(data, str(path)))
    from cadence.sources import read_source
    from rules import read_plan
    from rules.model import PlanReadError

    source = read_source(path, limits)
    try:
        plan = read_plan(source.text, file=name, year=year)
    except PlanReadError as error:
        raise error.elsewhere(file=name) from None
    return Read(file_name=name, file_digest=_digest(source.data), text=Text.of(source.text, source.page_of),
                plan=plan)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def json_plan(data: bytes, path: str) -> Plan:
    """The Plan of a reading in JSON: an object in the shape of SCHEMA.md; anything else (``[]``,
    ``null``, a string, a field of the wrong kind, a year no calendar holds) is one line."""
    from rules.model import plan_from_json

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused("not-utf8", path, line=data.count(b"\n", 0, error.start) + 1, byte=error.start) from None
    try:
        reading = parsed(json.loads, text, path)
    except json.JSONDecodeError as error:
        raise CadenceError("errors.plans.not-json", path=path, line=error.lineno, error=error.msg) from None
    if not isinstance(reading, dict):
        raise FileRefused("not-an-object", path, kind=_JSON_KINDS.get(type(reading), "?"))
    try:
        _check_shape(reading)
        return plan_from_json(reading)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, IndexError) as error:
        raise CadenceError("errors.plans.not-a-reading", path=path, error=_what(error)) from None


_TEXTS = ("file", "title", "issuer")
_LISTS = ("activities", "monitors", "reports", "warnings")


def _check_shape(reading: dict) -> None:
    """The reading's own fields are of their kinds (SCHEMA.md): texts, a year a calendar holds,
    lists of objects; a wrong one is named before anything is built from it."""
    for name in _TEXTS:
        if not isinstance(reading.get(name, ""), str):
            raise ValueError(f"{name}: {reading[name]!r}")
    year = reading.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise ValueError(f"year: {year!r}")
    for name in _LISTS:
        value = reading.get(name, [])
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            raise ValueError(f"{name}: {str(value)[:60]}")


_JSON_KINDS = {list: "[…]", str: "\"…\"", int: "number", float: "number", bool: "true/false", type(None): "null"}


def _what(error: Exception) -> str:
    """A reading's problem in a few words: a missing field by its name, else the error's text."""
    return f"{error.args[0]!r}?" if isinstance(error, KeyError) and error.args else str(error)[:200]


def stage(session, *, key: str, read: Read, by: str, now: dt.datetime, stored_as: str | None = None,
          start: dt.date | None = None, end: dt.date | None = None, as_new: bool = False) -> stored.Version:
    """Keep a reading as a draft version of the plan ``key``."""
    return stored.add_version(session, key=key, file_name=read.file_name, stored_as=stored_as,
                              file_digest=read.file_digest, text=read.text.text, pages=read.text.pages,
                              text_digest=text_digest(read.text.text) if read.text.text else _reading_digest(read),
                              reading=read.reading, uploaded_by=by, now=now, starts_on=start, ends_on=end, as_new=as_new)


def _reading_digest(read: Read) -> str:
    """A reading without its text (a .json file) is known by its activities."""
    return hashlib.sha256(json.dumps(read.reading.get("activities", []), sort_keys=True,
                                     ensure_ascii=False).encode()).hexdigest()


def look_alikes(session, draft: stored.Version) -> list[str]:
    """Other plans this draft seems to be (same text, or same title, issuer and year), unless a
    person said it is a plan of its own."""
    if draft.as_new:
        return []
    return stored.look_alikes(session, key=draft.key, text_digest=draft.text_digest, title=draft.title,
                              issuer=draft.issuer, year=draft.year)


def corrections_of(session, key: str) -> list[Correction]:
    return [Correction(target=c.target, field=c.field, value=c.value, original=c.original, made_by=c.made_by)
            for c in stored.corrections(session, key)]


def effective(session, draft: stored.Version) -> Applied:
    """The draft's reading with the plan's corrections applied."""
    return apply(draft.reading, corrections_of(session, draft.key))


def correct(session, draft: stored.Version, *, target: str, field: str, value: Any, by: str, now: dt.datetime) -> None:
    """Record that ``field`` of ``target`` is ``value`` for this plan, from now on. A correction
    that gives back what the plan says is taken away instead."""
    current = next((c for c in corrections_of(session, draft.key) if (c.target, c.field) == (target, field)), None)
    said = original_of(draft.reading, target, field)
    fits = current is not None and comparable(field, current.original) == comparable(field, said)
    original = current.original if fits else said
    if field not in ("add", "drop") and comparable(field, value) == comparable(field, original):
        stored.remove_correction(session, draft.key, target=target, field=field)
        return
    stored.put_correction(session, draft.key, target=target, field=field, value=value, original=original, by=by, now=now)


def uncorrect(session, draft: stored.Version, *, target: str, field: str) -> None:
    stored.remove_correction(session, draft.key, target=target, field=field)


def approve(session, version_id: int, *, config, by: str, now: dt.datetime, create_units: bool = False,
            follow_declared: bool = False, catch_up: bool = False) -> ImportResult:
    """Make the schedule of a draft, its plan's corrections applied, and record who approved it."""
    draft = stored.version(session, version_id)
    if draft is None or draft.status != stored.DRAFT:
        raise CadenceError("intake.errors.not-a-draft", id=version_id)
    alikes = look_alikes(session, draft)
    if alikes:
        raise CadenceError("intake.errors.looks-like", key=repr(draft.key), others=", ".join(alikes))
    plan = plan_of(effective(session, draft).reading)
    result = import_plan(session, plan, key=draft.key, config=config, now=now, start=draft.starts_on,
                         end=draft.ends_on, follow_declared=follow_declared, catch_up=catch_up,
                         create_units=create_units)
    stored.mark_approved(session, version_id, by=by, now=now)
    return result
