"""The units pages: the directory is listed and searched (accents and case aside), a unit's
name, aliases and people are edited (a landline for SMS refused with a sentence, nothing
changed), and an office's contact list is imported from the page."""
from __future__ import annotations

from tests.cadence.web.conftest import csrf_of, log_in

UNIT = "ls-tt-truyen-thong"


def test_the_directory_is_searched_without_accents(seeded, client) -> None:
    assert log_in(client).status_code == 303
    found = client.get("/units", params={"q": "truyen thong van hoa"})
    assert found.status_code == 200 and f"/units/{UNIT}" in found.text
    assert "/units/xa-ba-to" not in found.text


def test_a_unit_is_edited_and_a_landline_for_sms_is_refused(seeded, client) -> None:
    assert log_in(client).status_code == 303
    page = client.get(f"/units/{UNIT}")
    fields = {"csrf": csrf_of(page.text), "name": "Trung tâm Truyền thông - Văn hoá - Thể thao",
              "aliases": "TT TT-VH-TT Lý Sơn", "level": "agency",
              "cn-name": "Phạm Văn Dũng", "cn-role": "contact", "cn-email": "dung@lyson.example.org",
              "cn-phone": "0255 3822 111"}
    refused = client.post(f"/units/{UNIT}", data=fields)
    assert refused.status_code == 400 and "0255 3822 111" in refused.text
    assert "Phạm Văn Dũng" not in client.get(f"/units/{UNIT}").text
    saved = client.post(f"/units/{UNIT}", data=fields | {"cn-phone": "0912 345 678"})
    assert saved.status_code == 303
    shown = client.get(f"/units/{UNIT}").text
    assert "Phạm Văn Dũng" in shown and "TT TT-VH-TT Lý Sơn" in shown
    assert f"/units/{UNIT}" in client.get("/units", params={"q": "tt tt-vh-tt"}).text


def test_a_contact_list_is_imported_from_the_page(seeded, client) -> None:
    assert log_in(client).status_code == 303
    rows = "Đơn vị,Họ và tên,Chức vụ,Email,Điện thoại,Vai trò\n" \
           "Trung tâm Truyền thông - Văn hoá - Thể thao,Hồ Thị Em,Biên tập viên,em@lyson.example.org,0987 654 321,đầu mối\n"
    page = client.get("/units")
    done = client.post("/units/contacts", data={"csrf": csrf_of(page.text)},
                       files={"file": ("lien-he.csv", rows.encode("utf-8"), "text/csv")})
    assert done.status_code == 200 and "Đã lưu 1 người liên hệ của 1 đơn vị" in done.text
    assert "Hồ Thị Em" in client.get(f"/units/{UNIT}").text
