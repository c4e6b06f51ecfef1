"""A task table keeps the plan's nesting: rows without an STT column are numbered one level
below their heading (a row that only names a group holds the points below it), and a table
whose headings restart at "I., II." inside a body part "III." is nested under that part.

The rows are Trà Bồng's tasks (shared/plans/tra-bong-district-2025.txt, III.2.7–III.2.8) and
Tịnh Sơn's (shared/plans/tinh-son-commune-dvctt-2025.txt, IV.1), laid out as tables are."""
from rules.blocks import Cell, Paragraph, Table
from rules.layout import lay_out
from rules.outline import read_outline
from rules.reader import read_plan


def row(*texts, span=None):
    if span:
        return (Cell(text=texts[0], span=span),)
    return tuple(Cell(text=t) for t in texts)


HEADER = row("Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện")


def leaves(text):
    root = read_outline(text)
    return [n.ref for n in root.walk() if n.marker is not None and not n.children]


def test_rows_without_a_number_under_a_numbered_heading_keep_their_group_and_its_points():
    table = Table(rows=(
        HEADER,
        row("2. Về cải cách hành chính", span=3),
        row("Lồng ghép tuyên truyền về CCHC trong các Hội nghị, Hội thảo chuyên đề",
            "Các cơ quan, đơn vị, địa phương trên địa bàn huyện", "Thường xuyên trong năm"),
        row("Xây dựng chuyên trang, chuyên mục tuyên truyền CCHC trên Cổng/Trang Thông tin điện tử huyện, xã, thị trấn", "", ""),
        row("Chuyên mục tuyên truyền CCHC trên Cổng Thông tin điện tử huyện", "Phòng Văn hóa, Khoa học và Thông tin",
            "Thường xuyên trong năm"),
        row("Chuyên mục tuyên truyền CCHC trên Trang Thông tin điện tử các xã, thị trấn", "UBND các xã, thị trấn",
            "Thường xuyên trong năm"),
    ))
    text = lay_out([Paragraph(text="III. NHIỆM VỤ CỤ THỂ"), table]).text
    assert leaves(text) == ["III.2.1", "III.2.2.a", "III.2.2.b"]


def test_rows_without_a_number_under_a_heading_with_no_group_are_its_lettered_points():
    """Tịnh Sơn cites its tasks by letter ("điểm a, b khoản 1 … thuộc phần IV"): lettered rows
    let the citation find them."""
    table = Table(rows=(
        HEADER,
        row("1. Tuyên truyền trên nền tảng số", span=3),
        row("Thiết lập và phát triển các nền tảng mạng xã hội để tuyên truyền", "", "Năm 2025"),
        row("Sản xuất nội dung tin bài, ảnh, đồ họa thông tin (infographic)", "", "Năm 2025"),
    ))
    text = lay_out([Paragraph(text="IV. NHIỆM VỤ, HOẠT ĐỘNG CỤ THỂ"), table]).text
    assert leaves(text) == ["IV.1.a", "IV.1.b"]


def test_rows_without_a_number_and_no_heading_are_numbered_from_one():
    table = Table(rows=(HEADER, row("Việc một", "Phòng Nội vụ", "Quý II/2025"), row("Việc hai", "Phòng Tư pháp", "Quý III/2025")))
    assert leaves(lay_out([Paragraph(text="II. NHIỆM VỤ"), table]).text) == ["II.1", "II.2"]


def test_an_appendix_numbered_from_I_nests_under_the_body_part_that_refers_to_it():
    appendix = Table(rows=(
        row("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"),
        row("I. Lĩnh vực cải cách hành chính", span=4),
        row("1", "Cập nhật thông tin về CCHC trên Cổng/Trang thông tin điện tử", "Các cơ quan, đơn vị, địa phương", "Thường xuyên trong năm"),
        row("2", "Hướng dẫn các đơn vị, địa phương truyền thông tuyên truyền về CCHC", "Phòng Văn hóa, Khoa học và Thông tin", "Quý II/2025"),
        row("II. Lĩnh vực chuyển đổi số", span=4),
        row("1", "Duy trì hoạt động chuyên mục về chuyển đổi số", "Phòng Văn hóa, Khoa học và Thông tin", "Thường xuyên trong năm"),
    ))
    blocks = [
        Paragraph(text="KẾ HOẠCH"), Paragraph(text="Truyền thông về cải cách hành chính năm 2025 trên địa bàn huyện Trà Bồng"),
        Paragraph(text="I. MỤC ĐÍCH, YÊU CẦU"), Paragraph(text="1. Mục đích"),
        Paragraph(text="III. NHIỆM VỤ CỤ THỂ"), Paragraph(text="Chi tiết tại Phụ lục kèm theo."),
        Paragraph(text="IV. TỔ CHỨC THỰC HIỆN"), Paragraph(text="1. Phòng Nội vụ: theo dõi, đôn đốc việc thực hiện Kế hoạch này."),
        Paragraph(text="Nơi nhận:"), Paragraph(text="- Như trên;"),
        Paragraph(text="PHỤ LỤC"), appendix,
    ]
    text = lay_out(blocks).text
    plan = read_plan(text, file="tra-bong.txt")
    assert [a.ref for a in plan.activities] == ["III.1.1", "III.1.2", "III.2.1"]
    assert plan.activities[1].lead == ("Phòng Văn hóa, Khoa học và Thông tin",)


def test_a_table_numbered_from_I_under_a_lettered_part_is_left_as_it_is():
    table = Table(rows=(
        row("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"),
        row("I. Lĩnh vực cải cách hành chính", span=3),
        row("1", "Cập nhật thông tin về CCHC", "Văn phòng UBND tỉnh"),
    ))
    assert leaves(lay_out([Paragraph(text="C. NHIỆM VỤ, HOẠT ĐỘNG CỤ THỂ"), table]).text) == ["C.I.1"]
