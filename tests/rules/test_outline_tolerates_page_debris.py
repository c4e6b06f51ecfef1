"""Headings are found through page numbers, wrapped lines and OCR-damaged numerals."""
from rules.outline import read_outline


def refs(text):
    return [n.ref for n in read_outline(text).walk() if n.marker is not None]


def test_page_numbers_between_lines_are_dropped():
    text = "I. NHIỆM VỤ\n1. Việc một\n\n4\n \ntiếp theo của việc một\n2. Việc hai\n"
    root = read_outline(text)
    assert refs(text) == ["I", "I.1", "I.2"]
    assert root.children[0].children[0].text == "Việc một tiếp theo của việc một"


def test_a_wrapped_line_starting_with_a_year_is_not_a_heading():
    assert refs("I. NHIỆM VỤ\n1. Giai đoạn 2022 -\n2030. Tiếp tục\n2. Việc hai\n") == ["I", "I.1", "I.2"]


def test_ocr_roman_numerals_are_read():
    assert refs("|. MUC DICH\n1. Mot\n11. NOI DUNG\n1. Hai\nI11. HINH THUC\n1. Ba\n") == [
        "I", "I.1", "II", "II.1", "III", "III.1"]


def test_dotted_numbers_hang_under_their_parent_and_give_their_last_part():
    assert refs("III. NHIỆM VỤ\n1. Về CĐS\n1.1. Việc\n1.2. Việc\na) Điểm\n2. Về CCHC\n2.1. Việc\n") == [
        "III", "III.1", "III.1.1", "III.1.2", "III.1.2.a", "III.2", "III.2.1"]


def test_letters_follow_the_vietnamese_alphabet_and_may_skip_one():
    assert refs("A. X\nI. Y\na) một\nb) hai\nd) bốn\nđ) năm\ng) bảy\nB. Z\n") == [
        "A", "A.I", "A.I.a", "A.I.b", "A.I.d", "A.I.đ", "A.I.g", "B"]


def test_ocr_damaged_labels_are_recognised():
    root = read_outline("I. NHIEM VU\n1. Viec\n- Pon vi phéi hop: Trung tam.\n- Bon vi chu tri: Phong.\n")
    assert [b.field for b in root.children[0].children[0].blocks] == ["support", "lead"]
