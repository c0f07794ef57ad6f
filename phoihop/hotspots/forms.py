"""Forms of the hotspot and map pages: the score window, designate, lift, link."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import date_field
from phoihop.hotspots.selectors import Window
from phoihop.localities.models import Level, Locality
from phoihop.localities.widgets import label
from phoihop.situations.models import Topic

MAX_WINDOW_YEARS = 30


class ScoreFilterForm(forms.Form):
    """Which cases a score counts: opened between two dates, of one topic, grouped how."""

    start = date_field(_("Từ ngày"), required=False)
    end = date_field(_("Đến ngày"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Topic.objects.filter(is_active=True),
        required=False,
        empty_label=_("Tất cả lĩnh vực"),
    )
    by_2025 = forms.BooleanField(label=_("Gộp theo đơn vị hành chính từ 01/7/2025"), required=False)

    def __init__(self, data=None, *, default: Window, **kwargs):
        super().__init__(data, **kwargs)
        self.default = default
        self.fields["start"].initial = default.start
        self.fields["end"].initial = default.end

    def clean(self):
        data = super().clean()
        start = data.get("start") or self.default.start
        end = data.get("end") or self.default.end
        if start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        if end - start > dt.timedelta(days=366 * MAX_WINDOW_YEARS):
            raise forms.ValidationError(
                _("Khoảng thời gian quá dài (tối đa %(n)s năm).") % {"n": MAX_WINDOW_YEARS}
            )
        data["start"], data["end"] = start, end
        return data

    @property
    def window(self) -> Window:
        if self.is_bound and self.is_valid():
            return Window(self.cleaned_data["start"], self.cleaned_data["end"])
        return self.default

    @property
    def chosen_topic(self):
        return self.cleaned_data.get("topic") if self.is_bound and self.is_valid() else None

    @property
    def grouped_2025(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data["by_2025"])


def localities_for_committee(committee):
    """Communes of the committee's area (any period) and their 2025 successors."""
    return (
        Locality.objects.in_force_within(committee.locality)
        .filter(level=Level.COMMUNE)
        .select_related("parent__parent")
        .order_by("parent__name", "name")
    )


class LocalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return label(obj)


class DesignateForm(forms.Form):
    locality = LocalityChoiceField(label=_("Địa bàn"), queryset=Locality.objects.none())
    reason = forms.CharField(label=_("Lý do xác định"), widget=forms.Textarea(attrs={"rows": 4}))
    start = date_field(_("Tính điểm từ ngày"), required=False)
    end = date_field(_("đến ngày"), required=False)

    def __init__(self, data=None, *, committee, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["locality"].queryset = localities_for_committee(committee)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end):
            raise forms.ValidationError(
                _("Hãy nhập cả hai ngày của khoảng tính điểm, hoặc để trống cả hai.")
            )
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        return data

    @property
    def window(self) -> Window | None:
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        return Window(start, end) if start and end else None


class LiftForm(forms.Form):
    lift_reason = forms.CharField(
        label=_("Lý do đưa ra khỏi danh sách"), widget=forms.Textarea(attrs={"rows": 4})
    )


class LinkResponseForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Hoạt động ứng phó"), queryset=None)

    def __init__(self, data=None, *, activities, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["activity"].queryset = activities
