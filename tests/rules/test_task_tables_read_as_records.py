"""A task table is read row by row as the reader's labelled lines, whatever its columns' order,
header words, merges and repeated headers; other tables stay plain rows."""
import pytest

from rules import read_plan
from rules.layout import Cell, Paragraph, Table, header_field, lay_out, number_label


def row(*texts, **merged):
    return tuple(Cell(text=t) if isinstance(t, str) else t for t in texts)


DOWN = Cell(continued=True)


def lines_of(*blocks):
    return lay_out(list(blocks)).text.split("\n")


def test_a_lead_cell_merged_down_leads_every_task_of_its_block():
    table = Table(rows=[
        row("STT", "Nội dung", "Đơn vị chủ trì", "Thời gian thực hiện"),
        row("1", "Đăng tin về CCHC", "Sở Nội vụ", "Năm 2025"),
        row("2", "Tổ chức hội nghị", DOWN, "Quý III/2025"),
    ])
    assert lines_of(table) == [
        "1. Đăng tin về CCHC", "- Đơn vị chủ trì: Sở Nội vụ", "- Thời gian thực hiện: Năm 2025",
        "2. Tổ chức hội nghị", "- Đơn vị chủ trì: Sở Nội vụ", "- Thời gian thực hiện: Quý III/2025",
    ]


def test_a_row_merged_across_is_a_heading_and_numbering_under_it_starts_again():
    table = Table(rows=[
        row("TT", "Nhiệm vụ", "Cơ quan chủ trì"),
        (Cell(text="I. Lĩnh vực cải cách hành chính", span=3),),
        row("", "Đăng tin", "Sở Nội vụ"),
        (Cell(text="II"), Cell(text="Lĩnh vực chuyển đổi số", span=2)),
        row("", "Hội thi", "Sở Khoa học và Công nghệ"),
    ])
    assert lines_of(table) == [
        "I. Lĩnh vực cải cách hành chính", "1. Đăng tin", "- Đơn vị chủ trì: Sở Nội vụ",
        "II. Lĩnh vực chuyển đổi số", "1. Hội thi", "- Đơn vị chủ trì: Sở Khoa học và Công nghệ",
    ]


def test_a_second_header_row_splits_the_units_into_lead_and_support():
    table = Table(rows=[
        row("STT", "Hoạt động", Cell(text="Đơn vị thực hiện", span=2), "Thời hạn"),
        row(DOWN, DOWN, "Chủ trì", "Phối hợp", DOWN),
        row("(1)", "(2)", "(3)", "(4)", "(5)"),
        row("1", "Hội nghị", "Sở Nội vụ", "Các sở, ngành", "Quý II/2025"),
    ])
    assert lines_of(table) == [
        "1. Hội nghị", "- Đơn vị chủ trì: Sở Nội vụ", "- Đơn vị phối hợp: Các sở, ngành",
        "- Thời gian thực hiện: Quý II/2025",
    ]


def test_the_header_repeated_on_a_new_page_is_skipped_and_a_table_continued_keeps_its_columns():
    header = row("Tần suất", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "STT")
    first = Table(rows=[header, row("01 số/tuần", "Bản tin", "Đài Phát thanh", "1")], page=1)
    again = Table(rows=[header, row("02 kỳ/tháng", "Chuyên trang", "Báo Quảng Ngãi", "2")], page=2)
    bare = Table(rows=[row("12 số/năm", "Bản tin số", "Sở Nội vụ", "3")], page=3)
    laid = lay_out([first, Paragraph(text="7", page=2), again, bare])
    assert [line for line in laid.text.split("\n") if line[:1].isdigit() and len(line) > 2] == [
        "1. Bản tin", "2. Chuyên trang", "3. Bản tin số"]
    assert laid.pages[laid.text.split("\n").index("3. Bản tin số")] == 3


def test_cells_of_several_lines_keep_bullets_units_and_wrapped_words():
    table = Table(rows=[
        row("STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tần suất"),
        row("a", "Chuyên mục CCHC\n- Phát trên sóng phát thanh\n1. Số đặc biệt",
            "Đài Phát thanh và Truyền\nhình tỉnh", "Sở Nội vụ\nSở Khoa học và\nCông nghệ",
            "01 số/tuần\n(52 số/năm)\nBản tin PCI: 02 số/tháng"),
    ])
    assert lines_of(table) == [
        "a) Chuyên mục CCHC", "- Phát trên sóng phát thanh", "+ 1. Số đặc biệt",
        "- Đơn vị chủ trì: Đài Phát thanh và Truyền hình tỉnh",
        "- Đơn vị phối hợp: Sở Nội vụ; Sở Khoa học và Công nghệ",
        "- Tần suất: 01 số/tuần (52 số/năm)", "+ Bản tin PCI: 02 số/tháng",
    ]


def test_a_cadence_cell_written_as_a_list_keeps_its_items():
    table = Table(rows=[
        row("STT", "Nội dung", "Tần suất"),
        row("c", "Sản xuất chuyên mục", "- Chuyên mục “Cải cách hành chính”: 01 số/tuần\n- Bản tin PCI: 01 số/tháng"),
    ])
    assert lines_of(table) == ["c) Sản xuất chuyên mục", "- Tần suất:", "- Chuyên mục “Cải cách hành chính”: 01 số/tuần",
                               "- Bản tin PCI: 01 số/tháng"]


def test_a_task_spread_over_several_rows_by_a_merged_content_cell_is_one_task():
    table = Table(rows=[
        row("STT", "Nội dung", "Tần suất", "Đơn vị chủ trì"),
        row("1", "Bản tin PAPI", "01 số/tuần trên kênh phát thanh", "Đài PTTH"),
        row(DOWN, DOWN, "01 số/tuần trên kênh truyền hình", DOWN),
    ])
    assert lines_of(table) == [
        "1. Bản tin PAPI", "- Đơn vị chủ trì: Đài PTTH",
        "- Tần suất: 01 số/tuần trên kênh phát thanh", "+ 01 số/tuần trên kênh truyền hình",
    ]


def test_a_table_without_task_fields_is_read_as_plain_rows():
    table = Table(rows=[row("Họ tên", "Chức vụ"), row("Nguyễn Văn A", "Chủ tịch")])
    assert lines_of(table) == ["Họ tên | Chức vụ", "Nguyễn Văn A | Chủ tịch"]


@pytest.mark.parametrize("cell, label", [("1", "1."), ("1.", "1."), ("2.3", "2.3."), ("a", "a)"), ("đ)", "đ)"),
                                         ("IV", "IV."), ("B.", "B."), ("2.a", "a)"), ("2đ", "đ)"), ("", ""), ("Ghi chú dài", "")])
def test_a_number_cell_becomes_the_label_the_outline_reads(cell, label):
    assert number_label(cell) == label


PLAN_HEAD = ["KẾ HOẠCH", "Truyền thông về cải cách hành chính năm 2025", "I. MỤC ĐÍCH", "1. Nâng cao nhận thức.",
             "II. NHIỆM VỤ CỤ THỂ", "(Chi tiết tại Phụ lục kèm theo)", "III. TỔ CHỨC THỰC HIỆN",
             "1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch.", "Nơi nhận:", "- Như trên;",
             "PHỤ LỤC", "NHIỆM VỤ CỤ THỂ"]


def test_a_table_in_the_appendix_is_read_where_the_task_section_refers_to_it():
    blocks = [Paragraph(text=t) for t in PLAN_HEAD] + [Table(rows=[
        row("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"),
        row("1", "Xuất bản Bản tin CCHC", "Sở Nội vụ", "Năm 2025"),
    ])]
    plan = read_plan(lay_out(blocks).text, file="appendix.docx")
    assert [(a.ref, a.title, a.lead) for a in plan.activities] == [("II.1", "Xuất bản Bản tin CCHC", ("Sở Nội vụ",))]


def test_each_line_names_the_page_it_came_from():
    laid = lay_out([Paragraph(text="KẾ HOẠCH", page=1), Paragraph(text="I. NHIỆM VỤ", page=2),
                    Table(rows=[row("STT", "Nội dung", "Chủ trì"), row("1", "Hội nghị", "Sở Nội vụ")], page=3)])
    assert [laid.page_of(n) for n in range(1, 5)] == [1, 2, 3, 3]
    assert laid.with_page_markers().split("\n")[:3] == ["--- 1 ---", "KẾ HOẠCH", "--- 2 ---"]


# (a column header as offices write it, the field it names): the plans' own labels and the
# headers of appendix task tables, as in [tables] of the vocabulary.
HEADERS = [
    ("STT", "number"), ("TT", "number"), ("Số TT", "number"), ("Nội dung", "content"), ("Nhiệm vụ", "content"),
    ("Hoạt động", "content"), ("Nội dung công việc", "content"), ("Đơn vị chủ trì", "lead"),
    ("Cơ quan chủ trì thực hiện", "lead"), ("Cơ quan thực hiện", "lead"), ("Chủ trì", "lead"),
    ("Đơn vị phối hợp", "support"), ("Phối hợp", "support"), ("Thời gian thực hiện", "time"), ("Thời hạn", "time"),
    ("Tiến độ", "time"), ("Thời gian hoàn thành", "time"), ("Tần suất", "frequency"), ("Số lượng", "frequency"),
    ("Sản phẩm", "frequency"), ("Ghi chú", "note"), ("Họ và tên", None), ("TTHC", None),
]


@pytest.mark.parametrize("header, field", HEADERS)
def test_a_column_header_names_its_field(header, field):
    assert header_field(header) == field
