"""A plan's text laid out as offices send it: its tasks in a table (merged lead cells, heading
rows, a second header row, an appendix), Word's automatic numbering, .doc and .odt made by
LibreOffice, PDFs with a text layer, and image-only scans.

Every layout is built from the plan's text by general code: the text's outline (rules.outline)
gives the task section, its parts and its tasks with their labelled fields; nothing here knows
one plan from another.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rules.outline import BlockKind, Marker, Node, read_outline
from rules.text import clean, fold
from rules.vocabulary import vocabulary

# -- the plan's parts ---------------------------------------------------------------------------


def _labels(node: Node) -> int:
    return sum(1 for n in node.walk() for b in n.blocks if b.kind is BlockKind.LABEL)


def task_section(root: Node) -> Node:
    """The part listing the tasks: by its name (not the organisation part), else most labels."""
    vocab = vocabulary()
    named = [n for n in root.children if any(w in fold(n.head) for w in vocab.words("sections", "tasks"))
             and not any(w in fold(n.head) for w in vocab.words("sections", "organisation"))]
    return max(named or root.children, key=_labels)


def printed_label(node: Node) -> str:
    if node.marker is Marker.DOTTED:
        return ".".join(str(v) for v in node.value) + "."
    return node.label + (")" if node.marker is Marker.LOWER else ".")


@dataclass
class Row:
    """One row of a task table: a heading (merged across) or a task with its fields."""

    number: str
    content: list[str]
    fields: dict[str, str] = field(default_factory=dict)
    heading: bool = False


_FIELD_OF_LABEL = {"lead": "lead", "support": "support", "time": "time", "frequency": "frequency"}


def task_rows(section: Node) -> list[Row]:
    """The task section's parts and tasks as table rows, in order."""
    rows = []
    for node in section.walk():
        if node is section:
            continue
        row = Row(printed_label(node).rstrip(".)"), [node.text])
        for block in node.blocks:
            name = _FIELD_OF_LABEL.get(block.field or "") if block.kind is BlockKind.LABEL else None
            if name:
                row.fields[name] = f"{row.fields[name]} {block.text}".strip() if name in row.fields else block.text
            elif block.kind is BlockKind.LABEL:
                row.content.append(f"- {block.label}: {block.text}")
            elif block.kind is not BlockKind.CLOSING:
                row.content.append(f"{block.bullet} {block.text}".strip())
        row.heading = node.parent is section and bool(node.children)
        if row.heading:
            row.content = [f"{printed_label(node)} {node.text}"] + row.content[1:]
        rows.append(row)
    return rows


@dataclass
class PlanParts:
    before: list[str]  # up to and including the task section's heading line
    rows: list[Row]
    after: list[str]  # from the part after the task section to the end


def plan_parts(text: str) -> PlanParts:
    lines = clean(text).splitlines()
    root = read_outline(text)
    section = task_section(root)
    siblings = root.children
    following = siblings[siblings.index(section) + 1] if section is not siblings[-1] else None
    end = following.line - 1 if following else _body_end(lines)
    return PlanParts(lines[: section.line], task_rows(section), lines[end:])


def _body_end(lines: list[str]) -> int:
    ends = vocabulary().words("organisation", "end_markers")
    for index, line in enumerate(lines):
        if any(fold(line.strip()).startswith(e) for e in ends):
            return index
    return len(lines)


# -- .docx: tables ------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableStyle:
    """How a table is laid out: its columns (field, header words) in order, and its merges."""

    columns: tuple[tuple[str, str], ...] = (
        ("number", "STT"), ("content", "Nội dung nhiệm vụ"), ("lead", "Đơn vị chủ trì"),
        ("support", "Đơn vị phối hợp"), ("time", "Thời gian thực hiện"), ("frequency", "Tần suất"),
        ("note", "Ghi chú"))
    merge_leads: bool = True  # one lead cell merged down over consecutive tasks of one lead
    two_header_rows: bool = False  # "Đơn vị thực hiện" over "Chủ trì" | "Phối hợp"
    column_numbers: bool = False  # a row "(1) (2) (3) …" under the header
    repeat_header: bool = False  # the header written again every 12 rows, as a page would
    appendix: bool = False  # the table after the signature, the task section pointing to it


STYLES = {
    "table": TableStyle(),
    "table-two-headers": TableStyle(
        columns=(("number", "TT"), ("content", "Nhiệm vụ, hoạt động"), ("time", "Thời hạn"),
                 ("lead", "Chủ trì"), ("support", "Phối hợp"), ("frequency", "Số lượng/tần suất")),
        two_header_rows=True, column_numbers=True, repeat_header=True),
    "table-appendix": TableStyle(
        columns=(("number", "Số TT"), ("content", "Hoạt động"), ("frequency", "Sản phẩm"), ("lead", "Cơ quan chủ trì"),
                 ("support", "Cơ quan phối hợp"), ("time", "Tiến độ")),
        appendix=True),
}


def _set_cell(cell, text: str) -> None:
    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _v_merge(cell, value: str | None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if value:
        merge.set(qn("w:val"), value)
    tc_pr.append(merge)


def _header_rows(style: TableStyle) -> list[list[tuple[str, int, str | None]]]:
    """Header rows as (text, span, vMerge) cells."""
    if not style.two_header_rows:
        return [[(words, 1, None) for _, words in style.columns]]
    top, bottom = [], []
    fields = [f for f, _ in style.columns]
    index = 0
    while index < len(fields):
        if fields[index] == "lead" and index + 1 < len(fields) and fields[index + 1] == "support":
            top.append(("Đơn vị thực hiện", 2, None))
            bottom += [(style.columns[index][1], 1, None), (style.columns[index + 1][1], 1, None)]
            index += 2
            continue
        top.append((style.columns[index][1], 1, "restart"))
        bottom.append(("", 1, "continue"))
        index += 1
    return [top, bottom]


def add_task_table(document, rows: list[Row], style: TableStyle) -> None:
    from docx.oxml import OxmlElement

    fields = [f for f, _ in style.columns]
    header = _header_rows(style)
    body: list[list[tuple[str, int, str | None]]] = []
    for rows_done, row in enumerate(rows):
        if style.repeat_header and rows_done and rows_done % 12 == 0:
            body += copy.deepcopy(header)
        if row.heading:
            body.append([("\n".join(row.content), len(fields), None)])
            continue
        cells = []
        for name in fields:
            text = row.number if name == "number" else "\n".join(row.content) if name == "content" else row.fields.get(name, "")
            cells.append((text, 1, None))
        body.append(cells)
    if style.merge_leads and "lead" in fields:
        _merge_down(body, fields.index("lead"), len(fields))
    table = document.add_table(rows=0, cols=len(fields))
    table.style = "Table Grid"
    all_rows = header + ([[(f"({i + 1})", 1, None) for i in range(len(fields))]] if style.column_numbers else []) + body
    for spec in all_rows:
        row = table.add_row()
        column = 0
        for text, span, merge in spec:
            cell = row.cells[column]
            if span > 1:
                cell = cell.merge(row.cells[column + span - 1])
            _set_cell(cell, text)
            if merge:
                _v_merge(cell, merge)
            column += span
        if spec in header:
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
    _widths(table, fields)


def _widths(table, fields: list[str]) -> None:
    """Columns as offices size them: a narrow number, a wide task, the rest sharing what is left."""
    from docx.shared import Cm

    others = max(1, len(fields) - 2)
    sizes = [Cm(1.2) if f == "number" else Cm(8.0) if f == "content" else Cm(16.0 / others) for f in fields]
    table.autofit = False
    for row in table.rows:
        for cell, size in zip(row.cells, sizes):
            cell.width = size


def _merge_down(body, column: int, width: int) -> None:
    """Consecutive task rows with one lead: the first keeps the text, the rest continue it."""
    first = None  # the row holding the lead text of the run
    for cells in body:
        text = cells[column][0] if len(cells) == width else ""
        if first is not None and text and text == first[column][0]:
            cells[column] = ("", 1, "continue")
            first[column] = (first[column][0], 1, "restart")
        else:
            first = cells if text else None


def _landscape(document) -> None:
    """Task tables are usually printed on landscape pages, as wide as the table needs."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)


def write_table_docx(path: Path, text: str, style: TableStyle) -> Path:
    import docx

    parts = plan_parts(text)
    document = docx.Document()
    _landscape(document)
    for line in parts.before:
        document.add_paragraph(line)
    if style.appendix:
        document.add_paragraph("(Chi tiết tại Phụ lục kèm theo Kế hoạch này)")
    else:
        add_task_table(document, parts.rows, style)
    for line in parts.after:
        document.add_paragraph(line)
    if style.appendix:
        document.add_paragraph("Phụ lục")
        document.add_paragraph("NHIỆM VỤ, HOẠT ĐỘNG CỤ THỂ")
        add_task_table(document, parts.rows, style)
    document.save(str(path))
    return path


# -- .docx: Word's automatic numbering ----------------------------------------------------------

_ABSTRACTS = {  # kind → levels (format, text)
    "upper": [("upperLetter", "%1.")],
    "roman": [("upperRoman", "%1.")],
    "arabic": [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%1.%2.%3.")],
    "lower": [("lowerLetter", "%1)")],
    "dash": [("bullet", "-")],
    "plus": [("bullet", "+")],
}
_KIND = {Marker.UPPER: "upper", Marker.ROMAN: "roman", Marker.ARABIC: "arabic", Marker.DOTTED: "arabic",
         Marker.LOWER: "lower"}


def _start_of(node: Node) -> list[int]:
    if node.marker is Marker.DOTTED:
        return list(node.value)
    if node.marker is Marker.UPPER:
        return [ord(node.label) - ord("A") + 1]
    return [int(node.value)]


class _Lists:
    """The w:num instances: one per run of siblings numbered in sequence."""

    def __init__(self) -> None:
        self.nums: list[tuple[str, dict[int, int]]] = []  # (kind, level → start override)
        self.groups: dict[tuple[int, str], tuple[int, list[int]]] = {}
        self.node_nums: dict[int, int] = {}

    def num_for(self, node: Node) -> tuple[int, int]:
        kind = _KIND[node.marker]
        starts = _start_of(node)
        level = len(starts) - 1
        parent = node.parent
        if node.marker is Marker.DOTTED and parent.marker is Marker.ARABIC and [parent.value] == starts[:-1]:
            return self.node_nums[id(parent)], level  # "1.2." under "1.": the next level of its list
        num = self._num(node, kind, starts)
        self.node_nums[id(node)] = num
        return num, level

    def _num(self, node: Node, kind: str, starts: list[int]) -> int:
        key = (id(node.parent), node.marker.name)
        current = self.groups.get(key)
        if current is not None and current[1][:-1] == starts[:-1] and current[1][-1] + 1 == starts[-1]:
            self.groups[key] = (current[0], starts)
            return current[0]
        self.nums.append((kind, dict(enumerate(starts))))
        self.groups[key] = (len(self.nums), starts)
        return len(self.nums)

    def bullet(self, kind: str) -> int:
        for index, (existing, _) in enumerate(self.nums, start=1):
            if existing == kind:
                return index
        self.nums.append((kind, {}))
        return len(self.nums)


def _numbering_xml(lists: _Lists) -> str:
    """One abstract definition per list, starting where the list starts (as LibreOffice and
    Word write lists that do not continue one another)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    out = [f"<w:numbering {w}>"]
    for num_id, (kind, starts) in enumerate(lists.nums, start=1):
        out.append(f'<w:abstractNum w:abstractNumId="{num_id}"><w:multiLevelType w:val="multilevel"/>')
        for level, (fmt, text) in enumerate(_ABSTRACTS[kind]):
            legal = "<w:isLgl/>" if level else ""
            out.append(f'<w:lvl w:ilvl="{level}"><w:start w:val="{starts.get(level, 1)}"/><w:numFmt w:val="{fmt}"/>'
                       f'{legal}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
        out.append("</w:abstractNum>")
    out += [f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
            for num_id in range(1, len(lists.nums) + 1)]
    out.append("</w:numbering>")
    return "".join(out)


def _number(paragraph, num_id: int, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)
    p_pr.append(num_pr)


_HEAD = re.compile(r"^\S+\s*")


def write_numbered_docx(path: Path, text: str) -> Path:
    """The plan with every part's number and every dash given by Word's numbering, not typed."""
    import docx
    from docx.oxml import parse_xml

    lines = clean(text).splitlines()
    heads = {node.line: node for node in read_outline(text).walk() if node.marker is not None}
    document = docx.Document()
    lists = _Lists()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        node = heads.get(number)
        if node is not None and re.match(r"^\S*[.)]\s", line):  # the typed label gives way to Word's
            paragraph = document.add_paragraph(re.sub(r"^\S*[.)]\s*", "", line, count=1))
            _number(paragraph, *lists.num_for(node))
        elif re.match(r"^[-+]\s", line):
            paragraph = document.add_paragraph(line[1:].strip())
            _number(paragraph, lists.bullet("dash" if line[0] == "-" else "plus"), 0)
        else:
            document.add_paragraph(raw)
    numbering = document.part.numbering_part
    numbering._element = parse_xml(_numbering_xml(lists).encode())
    document.save(str(path))
    return path


# -- LibreOffice, PDFs and scans ----------------------------------------------------------------

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, fmt: str, out_dir: Path) -> Path:
    """``source`` converted by LibreOffice to ``fmt`` ("doc", "odt", "pdf") in ``out_dir``."""
    with tempfile.TemporaryDirectory(prefix="layouts-profile-") as profile:
        subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                       check=True, capture_output=True, timeout=300)
    return out_dir / f"{source.stem}.{fmt}"


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def write_scan(path: Path, text: str, *, dpi: int = 300, pages: int | None = None) -> Path:
    """An image-only PDF of the text, page by page, as a scanner would give it (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height, margin = int(8.27 * dpi), int(11.69 * dpi), int(0.8 * dpi)
    font = ImageFont.truetype(FONT, size=int(12 / 72 * dpi))
    line_height = int(font.size * 1.45)
    lines = _wrapped(clean(text).splitlines(), font, width - 2 * margin)
    per_page = (height - 2 * margin) // line_height
    images = []
    for start in range(0, len(lines), per_page):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for index, line in enumerate(lines[start : start + per_page]):
            draw.text((margin, margin + index * line_height), line, font=font, fill=0)
        images.append(image)
        if pages and len(images) == pages:
            break
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def _wrapped(lines: list[str], font, width: int) -> list[str]:
    out = []
    for line in lines:
        words, current = line.split(), ""
        if not words:
            continue
        for word in words:
            candidate = f"{current} {word}".strip()
            if font.getlength(candidate) <= width or not current:
                current = candidate
            else:
                out.append(current)
                current = word
        out.append(current)
    return out
