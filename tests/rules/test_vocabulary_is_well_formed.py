"""The vocabulary table loads, and its entries read the wordings they were taken from."""
import pytest

from rules.outline import _Builder
from rules.phrases import find_cadences
from rules.scope import single_scope
from rules.vocabulary import vocabulary


def test_every_list_in_the_vocabulary_is_a_list_of_phrases():
    vocab = vocabulary()
    for section, table in vocab.data.items():
        for key, value in table.items():
            if isinstance(value, list) and value and isinstance(value[0], str):
                assert vocab.words(section, key), f"{section}.{key} is empty"


# (label as written in a real plan, the field it names)
LABELS = [
    ("Đơn vị chủ trì", "lead"), ("Cơ quan chủ trì", "lead"), ("Cơ quan chủ trì thực hiện", "lead"),
    ("Cơ quan thực hiện", "lead"), ("Tổ chức thực hiện", "lead"), ("Đơn vị phối hợp", "support"),
    ("Cơ quan phối hợp", "support"), ("Cơ quan chỉ đạo", "directs"), ("Thời gian thực hiện", "time"),
    ("Tần suất", "frequency"), ("Pon vi chu tri", "lead"), ("Bon vi chu tri", "lead"),
    ("Pon vi phéi hop", "support"), ("Thoi gian thuc hién", "time"), ("Đơn vị/Cơ quan chủ trì thực hiện", "lead"),
]


@pytest.mark.parametrize("label, field", LABELS)
def test_labels_from_real_plans_name_their_field(label, field):
    assert _Builder().label_field(label) == field


@pytest.mark.parametrize("text, scope", [
    ("Về Chuyển đổi số", "CĐS"), ("Về cải cách hành chính", "CCHC"), ("Nội dung truyền thông về CDS", "CĐS"),
    ("Nâng cao chất lượng cung cấp DVCTT", "DVCTT"), ("vé CCHC va CPS trén Cong", None),
    ("Danh muc TTHC sau khi", "CCHC"), ("dich vu cong truc tuyén; két qua giai quyét TTHC", "DVCTT"),
])
def test_scope_words_name_their_domain(text, scope):
    found = single_scope(text)
    assert (found.value if found else None) == scope


@pytest.mark.parametrize("wording", ["01 số /tuần", "02 kỳ/tháng", "15 tin, bài, video/tháng", "24 chuyên mục /năm",
                                     "01 chương trình/tháng", "1 số (chuyên mục)/tuần", "mỗi tháng 01 chuyên mục"])
def test_output_and_period_words_from_real_plans_are_read(wording):
    assert len(find_cadences(wording)) == 1
