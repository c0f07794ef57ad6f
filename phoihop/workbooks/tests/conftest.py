import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from phoihop.workbooks.template import activity_template


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2020, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def good_row(n: int = 0, **overrides) -> dict:
    """One valid activity row of the cast's program, as header → value."""
    row = {
        "Tên hoạt động": f"Tuyên truyền pháp luật đất đai số {n}",
        "Từ ngày": dt.date(2020, 3, 1) + dt.timedelta(days=n % 200),
        "Đến ngày": "15/10/2020",
        "Nội dung phối hợp (số)": 1,
        "Đơn vị chủ trì": "Ban Dân vận Tỉnh ủy",
        "Cơ quan phối hợp (cách nhau bởi dấu ;)": "bo chqs tinh; Hội LHPN tỉnh" if n % 4 == 0 else "",
        "Địa bàn (mã đơn vị hoặc tên, cách nhau bởi ;)": "13303" if n % 2 else "Lam Hạ",
        "Nhiệm vụ (số thứ tự/năm)": "1/2020" if n % 3 == 0 else None,
        "Kết quả": "Tổ chức hội nghị tại nhà văn hóa",
        "Buổi tuyên truyền (buổi)": 2,
        "Lượt người dự tuyên truyền (lượt người)": "4.100",
        "Tiền vận động, ủng hộ (đồng)": "1.234.500,5" if False else 1_500_000,
    }
    return row | overrides


def workbook_bytes(program, rows: list[dict]) -> io.BytesIO:
    """The program's own template, filled with `rows` (header → value)."""
    book = load_workbook(io.BytesIO(activity_template(program)))
    sheet = book["Hoạt động"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for offset, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=offset, column=columns[header], value=value)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "hoat-dong.xlsx"
    return out
