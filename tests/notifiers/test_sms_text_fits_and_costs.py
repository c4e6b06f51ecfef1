"""Segment counting (GSM-7 vs UCS-2), diacritics removal, shortening to a number of segments."""

import pytest

from notifiers import Encoding, SmsSize, fit_segments, sms_size, strip_diacritics

REMINDER = ("Nhắc việc: UBND xã Tân Lập cần nộp Bản tin PAPI số 38 trước ngày 15/9/2025. "
            "Đề nghị đồng chí kiểm tra và cập nhật trên hệ thống.")


def test_plain_ascii_is_gsm7_with_160_characters_in_one_segment():
    assert sms_size("a" * 160) == SmsSize(encoding=Encoding.GSM7, units=160, segments=1)
    assert sms_size("a" * 161).segments == 2
    assert sms_size("a" * 306).segments == 2
    assert sms_size("a" * 307).segments == 3


def test_one_vietnamese_diacritic_turns_the_whole_text_into_ucs2():
    assert sms_size("a" * 69 + "ư").encoding is Encoding.UCS2
    assert sms_size("a" * 69 + "ư").segments == 1
    assert sms_size("a" * 70 + "ư").segments == 2
    assert sms_size("a" * 133 + "ư").segments == 2
    assert sms_size("a" * 134 + "ư").segments == 3


def test_the_accents_the_gsm_alphabet_has_keep_a_text_gsm7():
    assert sms_size("à è é ì ò ù").encoding is Encoding.GSM7


def test_characters_of_the_gsm_extension_table_cost_two_units():
    assert sms_size("[1]").units == 5
    assert sms_size("€" * 80).segments == 1
    assert sms_size("€" * 81).segments == 2


def test_stripping_diacritics_keeps_vietnamese_readable_and_makes_it_gsm7():
    stripped = strip_diacritics(REMINDER)
    assert stripped.startswith("Nhac viec: UBND xa Tan Lap can nop Ban tin PAPI so 38")
    assert "De nghi dong chi kiem tra va cap nhat tren he thong." in stripped
    assert sms_size(stripped).encoding is Encoding.GSM7
    assert sms_size(stripped).segments < sms_size(REMINDER).segments


def test_d_with_stroke_becomes_d_in_both_cases():
    assert strip_diacritics("Đồng Đăng, đường Điện Biên") == "Dong Dang, duong Dien Bien"


def test_typographic_quotes_and_dashes_become_their_plain_forms():
    assert strip_diacritics("“Bản tin” – số 1…") == '"Ban tin" - so 1...'


def test_a_text_that_fits_is_left_as_it_is():
    assert fit_segments("Nhắc việc ngắn", 1) == "Nhắc việc ngắn"


@pytest.mark.parametrize("segments", [1, 2])
def test_a_long_text_is_cut_at_a_word_to_fit_with_an_ellipsis(segments):
    long_text = REMINDER * 3
    fitted = fit_segments(long_text, segments)
    assert sms_size(fitted).segments == segments
    assert fitted.endswith("...")
    assert long_text.startswith(fitted[:-3])
    assert long_text[len(fitted) - 3] == " "  # the cut fell between two words


def test_a_word_longer_than_a_segment_is_cut_inside_it():
    fitted = fit_segments("x" * 500, 1)
    assert fitted == "x" * 157 + "..."


def test_fitting_into_no_segment_is_refused():
    with pytest.raises(ValueError):
        fit_segments(REMINDER, 0)
