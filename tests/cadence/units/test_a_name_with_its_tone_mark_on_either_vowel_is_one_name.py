"""Vietnamese writes the tone of "oa", "oe", "uy" ending a syllable on either vowel ("Văn hoá"
and "Văn hóa", "Thuỷ" and "Thủy"); both are one name. Names that differ by their letters stay
apart ("Ba Tô" and "Ba Tơ"), and "qu" is a consonant ("quá" keeps its mark)."""
from cadence.units.names import exact_key


def test_either_place_of_the_tone_mark_gives_one_name() -> None:
    assert exact_key("Trung tâm Truyền thông - Văn hoá - Thể thao") == exact_key("Trung tâm Truyền thông – Văn hóa – Thể thao")
    assert exact_key("Phòng Tài nguyên và Môi trường, Thuỷ lợi") == exact_key("Phòng Tài nguyên và Môi trường, Thủy lợi")
    assert exact_key("Khoẻ") == exact_key("Khỏe")


def test_other_marks_and_letters_still_tell_names_apart() -> None:
    assert exact_key("Xã Ba Tô") != exact_key("Xã Ba Tơ")
    assert exact_key("Xã Sơn Hạ") != exact_key("Xã Sơn Hà")
    assert exact_key("quá") != exact_key("qúa")
    assert exact_key("hoàn") != exact_key("hòan")
