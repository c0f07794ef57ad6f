"""Query parameters of the API, read through the shared bounds (phoihop/lib/bounds.py).

A malformed or out-of-range value answers 400 with a Vietnamese message naming the
parameter; it never reaches the database (where 99999999999999999999 overflows).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from phoihop.lib.bounds import ID_MAX, MAX_LIST, MAX_TEXT, parse_whole_number


def query_int(params, name: str, *, minimum: int = 1, maximum: int = ID_MAX) -> int | None:
    """`params[name]` as a bounded whole number (an id by default), None when absent."""
    try:
        return parse_whole_number(params.get(name, ""), minimum=minimum, maximum=maximum)
    except DjangoValidationError as error:
        raise serializers.ValidationError({name: error.messages}) from None


# --- Body fields --------------------------------------------------------------------------


def id_field(**kwargs) -> serializers.IntegerField:
    """An id in a request body: a whole number the database can hold (1..ID_MAX)."""
    messages = {
        "invalid": _("Hãy nhập một số nguyên."),
        "max_value": _("Mã số không hợp lệ: lớn nhất là {max_value}."),
        "min_value": _("Mã số không hợp lệ: nhỏ nhất là {min_value}."),
        "max_string_length": _("Số quá dài."),
    }
    return serializers.IntegerField(
        min_value=1, max_value=ID_MAX, error_messages=messages | kwargs.pop("error_messages", {}),
        **kwargs,
    )


def id_list_field(*, max_length: int = MAX_LIST, **kwargs) -> serializers.ListField:
    """A list of ids, at most `max_length` of them."""
    messages = {"max_length": _("Danh sách dài quá: tối đa {max_length} mục.")}
    return serializers.ListField(
        child=id_field(), max_length=max_length, default=list, error_messages=messages, **kwargs
    )


def text_field(**kwargs) -> serializers.CharField:
    """A free text (narrative, comment, reason): at most MAX_TEXT characters."""
    messages = {"max_length": _("Văn bản dài quá: tối đa {max_length} ký tự.")}
    return serializers.CharField(
        max_length=MAX_TEXT, error_messages=messages | kwargs.pop("error_messages", {}), **kwargs
    )
