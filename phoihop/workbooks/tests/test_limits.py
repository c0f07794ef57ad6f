"""A workbook too big to open safely is refused from its zip directory, before parsing."""

import io
import zipfile

import pytest

from phoihop.activities.models import Activity
from phoihop.benchmarks.workbooks import workbook_bomb
from phoihop.workbooks import importer
from phoihop.workbooks.importer import activities_import
from phoihop.workbooks.limits import Limits, workbook_limit_problems
from phoihop.workbooks.tests.conftest import good_row, workbook_bytes

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
ROOMY = Limits(unpacked_bytes=60 * MB, shared_strings_bytes=20 * MB, cells=2_000_000)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return workbook_bomb()


@pytest.fixture
def no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl must not be called on a refused workbook")

    monkeypatch.setattr(importer, "load_workbook", refuse)


def _replace_part(content: bytes, name: str, data: bytes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part.filename, data if part.filename == name else source.read(part))
    out.seek(0)
    return out


def test_a_320_kb_bomb_is_refused_before_openpyxl_parses_it(cast, program, bomb, no_parsing):
    assert 250 * 1024 < len(bomb) < 400 * 1024
    result = activities_import(actor=cast.secretariat, program=program, upload=io.BytesIO(bomb))
    assert not result.ok and Activity.objects.count() == 0
    [error] = result.errors
    assert error.message.startswith("Tệp bị từ chối trước khi đọc, vì quá lớn để xử lý an toàn:")
    assert "giải nén lên tới 320,0 MB, vượt giới hạn 60,0 MB" in error.message
    assert "(sharedStrings) lên tới 320,0 MB, vượt giới hạn 20,0 MB" in error.message


def test_a_sheet_declaring_too_many_cells_is_refused(cast, program, no_parsing):
    content = workbook_bytes(program, [good_row(1)]).getvalue()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    huge = sheet.replace(b'<dimension ref="A1:', b'<dimension ref="A1:XFD1048576" x="', 1)
    problems = workbook_limit_problems(_replace_part(content, "xl/worksheets/sheet1.xml", huge), ROOMY)
    assert problems == ["Một trang tính có thể chứa tới 17.179.869.184 ô, vượt giới hạn 2.000.000 ô."]


def test_a_sheet_without_a_dimension_is_counted_by_its_size(program):
    content = workbook_bytes(program, [good_row(1)]).getvalue()
    tight = Limits(unpacked_bytes=60 * MB, shared_strings_bytes=20 * MB, cells=10)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    undeclared = _replace_part(content, "xl/worksheets/sheet1.xml", sheet.replace(b"<dimension", b"<x", 1))
    assert "ô, vượt giới hạn 10 ô." in workbook_limit_problems(undeclared, tight)[0]


def test_a_workbook_within_the_limits_imports_and_the_file_is_rewound(cast, program):
    upload = workbook_bytes(program, [good_row(n) for n in range(3)])
    assert workbook_limit_problems(upload, ROOMY) == [] and upload.tell() == 0
    result = activities_import(actor=cast.secretariat, program=program, upload=upload)
    assert result.ok and result.created == 3


def test_limits_come_from_the_settings(cast, program, settings, no_parsing):
    settings.PHOIHOP_IMPORT_MAX_CELLS = 1000
    result = activities_import(actor=cast.secretariat, program=program, upload=workbook_bytes(program, [good_row(1)]))
    assert "ô, vượt giới hạn 1.000 ô." in result.errors[0].message


def test_a_file_that_is_not_a_zip_is_left_to_the_parser_to_refuse(cast, program):
    assert workbook_limit_problems(io.BytesIO(b"MZ not a workbook"), ROOMY) == []
    result = activities_import(actor=cast.secretariat, program=program, upload=io.BytesIO(b"MZ not a workbook"))
    assert "không phải bảng tính Excel" in result.errors[0].message


def test_a_workbook_with_its_text_in_shared_strings_imports_the_same(cast, program):
    """Excel and LibreOffice keep text in sharedStrings.xml, openpyxl inline: both import."""
    from phoihop.benchmarks.workbooks import as_excel_saves_it

    content = as_excel_saves_it(workbook_bytes(program, [good_row(n) for n in range(4)]).getvalue())
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b'"inlineStr"><is>' not in archive.read("xl/worksheets/sheet1.xml")
        assert archive.read("xl/sharedStrings.xml").count(b"<si>") > 20  # headers, titles, places
    result = activities_import(actor=cast.secretariat, program=program, upload=io.BytesIO(content))
    assert result.ok and result.created == 4
    assert Activity.objects.filter(title="Tuyên truyền pháp luật đất đai số 3").exists()
