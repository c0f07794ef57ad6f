"""Forms of the intake pages: bring in a text; confirm reports; confirm an activity."""

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import date_field
from phoihop.organizations.models import Committee, Organization
from phoihop.programs.models import ContentArea, Program
from phoihop.situations.models import Severity


class IntakeForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Ban Chỉ đạo"), queryset=Committee.objects.none())
    title = forms.CharField(label=_("Tiêu đề (không bắt buộc)"), max_length=300, required=False)
    text = forms.CharField(
        label=_("Dán nội dung văn bản"), required=False, widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(
        label=_("hoặc chọn tệp .txt, .docx"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )
    on = date_field(
        _("Ngày của văn bản (không bắt buộc)"), required=False,
        help_text=_("Bỏ trống để lấy ngày nêu trong văn bản; ngày quyết định dùng đơn vị hành chính trước "
                    "hay sau 01/07/2025."),
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(pk__in=[c.pk for c in committees])
        if len(committees) == 1:
            self.fields["committee"].initial = committees[0].pk
            self.fields["committee"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Văn bản đang trống: hãy dán nội dung hoặc chọn tệp."))
        return data


class ReportDraftForm(forms.Form):
    """What every report made from the text shares; the communes and topics are ticked
    in the table beside the text."""

    reported_on = date_field(_("Ngày nắm được tình hình"))
    severity = forms.TypedChoiceField(label=_("Mức độ"), choices=Severity.choices, coerce=int,
                                      initial=Severity.MEDIUM)
    description = forms.CharField(label=_("Nội dung tình hình"), widget=forms.Textarea(attrs={"rows": 6}))


class ActivityDraftForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Chương trình"), queryset=Program.objects.none())
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    start_date = date_field(_("Từ ngày"))
    end_date = date_field(_("Đến ngày"))
    content_area = forms.ModelChoiceField(label=_("Nội dung phối hợp"), queryset=ContentArea.objects.none())
    lead = forms.ModelChoiceField(label=_("Cơ quan chủ trì"), queryset=Organization.objects.none())
    partners = forms.ModelMultipleChoiceField(
        label=_("Cơ quan phối hợp"), queryset=Organization.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    narrative = forms.CharField(label=_("Kết quả, mô tả"), widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in programs]
        self.fields["program"].queryset = Program.objects.filter(pk__in=ids)
        self.fields["content_area"].queryset = ContentArea.objects.filter(program_id__in=ids).select_related("program")
        self.fields["content_area"].label_from_instance = lambda a: f"{a.number}. {a.name} — {a.program.name}"
        members = Organization.objects.filter(program_memberships__program_id__in=ids).distinct()
        self.fields["lead"].queryset = members
        self.fields["partners"].queryset = members

    def clean(self):
        data = super().clean()
        program, area = data.get("program"), data.get("content_area")
        if program and area and area.program_id != program.pk:
            self.add_error("content_area", _("Nội dung phối hợp không thuộc chương trình đã chọn."))
        return data
