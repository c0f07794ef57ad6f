"""Forms of the review pages: create (with period presets), edit the text, a member's
contribution, and the dashboard filters."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import date_field
from phoihop.programs.selectors import programs_for_user
from phoihop.reviews.data import Kind
from phoihop.reviews.models import KIND_CHOICES, UNITS_CHOICES, Contribution, Layout, ReviewReport
from phoihop.reviews.rules import can_manage_reviews
from phoihop.reviews.services import EDITABLE, preset_period


def manageable_programs(user):
    return [
        p
        for p in programs_for_user(user).select_related("committee")
        if can_manage_reviews(user, p)
    ]


def proposed_period(program, today: dt.date) -> dict:
    """The latest period of `program` that has ended by `today`, as the form's initial kind,
    year and half: the whole program (its 5 years) once it is over, else the latest
    complete half-year, or the year when it ended on the same 31/12."""
    if program.period_end < today:
        return {"kind": Kind.PROGRAM, "year": program.period_end.year, "half": 2}
    if today.month > 6:
        return {"kind": Kind.SIX_MONTHS, "year": today.year, "half": 1}
    return {"kind": Kind.ANNUAL, "year": today.year - 1, "half": 2}


class ReviewCreateForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Chương trình"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=KIND_CHOICES, initial=Kind.ANNUAL)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Kỳ 6 tháng"),
        coerce=int,
        initial=1,
        choices=[(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))],
    )
    start = date_field(_("Từ ngày (tùy chọn)"), required=False)
    end = date_field(_("Đến ngày (tùy chọn)"), required=False)
    units = forms.ChoiceField(label=_("Số liệu theo địa bàn"), choices=UNITS_CHOICES)
    layout = forms.ChoiceField(label=_("Thể thức văn bản"), choices=Layout.choices)
    title = forms.CharField(label=_("Trích yếu (để trống: tự đặt)"), required=False, max_length=300)
    again = forms.BooleanField(
        label=_("Vẫn tạo thêm báo cáo cho kỳ đã có báo cáo"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programs = manageable_programs(user)
        self.fields["program"].queryset = programs_for_user(user).filter(
            pk__in=[p.pk for p in programs]
        )
        self.fields["year"].initial = timezone.localdate().year
        if programs:
            for name, value in proposed_period(programs[0], timezone.localdate()).items():
                self.fields[name].initial = value

    def clean(self):
        data = super().clean()
        program, kind = data.get("program"), data.get("kind")
        if program is None or kind is None:
            return data
        if kind in (Kind.SIX_MONTHS, Kind.ANNUAL) and not data.get("year"):
            self.add_error("year", _("Hãy nhập năm của báo cáo."))
            return data
        if kind == Kind.CUSTOM and not (data.get("start") and data.get("end")):
            raise ValidationError(
                _("Hãy nhập đủ từ ngày và đến ngày cho khoảng thời gian tùy chọn.")
            )
        data["start"], data["end"] = preset_period(
            kind,
            program,
            year=data.get("year"),
            half=data.get("half") or 1,
            start=data.get("start"),
            end=data.get("end"),
        )
        self._warn_duplicate(data)
        return data

    def _warn_duplicate(self, data) -> None:
        """Another review of the same program and period: said, and created only when
        "Vẫn tạo thêm" is ticked."""
        same = ReviewReport.objects.filter(program=data["program"], start=data["start"], end=data["end"])
        titles = list(same.values_list("title", flat=True)[:3])
        if titles and not data.get("again"):
            self.add_error("again", _(
                "Kỳ %(start)s – %(end)s đã có báo cáo: %(titles)s. Hãy sửa báo cáo đó, hoặc "
                "đánh dấu ô này để tạo thêm một báo cáo nữa."
            ) % {
                "start": f"{data['start']:%d/%m/%Y}",
                "end": f"{data['end']:%d/%m/%Y}",
                "titles": "; ".join(f"“{t}”" for t in titles),
            })


class ReviewEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ReviewReport
        fields = list(EDITABLE)
        widgets = {
            name: forms.Textarea(attrs={"rows": 8})
            for name in ("situation", "results", "limitations", "directions", "recommendations")
        } | {"recipients": forms.Textarea(attrs={"rows": 3})}


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}


class DashboardFilterForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Chương trình"), queryset=None, required=False)
    start = date_field(_("Từ ngày"), required=False)
    end = date_field(_("Đến ngày"), required=False)
    member = forms.TypedChoiceField(
        label=_("Tổ chức thành viên"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programs = programs_for_user(user)
        self.fields["program"].queryset = programs
        self.fields["program"].empty_label = None
        members = {}
        for program in programs.prefetch_related("members__organization"):
            members |= {
                m.organization_id: m.organization.short_name or m.organization.name
                for m in program.members.all()
            }
        self.fields["member"].choices = [("", _("Tất cả thành viên"))] + sorted(
            members.items(), key=lambda kv: kv[1]
        )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        return data
