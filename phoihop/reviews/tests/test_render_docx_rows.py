"""The appendix's table rows are written as XML strings for speed: they must be exactly
what python-docx's cell, paragraph and run proxies write (reopened by python-docx too)."""

import io
from decimal import Decimal

from docx import Document
from lxml import etree

from phoihop.reviews.render import docx as word
from phoihop.reviews.render.tables import INT, PERCENT, TEXT, Column, Table


def _spec() -> Table:
    return Table(
        key="t",
        title="Biểu thử",
        columns=[Column("STT", INT), Column("Tên", TEXT, 3), Column("Số", INT), Column("Tỷ lệ", PERCENT)],
        rows=[
            [1, "Đất đai & <môi trường>", 1234, 0.5],
            [2, " có khoảng trắng ", None, None],
            [3, "dòng một\ndòng hai\tcột", 0, 1.0],
            ["", "Cộng", 1234, Decimal("0.25")],
        ],
        total=True,
    )


def _by_proxies(spec: Table, style, widths) -> list[bytes]:
    """The rows as the renderer wrote them before: one python-docx proxy call per property."""
    doc = Document()
    table = doc.add_table(rows=len(spec.rows), cols=len(spec.columns))
    last = len(spec.rows) - 1
    for r, (row, values) in enumerate(zip(table.rows, spec.rows, strict=True)):
        word._cant_split(row)
        for c, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            kind = spec.kind_at(r, c)
            align = word.CENTER if c == 0 and kind == INT else word.ALIGN_BY_KIND.get(kind, word.RIGHT)
            word._cell(cell, word.vn_cell(value, kind), style, align, width, bold=spec.total and r == last)
    return [_canonical(tr) for tr in table._tbl.tr_lst]


def _canonical(element) -> bytes:
    """The element's XML with only the namespaces it uses (exclusive canonical form)."""
    return etree.tostring(element, method="c14n", exclusive=True)


def test_body_rows_are_the_xml_the_proxies_write():
    spec = _spec()
    style = Document().styles["Normal"]
    widths = [12.0, 80.5, 25.0, 30.25]
    strings = [_canonical(tr) for tr in word._body_rows(spec, style.style_id, widths)]
    assert strings == _by_proxies(spec, style, widths)


def test_a_document_with_string_rows_reopens_with_every_cell():
    review_doc = Document()
    word._styles(review_doc)
    word._data_table(review_doc, _spec())
    out = io.BytesIO()
    review_doc.save(out)
    table = Document(io.BytesIO(out.getvalue())).tables[0]
    assert [c.text for c in table.rows[1].cells][:2] == ["1", "Đất đai & <môi trường>"]
    assert table.rows[3].cells[1].text == "dòng một\ndòng hai\tcột"
    assert len(table.rows) == 5 and table.rows[4].cells[1].paragraphs[0].runs[0].bold
