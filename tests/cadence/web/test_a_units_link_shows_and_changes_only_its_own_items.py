"""A link is the permission for its own items of its own unit, nothing more: the page lists
only them; a post naming any other item is refused and changes nothing; an item that moved to
another unit (a reorganisation) leaves the old unit's link."""
from __future__ import annotations

import re

from sqlalchemy import select, update

from cadence.links import completion_url, token_of
from cadence.kinds import ItemStatus
from cadence.store.models import DueItem
from tests.cadence.web.conftest import START, csrf_of

OWN, OTHER = "ls-tt-truyen-thong", "ls-phong-vhxh"


def _page_items(html: str) -> list[int]:
    return [int(v) for v in re.findall(r'name="item" value="(\d+)"', html)]


def test_the_page_lists_only_the_links_items_and_refuses_any_other(config, seeded, client) -> None:
    mine, theirs = seeded.items_of(OWN, limit=2), seeded.items_of(OTHER, limit=1)[0]
    token = token_of(completion_url(config, mine, seeded.units[OWN], START))
    page = client.get(f"/l/{token}")
    assert _page_items(page.text) == mine and "Phòng Văn hoá - Xã hội" not in page.text
    csrf = csrf_of(page.text)
    for item in (str(theirs), str(mine[0] + 100_000), "", "1 OR 1=1", "-1"):
        refused = client.post(f"/l/{token}", data={"csrf": csrf, "item": item})
        assert refused.status_code == 403 and "Việc này không thuộc liên kết của bạn." in refused.text
    assert all(seeded.item(i).status is ItemStatus.OPEN for i in [*mine, theirs])


def test_an_item_moved_to_another_unit_leaves_the_old_units_link(config, seeded, client) -> None:
    mine = seeded.items_of(OWN, limit=2)
    token = token_of(completion_url(config, mine, seeded.units[OWN], START))
    with seeded.store.transaction() as session:  # as `cadence units dissolve` moves open items
        session.execute(update(DueItem).where(DueItem.id == mine[1]).values(unit_id=seeded.units[OTHER]))
    page = client.get(f"/l/{token}")
    assert _page_items(page.text) == mine[:1]
    refused = client.post(f"/l/{token}", data={"csrf": csrf_of(page.text), "item": str(mine[1])})
    assert refused.status_code == 403 and seeded.item(mine[1]).status is ItemStatus.OPEN


def test_a_bad_field_is_explained_beside_its_item(config, seeded, client) -> None:
    item = seeded.items_of(OWN, limit=1)[0]
    token = token_of(completion_url(config, [item], seeded.units[OWN], START))
    csrf = csrf_of(client.get(f"/l/{token}").text)
    for fields, message in (({"evidence": "javascript:alert(1)"}, "cần một địa chỉ http(s)"),
                            ({"aired_on": "2025-09-16"}, "ngày phát sóng ở tương lai"),
                            ({"aired_on": "16/09/2025"}, "ngày không hợp lệ")):
        answer = client.post(f"/l/{token}", data={"csrf": csrf, "item": str(item)} | fields)
        assert answer.status_code == 400 and message in answer.text
    assert seeded.item(item).status is ItemStatus.OPEN


def test_a_quota_is_done_once_its_count_reaches_the_target(config, seeded, client) -> None:
    quota = _quota_item(seeded)  # rebroadcasts: 3 a month
    token = token_of(completion_url(config, [quota], seeded.units[OWN], START))
    page = client.get(f"/l/{token}")
    assert 'name="count"' in page.text
    for count, done, status in ((1, 1, ItemStatus.OPEN), (2, 3, ItemStatus.DONE)):
        client.post(f"/l/{token}", data={"csrf": csrf_of(page.text), "item": str(quota), "count": str(count)})
        assert (seeded.item(quota).done_count, seeded.item(quota).status) == (done, status)


def _quota_item(seeded) -> int:
    with seeded.store.transaction() as session:
        return session.scalar(select(DueItem.id).where(DueItem.unit_id == seeded.units[OWN], DueItem.target == 3,
                                                      DueItem.due_at > START).order_by(DueItem.due_at).limit(1))
