"""The shared input limits: whole numbers, dates, control characters."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from phoihop.lib.bounds import (
    ID_MAX,
    check_date,
    first_control_char,
    no_control_chars,
    parse_whole_number,
)


def test_whole_numbers_inside_the_database_range_are_read():
    assert parse_whole_number(" 42 ") == 42
    assert parse_whole_number(str(ID_MAX)) == ID_MAX
    assert parse_whole_number("") is None


@pytest.mark.parametrize("raw", ["99999999999999999999", str(ID_MAX + 1), "0", "-5"])
def test_whole_numbers_outside_the_range_are_refused_in_vietnamese(raw):
    with pytest.raises(ValidationError) as excinfo:
        parse_whole_number(raw)
    assert excinfo.value.messages == [f"Giá trị phải từ 1 đến {ID_MAX}."]


@pytest.mark.parametrize("raw", ["abc", "١٢", "1e5", "1" * 40])
def test_text_that_is_not_a_whole_number_is_refused(raw):
    with pytest.raises(ValidationError) as excinfo:
        parse_whole_number(raw)
    assert "không phải là số nguyên hợp lệ" in excinfo.value.messages[0]


def test_dates_are_held_to_the_years_1900_to_2100():
    check_date(dt.date(1900, 1, 1))
    check_date(dt.datetime(2100, 12, 31, 23, 59, tzinfo=dt.UTC))
    for day in (dt.date(1899, 12, 31), dt.date(9999, 12, 31), dt.date(2101, 1, 1)):
        with pytest.raises(ValidationError, match="Ngày phải nằm trong các năm 1900–2100."):
            check_date(day)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b"])
def test_c0_and_c1_control_characters_are_refused(char):
    assert first_control_char(f"Xã Thanh{char} Hải") == char
    with pytest.raises(ValidationError, match="ký tự điều khiển"):
        no_control_chars(f"Xã Thanh{char} Hải")


def test_tabs_line_breaks_and_vietnamese_letters_are_kept():
    no_control_chars("Hội nghị\tgiao ban\r\nquý III — “Dân vận khéo” ₫")
    assert first_control_char("Đặc khu Phú Quốc") is None


def test_every_name_and_title_of_the_project_refuses_control_characters():
    from django.apps import apps

    checked = []
    for model in apps.get_models():
        if not model.__module__.startswith("phoihop.") or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if field.name in {"name", "short_name", "title", "full_name"}:
                assert no_control_chars in field.validators, f"{model.__name__}.{field.name}"
                checked.append(f"{model.__name__}.{field.name}")
    assert {"Activity.title", "Organization.name", "Program.name", "Case.title"} <= set(checked)


def test_every_date_field_of_the_project_is_held_to_1900_2100():
    from django.apps import apps
    from django.db import models

    dates = [
        field
        for model in apps.get_models()
        if model.__module__.startswith("phoihop.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField)
    ]
    assert dates and all(check_date in field.validators for field in dates)
