"""The consistency check: reopen a rendered Word and Excel file and compare every number
with the Review it was made from.

- Prose: each paragraph of sections I–V is matched with the paragraph `document_text`
  puts there. A drafted paragraph's numbers must be, in order, the figures its `refs`
  name, read again from the Review (`figure_text`); a paragraph the secretariat wrote must
  carry the numbers of what was written.
- Tables: every "Biểu n" of the Word appendix and every sheet of the workbook must hold
  the cells `review_tables` builds from the Review, under the same number.
- The workbook's "Nhận định" sheet: each sentence's numbers against its figures.

`check_documents` returns the disagreements as Vietnamese sentences (empty: consistent).
"""

import datetime as dt
import io
import re

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import load_workbook

from phoihop.reviews.assessment import as_phrase, model_name
from phoihop.reviews.data import Review, figure_text
from phoihop.reviews.render.docx import printed_tables, render_docx
from phoihop.reviews.render.tables import cell_value_for_sheet, review_tables, vn_cell
from phoihop.reviews.render.text import document_text
from phoihop.reviews.render.xlsx import render_xlsx, sheet_name

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_ENUMERATOR = re.compile(r"^\s*(?:\d+|[a-zđ])[.)]\s")
_CAPTION = re.compile(r"^Biểu (\d+)\. ")
MAX_PER_TABLE = 5


def documents_disagreements(review: Review, report=None) -> list[str]:
    """Render `review` (Word without charts, and Excel) and check both files."""
    return check_documents(review, report, render_docx(review, report, charts=False), render_xlsx(review, report))


def check_documents(review: Review, report, docx: bytes | None, xlsx: bytes | None) -> list[str]:
    with translation.override("vi"):
        problems = []
        if docx is not None:
            document = Document(io.BytesIO(docx))
            problems += _check_prose(review, report, document) + _check_docx_tables(review, document)
        if xlsx is not None:
            problems += _check_workbook(review, load_workbook(io.BytesIO(xlsx)))
        return problems


# --- Numbers in sentences -------------------------------------------------------------------


def _names_with_digits(review: Review) -> list[str]:
    """Names that may hold digits ("giai đoạn 2016–2020"): not figures, taken out first."""
    names = [review.program_name, review.committee_name, review.host_name, review.province_name, review.period_label]
    names += [a.name for a in review.areas] + [t.name for t in review.topics] + [t.name for t in review.totals]
    # Members' own names are not printed by a drafted sentence except as the lead and partners
    # of a named activity or model (below); taken out everywhere, "Tổ chức 1" would eat the
    # figure of "tổ chức 1 buổi tuyên truyền".
    names += [t.unit for t in review.totals]
    for area in review.areas:  # the joint activities and models section II names
        names += [x for a in area.named_joint for x in (a.title, as_phrase(a.title), a.lead, *a.partners)]
        names += [x for m in area.models for x in (m.name, model_name(m.name), *m.members)]
    names = [n for n in names if n and any(ch.isdigit() for ch in n)]
    names += [n[:1].lower() + n[1:] for n in names]
    return sorted(set(names), key=len, reverse=True)


def numbers_in(text: str, names: list[str]) -> list[str]:
    """The numbers of `text`, names with digits of their own taken out first, each only where
    it stands whole: a member named "Tổ chức 1" is not inside "tổ chức 1.473 buổi"."""
    for name in names:
        if name in text:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w|[.,]\d)", " ", text)
    return _NUMBER.findall(_ENUMERATOR.sub(" ", text.replace("\u2060", "")))


def expected_numbers(review: Review, paragraph, names: list[str]) -> list[str]:
    if paragraph.refs is None:
        return numbers_in(paragraph.text, names)
    return [n for ref in paragraph.refs for n in numbers_in(figure_text(review, ref), names)]


def _compare_numbers(place: str, text: str, expected: list[str], found: list[str]) -> list[str]:
    if expected == found:
        return []
    quote = text if len(text) <= 70 else text[:67] + "…"
    pairs = [(f, e) for f, e in zip(found, expected, strict=False) if f != e]
    if pairs:
        wrong = "; ".join(_("ghi %(found)s, số liệu là %(expected)s") % {"found": f, "expected": e} for f, e in pairs)
    else:
        wrong = _("ghi các số %(found)s, số liệu là %(expected)s") % {
            "found": ", ".join(found) or "–", "expected": ", ".join(expected) or "–",
        }
    return [_("%(place)s (“%(quote)s”): %(wrong)s.") % {"place": place, "quote": quote, "wrong": wrong}]


# --- Word -----------------------------------------------------------------------------------


def _body(document):
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            yield DocxParagraph(element, document)
        elif element.tag.endswith("}tbl"):
            yield DocxTable(element, document)


def _prose(document, headings: list[str]) -> list[str]:
    """The non-empty paragraphs from the first section heading to the signature table."""
    out, started = [], False
    for block in _body(document):
        if isinstance(block, DocxTable):
            if started:
                break
            continue
        text = block.text.strip()
        started = started or text == headings[0]
        if started and text:
            out.append(text)
    return out


def _check_prose(review: Review, report, document) -> list[str]:
    text = document_text(review, report)
    names = _names_with_digits(review)
    expected = []
    for section in text.sections:
        expected.append((section.heading, None))
        expected += [(section.heading, p) for p in section.paragraphs if not p.placeholder]  # never printed
    found = _prose(document, [s.heading for s in text.sections])
    problems = []
    if len(found) != len(expected):
        problems.append(
            _("Phần lời văn của tệp Word có %(found)s đoạn, báo cáo có %(expected)s đoạn.")
            % {"found": len(found), "expected": len(expected)}
        )
    for n, ((heading, paragraph), actual) in enumerate(zip(expected, found, strict=False)):
        if paragraph is None:
            if actual != heading:
                problems.append(_("Tệp Word có đề mục “%(found)s” ở chỗ của “%(expected)s”.") % {
                    "found": actual, "expected": heading})
            continue
        place = _("Mục %(section)s, đoạn %(n)s") % {"section": heading, "n": n}
        problems += _compare_numbers(place, actual, expected_numbers(review, paragraph, names), numbers_in(actual, names))
    return problems


def _docx_tables(document) -> dict[int, DocxTable]:
    tables, number = {}, None
    for block in _body(document):
        if isinstance(block, DocxParagraph):
            match = _CAPTION.match(block.text)
            number = int(match.group(1)) if match else number
        elif number is not None:
            tables[number], number = block, None
    return tables


def _check_docx_tables(review: Review, document) -> list[str]:
    found, problems = _docx_tables(document), []
    for spec in printed_tables(review):
        table = found.pop(spec.number, None)
        if table is None:
            problems.append(_("Tệp Word thiếu %(caption)s.") % {"caption": spec.caption})
            continue
        cells = [[c.text for c in row.cells] for row in table.rows]
        wanted = [[c.header for c in spec.columns]] + [
            [vn_cell(v, spec.kind_at(r, c)) for c, v in enumerate(row)] for r, row in enumerate(spec.rows)
        ]
        problems += _table_diff(_("Biểu %(n)s (Word)") % {"n": spec.number}, spec, cells, wanted)
    problems += [_("Tệp Word có Biểu %(n)s không có trong số liệu.") % {"n": n} for n in found]
    return problems


def _table_diff(place: str, spec, cells: list[list], wanted: list[list], same=lambda a, b: a == b) -> list[str]:
    if len(cells) != len(wanted):
        return [_("%(place)s có %(found)s dòng, số liệu có %(expected)s dòng.") % {
            "place": place, "found": len(cells) - 1, "expected": len(wanted) - 1}]
    out = []
    for r, (row, want) in enumerate(zip(cells, wanted, strict=True)):
        for c, (value, expected) in enumerate(zip(row, want, strict=False)):
            if not same(value, expected):
                out.append(_("%(place)s, dòng %(row)s, cột “%(column)s”: ghi %(found)s, số liệu là %(expected)s.") % {
                    "place": place, "row": r, "column": spec.columns[c].header,
                    "found": value if value not in (None, "") else "–", "expected": expected if expected not in (None, "") else "–",
                })
    return out[:MAX_PER_TABLE]


# --- Excel ----------------------------------------------------------------------------------


def _same_cell(found, expected) -> bool:
    if expected in (None, "") or found in (None, ""):
        return found in (None, "") and expected in (None, "")
    if isinstance(expected, dt.date) and isinstance(found, dt.datetime):
        return found.date() == (expected.date() if isinstance(expected, dt.datetime) else expected)
    if isinstance(expected, int | float) and isinstance(found, int | float):
        return abs(found - expected) <= 1e-9 * max(1, abs(expected))
    return str(found) == str(expected)


def _check_workbook(review: Review, book) -> list[str]:
    problems = []
    for spec in review_tables(review):
        name = sheet_name(spec)
        if name not in book.sheetnames:
            problems.append(_("Tệp Excel thiếu trang “%(name)s”.") % {"name": name})
            continue
        sheet = book[name]
        if sheet.cell(1, 1).value != spec.caption:
            problems.append(_("Trang “%(name)s” mang tên “%(found)s”, số liệu là “%(expected)s”.") % {
                "name": name, "found": sheet.cell(1, 1).value, "expected": spec.caption})
        width = len(spec.columns)
        rows = [list(r) for r in sheet.iter_rows(min_row=2, max_row=len(spec.rows) + 2, max_col=width, values_only=True)]
        wanted = [[c.header for c in spec.columns]] + [
            [cell_value_for_sheet(v, spec.kind_at(r, c)) for c, v in enumerate(row)] for r, row in enumerate(spec.rows)
        ]
        problems += _table_diff(_("Biểu %(n)s (Excel)") % {"n": spec.number}, spec, rows, wanted, _same_cell)
    return problems + _check_statements_sheet(review, book)


def _check_statements_sheet(review: Review, book) -> list[str]:
    sheet_title = _("Nhận định")[:31]
    if sheet_title not in book.sheetnames:
        return [_("Tệp Excel thiếu trang “%(name)s”.") % {"name": sheet_title}]
    names = _names_with_digits(review)
    shown = [s for s in review.statements if not (review.redacted and s.sensitive)]
    texts = [row[1] for row in book[sheet_title].iter_rows(min_row=2, max_row=len(shown) + 1, values_only=True)]
    problems = []
    for n, (statement, text) in enumerate(zip(shown, texts, strict=False), 1):
        expected = [x for ref in statement.refs for x in numbers_in(figure_text(review, ref), names)]
        place = _("Trang “%(name)s”, dòng %(n)s") % {"name": sheet_title, "n": n + 1}
        problems += _compare_numbers(place, str(text or ""), expected, numbers_in(str(text or ""), names))
    return problems
