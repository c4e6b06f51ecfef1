"""Unit fields split into units as written: commas inside names kept, groups kept whole."""
import pytest

from rules.units import split_units

FIELDS = [
    ("Sở Văn hóa, Thể thao và Du lịch.", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Khoa học và Công nghệ; các cơ quan, đơn vị liên quan.",
     ["Sở Khoa học và Công nghệ", "các cơ quan, đơn vị liên quan"]),
    ("Phòng Văn hóa và Thông tin, Văn phòng HĐND và UBND huyện, các cơ quan, đơn vị liên quan.",
     ["Phòng Văn hóa và Thông tin", "Văn phòng HĐND và UBND huyện", "các cơ quan, đơn vị liên quan"]),
    ("Văn phòng UBND tỉnh (Trung tâm Công báo và Tin học).", ["Văn phòng UBND tỉnh (Trung tâm Công báo và Tin học)"]),
    ("UBND cấp xã (Đài Truyền thanh cấp xã).", ["UBND cấp xã (Đài Truyền thanh cấp xã)"]),
    ("Chính quyền địa phương ..", ["Chính quyền địa phương"]),
    ("Đài Phát thanh và Truyền hình tỉnh (52 số/năm).", ["Đài Phát thanh và Truyền hình tỉnh"]),
    ("Văn phòng HĐND và UBND  đăng tải, cập nhật lên Trang; Trung tâm Phục vụ hành chính công niêm yết, công khai.",
     ["Văn phòng HĐND và UBND", "Trung tâm Phục vụ hành chính công"]),
    ("Các sở, ban ngành; Các trường Đại học, Cao đẳng trên địa bàn tỉnh.",
     ["Các sở, ban ngành", "Các trường Đại học, Cao đẳng trên địa bàn tỉnh"]),
    ("Trung tâm Truyền thông - Văn hóa - Thể thao huyện, UBND các xã, thị trấn.",
     ["Trung tâm Truyền thông - Văn hóa - Thể thao huyện", "UBND các xã, thị trấn"]),
    ("Trung tdm Céng bao va Tin hoc; cac phong, ban, don VI.", ["Trung tdm Céng bao va Tin hoc", "cac phong, ban, don VI"]),
    ("Sở Tư pháp, Sở Nội vụ, Công an tỉnh", ["Sở Tư pháp", "Sở Nội vụ", "Công an tỉnh"]),
]


@pytest.mark.parametrize("text, units", FIELDS, ids=[f[0][:40] for f in FIELDS])
def test_a_field_splits_into_its_units(text, units):
    assert split_units(text) == units
