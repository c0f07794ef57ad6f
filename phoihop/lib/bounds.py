"""The limits every input is held to, so that none reaches the database out of range.

One place states them; forms, serializers, query parameters and model fields use the
validators and parsers below instead of their own checks:

- whole numbers (ids, years, counts) fit the database's 64-bit integer (`ID_MAX`);
- dates lie in the years 1900–2100 (`DATE_MIN`..`DATE_MAX`): anything else is a typo,
  and date arithmetic on year 9999 overflows;
- lists are short (`MAX_LOCALITIES` places on one record);
- free texts have a stated maximum (`MAX_TEXT` characters, titles their column's length,
  a search `MAX_QUERY`);
- names and titles hold no C0/C1 control characters (they are invisible, break exports
  and can hide text).

Errors are Django `ValidationError`s with a Vietnamese message (through gettext).
"""

import datetime as dt
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# BigAutoField ids on PostgreSQL and SQLite's INTEGER are both signed 64-bit.
ID_MAX = 2**63 - 1
INT_MAX = 2**31 - 1  # an IntegerField (a count) on PostgreSQL
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
YEAR_MIN, YEAR_MAX = DATE_MIN.year, DATE_MAX.year
MAX_LOCALITIES = 200
MAX_LIST = 200  # any other list of ids in one request (partners, figures)
MAX_TEXT = 20_000  # a long report narrative is ~5,000 characters
MAX_QUERY = 100  # a search box: the shortest list filter it leads to (organizations) takes 100

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}  # whitespace: folded by clean_name, kept in texts


def first_control_char(text: str) -> str | None:
    """The first C0/C1 control character of `text` (tab and line breaks excepted)."""
    for char in text or "":
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS:
            return char
    return None


@deconstructible
class NoControlChars:
    """Validator for names and titles: refuse C0/C1 control characters."""

    message = gettext_lazy(
        "Không được chứa ký tự điều khiển (mã U+%(code)s): hãy gõ lại hoặc dán dưới dạng văn bản thuần."
    )
    code = "control_characters"

    def __call__(self, value) -> None:
        char = first_control_char(str(value))
        if char is not None:
            raise ValidationError(self.message, code=self.code, params={"code": f"{ord(char):04X}"})

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlChars)


no_control_chars = NoControlChars()
max_text = MaxLengthValidator(MAX_TEXT)


def check_date(value: dt.date | None) -> None:
    """Validator: a date (or a date and time) in the years 1900–2100."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if value is not None and not (DATE_MIN <= value <= DATE_MAX):
        raise ValidationError(
            _("Ngày phải nằm trong các năm %(start)s–%(end)s.") % {"start": YEAR_MIN, "end": YEAR_MAX},
            code="date_out_of_range",
        )


def parse_whole_number(raw, *, minimum: int = 1, maximum: int = ID_MAX) -> int | None:
    """A query-string whole number (an id by default); None when empty.

    Raises ValidationError (Vietnamese) for text that is not a number or is out of range.
    """
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 20:
        raise ValidationError(
            _("Giá trị “%(value)s” không phải là số nguyên hợp lệ.") % {"value": text[:40]},
            code="invalid",
        )
    value = int(text)
    if not (minimum <= value <= maximum):
        raise ValidationError(
            _("Giá trị phải từ %(min)s đến %(max)s.") % {"min": minimum, "max": maximum},
            code="out_of_range",
        )
    return value


def install_default_validators() -> None:
    """Hold every date (model, form, API) to 1900–2100 and every CharField of the
    project's models (names, titles, codes: one-line texts) to no control characters.

    Called once from CoreConfig.ready(). Form and API date fields read their class's
    `default_validators` when built; model fields have built their validator lists
    already, so the rule is added to each of the project's model fields. Either way no
    migration and no per-form patch is needed, and a field's own validators still apply.
    """
    # lib holds plain helpers that import without Django configured; this one runs from
    # CoreConfig.ready(), when Django is.
    from django import forms
    from django.apps import apps
    from django.db import models
    from rest_framework import serializers

    for field_class in (forms.DateField, serializers.DateField):
        field_class.default_validators = [*field_class.default_validators, check_date]
    for model in apps.get_models():
        if not model.__module__.startswith("phoihop."):
            continue
        for field in model._meta.concrete_fields:
            rule = _rule_for(field, models)
            if rule is not None and rule not in field.validators:
                field.validators.append(rule)


def _rule_for(field, models):
    if isinstance(field, models.DateField):  # DateTimeField too
        return check_date
    if isinstance(field, models.CharField) and not field.choices:
        return no_control_chars
    return None
