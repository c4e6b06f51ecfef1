"""Every rule, window, unit, monitor, report and warning carries the span of the words it was read
from: a line and offsets into the text as the reader saw it, whatever its form."""
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from rules import read_phrase, read_plan
from rules.text import fold_words
from tests.rules.plan_text import PLAN


def words_of(text):
    return re.findall(r"\w+", fold_words(text))


def assert_contains(source, span, words):
    """The span lies in the source and its slice holds the words, in order."""
    assert 0 <= span["start"] <= span["end"] <= len(source)
    assert span["line"] == len((source[:span["start"]] + "x").splitlines())  # lines as str.splitlines counts them
    sliced = words_of(source[span["start"]:span["end"]])
    position = 0
    for word in words_of(words):
        assert word in sliced[position:], (word, sliced)
        position = sliced.index(word, position) + 1


def test_a_plans_rules_windows_and_units_point_at_their_words():
    text = PLAN.replace("{extra}", "")
    plan = read_plan(text, file="p.txt").to_json()
    first = plan["activities"][0]
    (rule,) = first["rules"]
    assert text[rule["span"]["start"]:rule["span"]["end"]] == "02 chuyên mục/tháng (20 chuyên mục/năm)"
    assert rule["span"]["line"] == 9
    assert text[first["window"]["span"]["start"]:first["window"]["span"]["end"]] == "Năm 2026."
    lead = first["spans"]["lead"][0]
    assert text[lead["start"]:lead["end"]] == "Đài Truyền thanh xã"
    assert [text[s["start"]:s["end"]] for s in first["spans"]["support"]] == ["Văn phòng HĐND và UBND xã", "các ban, ngành liên quan"]
    assert text[first["spans"]["title"]["start"]:first["spans"]["title"]["end"]] == first["title"]
    for part in plan["monitors"] + plan["reports"]:
        assert part["span"]["line"] >= 1 and text[part["span"]["start"]:part["span"]["end"]].strip()


def test_warnings_carry_the_span_of_their_words():
    text = PLAN.replace("{extra}", "c) Phát hành tờ rơi\n- Tần suất: tùy theo tình hình thực tế.\n- Đơn vị chủ trì: Công an xã.")
    plan = read_plan(text, file="p.txt")
    (unread,) = [w for w in plan.warnings if w.code == "frequency-unread"]
    assert text[unread.span.start:unread.span.end] == "tùy theo tình hình thực tế."
    assert unread.span.line == text[:unread.span.start].count("\n") + 1


def test_spans_point_into_text_that_was_not_in_nfc():
    decomposed = unicodedata.normalize("NFD", PLAN.replace("{extra}", ""))
    rule = read_plan(decomposed, file="p.txt").to_json()["activities"][0]["rules"][0]
    assert_contains(decomposed, rule["span"], "02 chuyên mục/tháng")


def test_a_number_and_a_period_the_grammar_cannot_read_is_a_warning_with_its_text():
    reading = read_phrase("Tổ chức hội nghị sau 3 ngày khai mạc, 3 tuần liền", year=2025)
    (warning,) = [w for w in reading.warnings if w.code == "cadence-unread"]
    text = "Tổ chức hội nghị sau 3 ngày khai mạc, 3 tuần liền"
    assert warning.args["words"] == "3 tuần" and text[warning.span.start:warning.span.end] == "3 tuần"


PIECES = st.sampled_from([
    "01 số/tuần (52 số/năm)", "phát sóng lúc 19 giờ thứ Năm hằng tuần trên kênh PTQ", "ba lần mỗi tháng",
    "từ ngày 05/3 đến 20/3/2025", "Quý III/2025", "ngày 15 tháng 8 hằng năm", "(phát lại vào sáng thứ Bảy)",
    "Quyết định số 123/QĐ-UBND ngày 02/01/2025", "trước ngày 20 hằng tháng", "hằng tháng, quý", "; ", ". ", "\n",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12))
def test_phrase_spans_lie_in_the_text_and_hold_the_rules_words(pieces):
    text = " ".join(pieces)
    reading = read_phrase(text, year=2025)
    for rule in reading.rules:
        assert_contains(text, rule.span.to_json(), rule.text)
    for warning in reading.warnings:
        assert 0 <= warning.span.start <= warning.span.end <= len(text)
    if reading.window is not None and reading.window.span is not None:
        assert 0 <= reading.window.span.start <= reading.window.span.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(PIECES, st.sampled_from(["I. NHIỆM VỤ", "1. Việc", "a) Điểm", "- Tần suất: ",
                                                    "- Đơn vị chủ trì: Sở Nội vụ", "- Thời gian: "])), max_size=25))
def test_plan_spans_lie_in_the_text_and_hold_the_rules_words(lines):
    text = "KẾ HOẠCH năm 2025\n" + "\n".join(lines)
    try:
        plan = read_plan(text, file="x.txt", year=2025)
    except Exception as error:  # only the one refusal is allowed
        assert type(error).__name__ == "PlanReadError"
        return
    for activity in plan.activities:
        for rule in activity.rules:
            assert_contains(text, rule.span.to_json(), rule.text.split(" … ")[0])
