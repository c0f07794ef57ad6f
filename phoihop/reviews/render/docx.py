"""A review as a Word document in the official layout.

Party layout (Hướng dẫn 36-HD/VPTW, the default): issuing body top left with "*"
beneath and the number under it; "ĐẢNG CỘNG SẢN VIỆT NAM" top right, underlined, with
the italic place and date under it. State layout (Nghị định 30/2020/NĐ-CP): the
national title and motto top right. Both: Times New Roman 14 on A4, margins from
settings.DOC_MARGINS_MM (top, bottom, left, right), sections I–V, recipients and
signature, then the statistical appendix with every table and the charts.
"""

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from phoihop.reviews.data import Review
from phoihop.reviews.render import figures
from phoihop.reviews.render.measure import balanced_break, text_mm
from phoihop.reviews.render.tables import INT, PERCENT, TEXT, YEAR, Table, review_tables, vn_cell
from phoihop.reviews.render.text import STATE, DocumentText, document_text

FONT = "Times New Roman"
CELL_PADDING_MM = 2 * 1.9  # Word's default left + right cell margins
SLACK_MM = 2.0  # what the width estimate may be short by (no kerning assumed, so it errs wide)
LOCALITY_ROWS = 200  # a printed appendix lists the busiest localities; the workbook lists all
_RANGE = re.compile(r"(\d)–(\d)")
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def render_docx(review: Review, report=None, *, charts: bool = True) -> bytes:
    """The official document is Vietnamese whatever language the interface is in.

    `charts=False` leaves the appendix's charts out (the consistency check and its tests
    need the text and tables only)."""
    with translation.override("vi"):
        return _render_docx(review, report, charts)


def _render_docx(review: Review, report, charts: bool) -> bytes:
    text = document_text(review, report)
    doc = _new_document(review, text)
    _header(doc, text)
    _title(doc, text)
    last = None
    for section in text.sections:
        last = _heading(doc, section.heading)
        for paragraph in section.paragraphs:
            if not paragraph.placeholder:  # a draft's empty part stays empty: no drafting text in a document
                last = _body(doc, paragraph.text, bold=paragraph.heading)
    if last is not None:
        last.paragraph_format.keep_with_next = True  # the signature never starts a page alone
    _closing(doc, text)
    _appendix(doc, review, text, charts)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- Page, styles -------------------------------------------------------------------------


def text_width_mm() -> int:
    _top, _bottom, left, right = settings.DOC_MARGINS_MM
    return 210 - left - right


def _new_document(review: Review, text: DocumentText) -> Document:
    doc = Document()
    top, bottom, left, right = settings.DOC_MARGINS_MM
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = section.footer_distance = Mm(10)
    _page_numbers(section)
    _styles(doc)
    doc.core_properties.title = text.title
    doc.core_properties.author = review.host_name
    doc.core_properties.language = "vi-VN"
    return doc


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    _font(normal.font, 14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    for name, size in (("Bảng", 11), ("Bảng nhỏ", 8)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style.font, size)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0


def _font(font, size: float) -> None:
    font.name = FONT
    font.size = Pt(size)
    fonts = font.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _page_numbers(section) -> None:
    """Page numbers top centre from the second page (Hướng dẫn 36, Nghị định 30)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


# --- Runs and paragraphs ------------------------------------------------------------------


def _run(paragraph, text: str, *, size: float = 14, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    return run


def _line(container, text: str, *, align=CENTER, size: float = 14, after: float = 0, **style):
    paragraph = container.add_paragraph() if not _is_blank_cell(container) else container.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.first_line_indent = Mm(0)
    if text:
        _run(paragraph, text, size=size, **style)
    return paragraph


def _is_blank_cell(container) -> bool:
    """A new table cell holds one empty paragraph: write into it instead of adding one."""
    paragraphs = getattr(container, "paragraphs", None)
    return (
        hasattr(container, "vertical_alignment")
        and len(paragraphs) == 1
        and not paragraphs[0].text
        and not paragraphs[0].runs
    )


def _rule(container, width_fraction: float, cell_mm: float, after: float = 0) -> None:
    """A short centred horizontal line (a bottom border on a narrowed empty paragraph)."""
    paragraph = container.add_paragraph()
    indent = Mm(cell_mm * (1 - width_fraction) / 2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(borders, *_after(P_PR_ORDER, "w:pBdr"))


TBL_PR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
    "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)


P_PR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)


def _after(order: tuple[str, ...], tag: str) -> tuple[str, ...]:
    """The tags that must follow `tag` in a properties element (Word refuses any other order)."""
    return order[order.index(tag) + 1 :]


def _heading(doc, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, bold=True)
    return paragraph


def _body(doc, text: str, *, bold=False):
    paragraph = doc.add_paragraph()
    paragraph.alignment = JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    if bold:  # a numbered part's heading stays with its first paragraph
        paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, bold=bold)
    return paragraph


# --- Header, title, closing ---------------------------------------------------------------


def _borderless_table(doc, widths_mm: list[float], rows: int = 1):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_widths(table, widths_mm)
    return table


def _set_widths(table, widths_mm: list[float]) -> None:
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


@dataclass
class HeaderPlan:
    """The header table sized to its text: the right column as wide as its widest line
    (the national title or the place and date), the issuing body on the left in the
    largest allowed size that keeps its upper line on one line, broken into even lines."""

    widths: list[float]
    parent_size: float
    issuer_size: float
    issuer_lines: list[str]
    national_size: float


# Allowed sizes, largest first: Hướng dẫn 36 (Party) writes the bodies in 14; Nghị định 30
# (State) the bodies and the national title in 12–13.
PARTY_SIZES = (14, 13.5, 13)
STATE_SIZES = (13, 12.5, 12)


def _usable(width_mm: float) -> float:
    return width_mm - CELL_PADDING_MM - SLACK_MM


def header_plan(text: DocumentText) -> HeaderPlan:
    total = text_width_mm()
    state = text.layout == STATE
    sizes = STATE_SIZES if state else PARTY_SIZES
    for size in sizes:
        if state:
            national = text_mm(_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size, bold=True)
        else:
            national = text_mm(_("ĐẢNG CỘNG SẢN VIỆT NAM"), 15, bold=True)
        right = max(national, text_mm(text.place_date, 14, italic=True)) + CELL_PADDING_MM + SLACK_MM
        left = total - right
        if not text.issuer_parent or text_mm(text.issuer_parent, size) <= _usable(left) or size == sizes[-1]:
            break
    lines = balanced_break(text.issuer, _usable(left), size, bold=True)
    return HeaderPlan([left, right], size, size, lines, size if state else 15)


def header_widths(layout: str) -> list[float]:
    """The signature block's columns: recipients left, the signer on the right."""
    width = text_width_mm()
    left = round(width * (0.4 if layout == STATE else 0.44))
    return [left, width - left]


def _header(doc, text: DocumentText) -> None:
    plan = header_plan(text)
    table = _borderless_table(doc, plan.widths, rows=2)
    issuer, national = table.rows[0].cells
    number, place_date = table.rows[1].cells
    if text.layout == STATE:
        _state_header(issuer, national, text, plan)
    else:
        _party_header(issuer, national, text, plan)
    _line(number, text.number_line, size=13 if text.layout == STATE else 14)
    _line(place_date, text.place_date, italic=True, size=14)


def _lines(container, lines: list[str], **style):
    """Several lines in one centred paragraph, broken where `lines` says (not where Word would)."""
    paragraph = _line(container, "", **style)
    for n, line in enumerate(lines):
        run = _run(paragraph, line, size=style.get("size", 14), bold=style.get("bold", False))
        if n < len(lines) - 1:
            run.add_break()
    return paragraph


def _party_header(issuer, national, text: DocumentText, plan: HeaderPlan) -> None:
    if text.issuer_parent:
        _line(issuer, text.issuer_parent, size=plan.parent_size)
    _lines(issuer, plan.issuer_lines, size=plan.issuer_size, bold=True)
    _line(issuer, "*", after=6)
    _line(national, _("ĐẢNG CỘNG SẢN VIỆT NAM"), size=15, bold=True, underline=True, after=6)


def _state_header(issuer, national, text: DocumentText, plan: HeaderPlan) -> None:
    if text.issuer_parent:
        _line(issuer, text.issuer_parent, size=plan.parent_size)
    _lines(issuer, plan.issuer_lines, size=plan.issuer_size, bold=True)
    widest = max(text_mm(line, plan.issuer_size, bold=True) for line in plan.issuer_lines)
    _rule(issuer, 0.4 * widest / plan.widths[0], plan.widths[0], after=8)  # ⅓–½ of the name's line, centred
    _line(national, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=plan.national_size, bold=True)
    _line(national, _("Độc lập - Tự do - Hạnh phúc"), size=14, bold=True, underline=True, after=6)


def _title(doc, text: DocumentText) -> None:
    """Hướng dẫn 36: type 16 bold, summary 14 bold, "-----" beneath. Nghị định 30: type
    14 bold (13–14), summary 14 bold, a line ⅓–½ as long as the summary's line beneath."""
    state = text.layout == STATE
    _line(doc, "", after=6)
    _line(doc, text.kind_title, size=14 if state else 16, bold=True, after=0).paragraph_format.keep_with_next = True
    lines = balanced_break(keep_ranges_together(text.title), _usable(text_width_mm()), 14, bold=True)
    _lines(doc, lines, bold=True, after=0).paragraph_format.keep_with_next = True
    if state:
        line = max(text_mm(line, 14, bold=True) for line in lines)
        _rule(doc, 0.4 * line / text_width_mm(), text_width_mm())
        _line(doc, "", after=6)
    else:
        _line(doc, "-----", after=12)


def keep_ranges_together(text: str) -> str:
    """"2016–2020" must not break after the dash: a word joiner (U+2060) holds it."""
    return _RANGE.sub("\\1–\u2060\\2", text)


def _closing(doc, text: DocumentText) -> None:
    """Recipients and signature in one table row that never splits across a page, kept
    with the paragraph before it. Nghị định 30: "Nơi nhận:" 12 bold italic, the list 11,
    each line ending ";", the last one (the filing copy, "Lưu: VT, …") "."; Hướng dẫn 36:
    "Nơi nhận:" 14 underlined, the list 12, lines ending ",", the last ".".
    """
    _line(doc, "", after=0).paragraph_format.keep_with_next = True
    widths = header_widths(text.layout)
    table = _borderless_table(doc, widths)
    _cant_split(table.rows[0])
    left, right = table.rows[0].cells
    state = text.layout == STATE
    _line(left, "", after=0)
    _line(left, _("Nơi nhận:"), align=LEFT, size=12 if state else 14, bold=state, italic=state, underline=not state)
    for n, recipient in enumerate(text.recipients):
        end = "." if n == len(text.recipients) - 1 else (";" if state else ",")
        _line(left, f"- {recipient}{end}", align=LEFT, size=11 if state else 12)
    _line(right, "", after=0)
    _line(right, text.signer_authority, bold=True)
    signer = balanced_break(text.signer_title, _usable(widths[1]), 14, bold=True)
    _lines(right, signer, bold=True, after=72)
    _line(right, text.signer_name, bold=True)
    for paragraph in (*left.paragraphs, *right.paragraphs):
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True


def _cant_split(row) -> None:
    """A table row printed whole on one page (Word's "allow row to break across pages" off)."""
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)



# --- Appendix -----------------------------------------------------------------------------


def _appendix(doc, review: Review, text: DocumentText, charts: bool) -> None:
    _line(doc, "").add_run().add_break(WD_BREAK.PAGE)
    _line(doc, _("PHỤ LỤC"), bold=True)
    _line(doc, _("SỐ LIỆU THỐNG KÊ %(period)s") % {"period": review.period_label.upper()}, bold=True)
    _line(doc, text.appendix_caption, italic=True, after=12)
    for table in printed_tables(review):
        _data_table(doc, table)
    for n, (caption, png) in enumerate(figures.document_charts(review) if charts else [], 1):
        _picture(_line(doc, "", after=0), png)
        _line(doc, _("Hình %(n)s. %(caption)s") % {"n": n, "caption": caption}, italic=True, size=12, after=12)


def printed_tables(review: Review) -> list[Table]:
    """The appendix's tables as Word prints them (the workbook-only ones left out)."""
    return [t for t in review_tables(review, locality_limit=LOCALITY_ROWS) if not t.workbook_only]


def _picture(paragraph, png: bytes) -> None:
    """At its own size (150 dpi), so every chart has the same type size, but never wider than the text."""
    shape = paragraph.add_run().add_picture(io.BytesIO(png))
    limit = Mm(text_width_mm())
    if shape.width > limit:
        shape.height = int(shape.height * limit / shape.width)
        shape.width = limit


ALIGN_BY_KIND = {TEXT: LEFT, INT: RIGHT, PERCENT: RIGHT, YEAR: CENTER}


def _data_table(doc, spec: Table) -> None:
    title = _line(doc, spec.caption, align=LEFT, bold=True, after=4)
    title.paragraph_format.keep_with_next = True
    style = doc.styles["Bảng nhỏ" if len(spec.columns) > 9 else "Bảng"]
    table = doc.add_table(rows=1, cols=len(spec.columns))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    _cell_margins(table, 0.8 if len(spec.columns) > 9 else 1.2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(c.width for c in spec.columns)
    widths = [text_width_mm() * c.width / total for c in spec.columns]
    header = table.rows[0]
    _repeat_header(header)
    _cant_split(header)
    for cell, column, width in zip(header.cells, spec.columns, widths, strict=True):
        _cell(cell, column.header, style, CENTER, width, bold=True)
    table._tbl.extend(_body_rows(spec, style.style_id, widths))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    if spec.note:
        _line(doc, spec.note, align=LEFT, italic=True, size=11, after=0)
    _line(doc, "", after=6)


def _body_rows(spec: Table, style_id: str, widths: list[float]) -> list:
    """The table's rows below its header, as the <w:tr> elements _cell would make, parsed
    from one string: python-docx's proxies take ~1 ms a cell, which a province's appendix
    (thousands of cells) would feel."""
    twips = [Mm(width).twips for width in widths]
    last = len(spec.rows) - 1
    rows = []
    for r, values in enumerate(spec.rows):
        bold = spec.total and r == last
        cells = []
        for c, (value, width) in enumerate(zip(values, twips, strict=True)):
            kind = spec.kind_at(r, c)
            align = CENTER if c == 0 and kind == INT else ALIGN_BY_KIND.get(kind, RIGHT)
            cells.append(_cell_xml(vn_cell(value, kind), style_id, align.xml_value, width, bold))
        rows.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(cells)}</w:tr>')
    return list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>"))


def _cell_xml(text: str, style_id: str, align: str, twips: int, bold: bool) -> str:
    """One <w:tc> as _cell writes it (python-docx's run text: tabs and line breaks as elements)."""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    content = "".join(
        "<w:tab/>" if part == "\t" else "<w:br/>" if part == "\n" else _text_xml(part)
        for part in _RUN_PARTS.split(text) if part
    )
    run = f"<w:r>{properties}{content}</w:r>" if properties or content else "<w:r/>"
    return (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr><w:p><w:pPr>'
        f'<w:pStyle w:val="{escape(style_id)}"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _text_xml(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


_RUN_PARTS = re.compile(r"(\t|\n)")


def _cell(cell, text: str, style, align, width_mm: float, bold=False) -> None:
    cell.width = Mm(width_mm)
    paragraph = cell.paragraphs[0]
    # Set the style id directly: python-docx's `paragraph.style = …` scans every style per call.
    paragraph._p.get_or_add_pPr().style = style.style_id
    paragraph.alignment = align
    run = paragraph.add_run(text)
    if bold:
        run.bold = True


def _cell_margins(table, mm: float) -> None:
    """Narrower left/right cell padding than Word's 1,9 mm, so wide numbers stay on one line."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(mm * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties = table._tbl.tblPr
    properties.insert_element_before(margins, *_after(TBL_PR_ORDER, "w:tblCellMar"))


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)
