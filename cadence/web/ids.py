"""Ids in page addresses: ``/board/items/{item_id:id}``, ``/intake/{version:id}``.

Starlette's ``int`` convertor takes any run of digits, and a 23-digit id then overflows the
database's INTEGER (SQLite raises OverflowError, PostgreSQL an out-of-range error): a 500 for
what is only an address that names nothing. The ``id`` convertor takes at most as many digits as
the largest id, and reads a number past the largest id as 0, which no row has, so the page
answers 404 as for any other id that names nothing.
"""
from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

from cadence.kinds import LARGEST_ID

_DIGITS = len(str(LARGEST_ID))


class IdConvertor(Convertor):
    regex = f"[0-9]{{1,{_DIGITS}}}"

    def convert(self, value: str) -> int:
        number = int(value)
        return number if number <= LARGEST_ID else 0

    def to_string(self, value: int) -> str:
        return str(value)


def checked_id(text: str | None) -> int | None:
    """An id typed into a form or a query: ASCII digits within the largest id, else None."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > _DIGITS or not 1 <= int(text) <= LARGEST_ID:
        return None
    return int(text)


register_url_convertor("id", IdConvertor())
