"""The workbook is a file members exchange: Vietnamese whatever the interface language."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from phoihop.workbooks.template import activity_template

pytestmark = pytest.mark.django_db


def test_template_headers_stay_vietnamese_for_an_english_interface(program):
    with translation.override("en"):
        data = activity_template(program)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[:2] == ["Hoạt động", "Hướng dẫn"]
    headers = [cell.value for cell in next(workbook["Hoạt động"].iter_rows(max_row=1))]
    assert headers[:3] == ["Tên hoạt động", "Từ ngày", "Đến ngày"]
