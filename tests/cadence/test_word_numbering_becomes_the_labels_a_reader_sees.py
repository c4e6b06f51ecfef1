"""Word's automatic numbering, computed from numbering.xml as Word shows it: levels, formats,
restarts, overrides, lists continued across other lists, numbering from a paragraph's style."""
import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from cadence.sources.docx import docx_blocks
from cadence.sources.numbering import format_number

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def level(ilvl, fmt, text, start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def abstract(aid, *levels):
    return f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'


def num(nid, aid, overrides=""):
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def start_over(ilvl, start):
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'


def document_with(tmp_path, definitions, paragraphs, styles=None):
    """A .docx whose paragraphs are (text, numId, ilvl) or (text, None, None, style)."""
    document = docx.Document()
    for text, num_id, ilvl, *style in paragraphs:
        paragraph = document.add_paragraph(text, style=style[0] if style else None)
        if num_id is not None:
            p_pr = paragraph._p.get_or_add_pPr()
            num_pr = OxmlElement("w:numPr")
            for tag, value in (("w:ilvl", ilvl), ("w:numId", num_id)):
                child = OxmlElement(tag)
                child.set(qn("w:val"), str(value))
                num_pr.append(child)
            p_pr.append(num_pr)
    document.part.numbering_part._element = parse_xml(f"<w:numbering {W}>{definitions}</w:numbering>".encode())
    if styles:
        styles(document)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    return [(b.label, b.text) for b in docx_blocks(path.read_bytes(), str(path))]


OUTLINE = abstract(1, level(0, "upperRoman", "%1."), level(1, "decimal", "%2."), level(2, "lowerLetter", "%3)"),
                   level(3, "bullet", "-"))


def test_levels_formats_and_restarts_of_a_plan_outline(tmp_path):
    labels = document_with(tmp_path, OUTLINE + num(1, 1), [
        ("MỤC ĐÍCH", 1, 0), ("Một", 1, 1), ("Hai", 1, 1), ("NHIỆM VỤ", 1, 0), ("Tuyên truyền", 1, 1),
        ("Bản tin", 1, 2), ("Chuyên mục", 1, 2), ("Đơn vị chủ trì: Sở Nội vụ", 1, 3)])
    assert [label for label, _ in labels] == ["I.", "1.", "2.", "II.", "1.", "a)", "b)", "-"]


def test_letters_run_in_vietnamese_order_as_plans_cite_them():
    assert [format_number(n, "lowerLetter") for n in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
    assert format_number(3, "decimalZero") == "03" and format_number(3, "none") == ""


def test_a_multilevel_pattern_shows_every_level(tmp_path):
    definitions = abstract(1, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2.")) + num(1, 1)
    labels = document_with(tmp_path, definitions, [("Về CĐS", 1, 0), ("Đề án", 1, 1), ("Báo chí", 1, 1),
                                                    ("Về CCHC", 1, 0), ("Cập nhật TTHC", 1, 1)])
    assert [label for label, _ in labels] == ["1.", "1.1.", "1.2.", "2.", "2.1."]


def test_legal_numbering_shows_higher_levels_in_decimal(tmp_path):
    definitions = abstract(1, level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2.", extra="<w:isLgl/>")) + num(1, 1)
    labels = document_with(tmp_path, definitions, [("A", 1, 0), ("B", 1, 0), ("C", 1, 1)])
    assert [label for label, _ in labels] == ["I.", "II.", "2.1."]


def test_lists_sharing_a_definition_continue_and_an_override_restarts(tmp_path):
    definitions = (abstract(1, level(0, "decimal", "%1.")) + abstract(2, level(0, "lowerLetter", "%1)"))
                   + num(1, 1) + num(2, 2) + num(3, 1) + num(4, 2, start_over(0, 1)) + num(5, 1, start_over(0, 5)))
    labels = document_with(tmp_path, definitions, [
        ("Một", 1, 0), ("a", 2, 0), ("b", 2, 0), ("Hai", 3, 0), ("a lại", 4, 0), ("b lại", 4, 0), ("Năm", 5, 0),
        ("Sáu", 1, 0)])
    assert [label for label, _ in labels] == ["1.", "a)", "b)", "2.", "a)", "b)", "5.", "6."]


def test_a_level_that_never_restarts_keeps_counting(tmp_path):
    definitions = abstract(1, level(0, "upperRoman", "%1."), level(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'))
    labels = document_with(tmp_path, definitions + num(1, 1), [("A", 1, 0), ("x", 1, 1), ("B", 1, 0), ("y", 1, 1)])
    assert [label for label, _ in labels] == ["I.", "1.", "II.", "2."]


def test_a_level_override_replaces_the_level(tmp_path):
    override = f'<w:lvlOverride w:ilvl="0">{level(0, "upperLetter", "%1.", start=3)}</w:lvlOverride>'
    definitions = abstract(1, level(0, "decimal", "%1.")) + num(1, 1, override)
    labels = document_with(tmp_path, definitions, [("NHIỆM VỤ", 1, 0), ("TỔ CHỨC", 1, 0)])
    assert [label for label, _ in labels] == ["C.", "D."]


def test_a_heading_style_linked_to_a_list_numbers_its_paragraphs(tmp_path):
    def link(document):
        style = document.styles["Heading 1"]._element
        p_pr = style.get_or_add_pPr()
        p_pr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'.encode()))
    definitions = abstract(1, level(0, "upperLetter", "%1.")) + num(1, 1)
    labels = document_with(tmp_path, definitions, [("MỤC ĐÍCH", None, None, "Heading 1"), ("Nội dung", None, None),
                                                   ("NHIỆM VỤ", None, None, "Heading 1")], styles=link)
    assert labels == [("A.", "MỤC ĐÍCH"), ("", "Nội dung"), ("B.", "NHIỆM VỤ")]


@pytest.mark.parametrize("symbol, label", [("\uf0b7", "-"), ("•", "-"), ("-", "-"), ("+", "+"), ("o", "-")])
def test_bullets_read_as_the_dash_or_plus_plans_type(tmp_path, symbol, label):
    definitions = abstract(1, level(0, "bullet", symbol)) + num(1, 1)
    assert document_with(tmp_path, definitions, [("Đơn vị chủ trì: Sở Nội vụ", 1, 0)]) == [(label, "Đơn vị chủ trì: Sở Nội vụ")]
