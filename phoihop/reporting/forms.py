"""Forms of the period report pages; rules live in services, forms only parse input."""

from django import forms
from django.utils.translation import gettext_lazy as _


class YearFilterForm(forms.Form):
    nam = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nam"].choices = [("", _("Cả giai đoạn")), *((y, y) for y in years)]


class SubmitForm(forms.Form):
    narrative = forms.CharField(
        label=_("Nội dung báo cáo"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,  # the service says what is missing, in one place
        help_text=_("Kết quả phối hợp trong kỳ, hạn chế, kiến nghị."),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
