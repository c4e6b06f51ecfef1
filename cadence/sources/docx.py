"""Word files (.docx) as their body runs: paragraphs with the labels Word's automatic numbering
shows, and tables with their merged cells, in reading order, with the page each one starts on.

The XML is read through python-docx, which opens the package and its parts; the body is walked
directly (``w:p``, ``w:tbl``, content controls) because python-docx's own ``paragraphs`` and
``tables`` lists separate the two and lose their order. Pages are counted from the page breaks
Word wrote when it last laid the document out (``w:lastRenderedPageBreak``) and from explicit
ones; a file never opened in Word has no such marks, and reads as one page.
"""
from __future__ import annotations

import io

from docx.oxml.ns import qn

from cadence.sources.numbering import Numbering
from cadence.sources.problems import problem
from rules.layout import Block, Cell, Paragraph, Table

_P, _TBL, _SDT, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_RENDERED_BREAK, _DEL, _VAL = qn("w:lastRenderedPageBreak"), qn("w:del"), qn("w:val")
_SKIPPED = {qn("w:del"), qn("w:instrText"), qn("w:delText"), qn("w:footnoteReference"), qn("w:pPr"), qn("w:rPr")}


class _Styles:
    """Numbering a paragraph gets from its style (headings linked to a list), through basedOn."""

    def __init__(self, element) -> None:
        self.numbering: dict[str, tuple[str | None, int | None]] = {}
        self.based_on: dict[str, str] = {}
        if element is None:
            return
        for style in element.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                self.numbering[style_id] = (_child_val(num_pr, "w:numId"), _int(_child_val(num_pr, "w:ilvl")))
            if (based := style.find(qn("w:basedOn"))) is not None:
                self.based_on[style_id] = based.get(_VAL)

    def numbering_of(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.numbering:
                return self.numbering[style_id]
            style_id = self.based_on.get(style_id)
        return None, None


def _child_val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(_VAL) if child is not None else None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


class _Walker:
    """Walks the body once, counting pages and numbering as Word would."""

    def __init__(self, numbering: Numbering, styles: _Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.page = 1

    def blocks(self, container) -> list[Block]:
        out: list[Block] = []
        for child in container.iterchildren():
            if child.tag == _P:
                out.append(self.paragraph(child))
            elif child.tag == _TBL:
                out.append(self.table(child))
            elif child.tag == _SDT and (content := child.find(qn("w:sdtContent"))) is not None:
                out.extend(self.blocks(content))
        return out

    def paragraph(self, element) -> Paragraph:
        page = self.page
        parts: list[str] = []
        for node in _text_nodes(element):
            if node.tag == _T:
                parts.append(node.text or "")
            elif node.tag == _TAB:
                parts.append(" ")
            elif node.tag in (_BR, _CR):
                if node.get(qn("w:type")) == "page":
                    self.page += 1
                else:
                    parts.append("\n")
            elif node.tag == _RENDERED_BREAK:
                if "".join(parts).strip():
                    self.page += 1
                else:  # the page starts with this paragraph
                    self.page += 1
                    page = self.page
        return Paragraph(text="".join(parts), label=self.label(element), page=page)

    def label(self, element) -> str:
        p_pr = element.find(qn("w:pPr"))
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        style = _child_val(p_pr, "w:pStyle")
        style_num, style_level = self.styles.numbering_of(style)
        num_id = _child_val(num_pr, "w:numId") if num_pr is not None else None
        level = _int(_child_val(num_pr, "w:ilvl")) if num_pr is not None else None
        num_id = num_id if num_id is not None else style_num
        if num_id is None:
            return ""
        level = level if level is not None else (style_level or 0)
        return self.numbering.label(num_id, level)

    def table(self, element) -> Table:
        page = self.page
        rows = []
        for tr in element.iterchildren(_TR):
            cells: list[Cell] = []
            before = _int(_child_val(tr.find(qn("w:trPr")), "w:gridBefore"))
            if before:
                cells.append(Cell(span=before))
            for tc in tr.iterchildren(_TC):
                cells.append(self.cell(tc))
            rows.append(tuple(cells))
        return Table(rows=tuple(rows), page=page)

    def cell(self, tc) -> Cell:
        tc_pr = tc.find(qn("w:tcPr"))
        span = _int(_child_val(tc_pr, "w:gridSpan")) or 1
        merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
        continued = merge is not None and merge.get(_VAL, "continue") == "continue"
        texts = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                texts.append(f"{block.label} {block.text}".strip() if block.label else block.text)
            else:  # a table inside a cell: its rows as lines
                texts += [" ".join(c.text for c in row if c.text) for row in block.rows]
        return Cell(text="\n".join(t for t in texts if t.strip()), span=span, continued=continued)


def _text_nodes(element):
    """The text-bearing nodes of a paragraph in order, leaving out deleted text and field codes."""
    stack = [iter(element)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if node.tag in _SKIPPED or not isinstance(node.tag, str):
            continue
        if node.tag in (_T, _TAB, _BR, _CR, _RENDERED_BREAK):
            yield node
        elif len(node):
            stack.append(iter(node))


def docx_blocks(data: bytes, name: str) -> list[Block]:
    """The body of a .docx in reading order."""
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # a damaged or mislabelled file: python-docx raises many kinds
        raise problem("bad-docx", name, kind=error.__class__.__name__) from None
    part = document.part
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    styles = part.styles.element if part.styles is not None else None
    return _Walker(Numbering(numbering), _Styles(styles)).blocks(document.element.body)
