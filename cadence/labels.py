"""The words for an item's state, in both languages, until the catalogue's ``[states]`` table
holds them: the state of an item is being given one definition and one word per state, and
these tables are what it replaces. Every other word is in ``cadence.catalogue``."""
from __future__ import annotations

from cadence.schedule.model import ItemStatus

# An item's stored status, as the command line and the calendar feed show it.
STATUS = {
    ItemStatus.OPEN: ("chưa xong", "open"),
    ItemStatus.DONE: ("đã xong", "done"),
    ItemStatus.LATE: ("xong muộn", "done late"),
    ItemStatus.MISSED: ("quá hạn", "missed"),
    ItemStatus.RETIRED: ("đã bỏ", "retired"),
}

# An item's stored status, as the pages show it.
PAGE_STATUS = {
    ItemStatus.OPEN: ("Chưa xong", "Open"),
    ItemStatus.DONE: ("Đã xong đúng hạn", "Done on time"),
    ItemStatus.LATE: ("Xong trễ hạn", "Done late"),
    ItemStatus.MISSED: ("Quá hạn", "Missed"),
    ItemStatus.RETIRED: ("Đã bỏ khỏi kế hoạch", "Retired"),
}

# A board cell's state (cadence.web.board.CellState), on the board and in exports.
CELL_STATE = {
    "done": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "missed": ("Bỏ lỡ", "Missed"),
    "due": ("Đang đến hạn", "Due"),
    "future": ("Chưa đến kỳ", "Not yet"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0 if str(getattr(lang, "value", lang)) == "vi" else 1]


def status(value: ItemStatus, lang: str) -> str:
    return _pick(STATUS[value], lang)


def page_status(value: ItemStatus, lang: str) -> str:
    return _pick(PAGE_STATUS[value], lang)


def cell_state(value, lang: str) -> str:
    return _pick(CELL_STATE[str(getattr(value, "value", value))], lang)
