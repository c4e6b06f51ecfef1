"""Any tables and paragraphs a file may yield are laid out without an error, one page per line."""
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.layout import Cell, Paragraph, Table, lay_out

WORDS = ["STT", "Nội dung", "Đơn vị chủ trì", "Phối hợp", "Thời gian", "Tần suất", "I. Lĩnh vực", "1", "a", "2.a",
         "Sở Nội vụ\nSở Tư pháp", "01 số/tuần\n(52 số/năm)", "Nơi nhận:", "Phụ lục", "", "III. NHIỆM VỤ", "7"]
cells = st.builds(Cell, text=st.sampled_from(WORDS) | st.text(max_size=20), span=st.integers(1, 3),
                  continued=st.booleans())
tables = st.builds(Table, rows=st.lists(st.lists(cells, min_size=1, max_size=6).map(tuple), max_size=8).map(tuple),
                   page=st.integers(0, 5))
paragraphs = st.builds(Paragraph, text=st.sampled_from(WORDS) | st.text(max_size=30),
                       label=st.sampled_from(["", "1.", "a)", "-", "II."]), page=st.integers(0, 5))


@settings(max_examples=300, deadline=None)
@given(st.lists(tables | paragraphs, max_size=8))
def test_any_blocks_lay_out_with_a_page_for_every_line(blocks):
    laid = lay_out(blocks)
    assert len(laid.pages) == len(laid.text.split("\n")) or (laid.pages, laid.text) == ((), "")
