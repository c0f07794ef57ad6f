"""The search box's one field, held to the shared bounds (phoihop/lib/bounds.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.lib.bounds import MAX_QUERY, no_control_chars
from phoihop.lib.text import nfc


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=MAX_QUERY,
        validators=[no_control_chars],
        error_messages={
            "max_length": _(
                "Nội dung tìm kiếm dài quá: tối đa %(limit_value)d ký tự (bạn gõ %(show_value)d)."
            ),
        },
    )

    def clean_q(self) -> str:
        return nfc(self.cleaned_data["q"])

    def first_error(self) -> str:
        return next(iter(self.errors.values()))[0]
