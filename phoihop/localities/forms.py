"""Input of the place pages (the browse filters and the autocomplete query), and the
day a record's place picker lists the units of."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import date_field
from phoihop.localities.models import Level, Locality
from phoihop.localities.selectors import BEFORE_REFORM, FROM_REFORM

GENERATION_CHOICES = [
    ("", _("Tất cả")),
    (BEFORE_REFORM, _("Trước 1/7/2025")),
    (FROM_REFORM, _("Từ 1/7/2025")),
]
LEVEL_CHOICES = [("", _("Mọi cấp")), *Level.choices]
BAD_CHOICE = _("Lựa chọn không hợp lệ.")


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Locality) -> str:
        if unit.valid_to:
            return _("%(name)s (đến %(date)s)") % {"name": unit.name, "date": f"{unit.valid_to:%d/%m/%Y}"}
        return unit.name


class LocalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=200)
    level = forms.TypedChoiceField(
        label=_("Cấp"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False,
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    generation = forms.ChoiceField(
        label=_("Thời kỳ"), choices=GENERATION_CHOICES, required=False,
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    province = ProvinceChoiceField(
        label=_("Tỉnh, thành phố"), queryset=Locality.objects.none(), required=False,
        empty_label=_("Mọi tỉnh, thành phố"), error_messages={"invalid_choice": BAD_CHOICE},
    )

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.fields["province"].queryset = provinces

    def filters(self) -> dict:
        """Cleaned filters for the selector; an invalid form filters nothing."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class LocalityQueryForm(forms.Form):
    """Filters of the API and of the suggestions: text, parent, date, level."""

    q = forms.CharField(required=False, max_length=200, error_messages={
        "required": _("Hãy nhập ít nhất một ký tự để tìm."),
        "max_length": _("Chuỗi tìm kiếm quá dài (tối đa 200 ký tự)."),
    })
    parent = forms.IntegerField(required=False, min_value=1, error_messages={
        "invalid": _("Mã đơn vị cấp trên phải là một số."),
        "min_value": _("Mã đơn vị cấp trên phải là một số dương."),
    })
    on = date_field(None, required=False, error_messages={
        "invalid": _("Ngày không hợp lệ (dùng dạng 2020-06-15 hoặc 15/06/2020)."),
    })
    level = forms.TypedChoiceField(
        choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False,
        error_messages={"invalid_choice": _("Cấp không hợp lệ (1, 2 hoặc 3).")},
    )

    def first_error(self) -> str:
        return next(iter(self.errors.values()))[0]


class AutocompleteForm(LocalityQueryForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].required = True


def record_day(form: forms.Form, name: str) -> dt.date:
    """The date a form's record carries: what was posted in field `name` when it reads
    as a date, else its initial value, else today. Pickers list the places in force then."""
    if form.is_bound:
        try:
            day = form.fields[name].clean(form[name].data)
        except forms.ValidationError:
            day = None
    else:
        day = form.initial.get(name, form.fields[name].initial)
        day = day() if callable(day) else day
    return day if isinstance(day, dt.date) else timezone.localdate()
