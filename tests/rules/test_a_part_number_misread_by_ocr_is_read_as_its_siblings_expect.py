"""OCR reads a digit of a part number as another ("5." as "9."): where the numbers on both sides
of it follow each other, the part is read as the number expected, with a warning; any digit,
letter or roman numeral, not one known misreading."""
import json
from pathlib import Path

import pytest

from bench.scoring import score_plan
from rules.outline import read_outline
from rules.reader import read_plan

SHARED = Path(__file__).resolve().parents[3] / "shared"


def refs(text):
    return [n.ref for n in read_outline(text).walk() if n.marker is not None]


@pytest.mark.parametrize(("written", "expected"), [("9", "5"), ("8", "5"), ("3", "5"), ("15", "5")])
def test_an_arabic_number_between_its_siblings_is_read_as_the_expected_one(written, expected):
    text = f"III. HÌNH THỨC\n1. Một\n2. Hai\n3. Ba\n4. Bốn\n{written}. Năm\nnội dung tiếp\n6. Sáu\nIV. TỔ CHỨC\n"
    root = read_outline(text)
    part = root.children[0]
    assert [c.label for c in part.children] == ["1", "2", "3", "4", expected, "6"]
    assert part.children[4].written == f"{written}."


def test_letters_and_roman_numerals_are_read_the_same_way():
    assert refs("I. A\na) một\nb) hai\nk) ba\nd) bốn\n") == ["I", "I.a", "I.b", "I.c", "I.d"]
    assert [r for r in refs("I. A\nII. B\nVI. C\nIV. D\n") if "." not in r] == ["I", "II", "III", "IV"]


def test_a_number_whose_next_sibling_does_not_follow_stays_text():
    root = read_outline("I. A\n1. Một\n2. Hai\n9. Chín là một dòng văn bản\n7. Bảy\nII. B\n")
    assert [c.label for c in root.children[0].children] == ["1", "2"]


def test_the_next_sibling_is_not_looked_for_past_a_part_of_higher_rank():
    root = read_outline("I. A\n1. Một\n2. Hai\n9. Chín\nII. B\n1. Một\n2. Hai\n3. Ba\n4. Bốn\n")
    assert [c.label for c in root.children[0].children] == ["1", "2"]


def test_the_first_number_of_a_list_is_not_guessed():
    root = read_outline("I. A\n7. Bảy\n2. Hai\n3. Ba\n")
    assert [c.label for c in root.children[0].children] == ["2", "3"]


def test_the_provincial_office_scan_with_5_read_as_9_loses_no_task_and_warns():
    """The scan at 200 dpi read task III.5 of the provincial office plan as "9.": its task and
    fields are kept, and the warning names what was written and what was read."""
    text = (SHARED / "plans" / "provincial-office-2025-ocr.txt").read_text("utf-8")
    damaged = text.replace("\n5. Pay manh tuyén truyén", "\n9. Pay manh tuyén truyén", 1)
    assert damaged != text
    plan = read_plan(damaged, file="provincial-office-2025-ocr.txt")
    gold = json.loads((SHARED / "gold" / "provincial-office-2025-ocr.json").read_text("utf-8"))
    score = score_plan(gold, plan.to_json())
    assert score.activities.found == score.activities.expected and not score.activities.extra
    assert all(right == total for right, total in score.fields.values())
    warning = next(w for w in plan.warnings if w.code == "number-misread")
    assert (warning.ref, warning.args) == ("III.5", {"written": "9.", "read": "5"})
    assert damaged[warning.span.start:warning.span.end] == "9."
