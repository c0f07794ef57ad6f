"""Input of the report and case pages: the report form, list filters, and the small forms
behind each action on a case page. The services validate the meaning (dates, places,
members); these forms only parse and give Vietnamese messages for malformed input."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import date_field, share_choices
from phoihop.localities.forms import record_day
from phoihop.localities.models import Level, Locality
from phoihop.localities.widgets import LocalityAutocompleteWidget, label
from phoihop.organizations.models import Committee, Organization
from phoihop.organizations.selectors import committees_for_user
from phoihop.situations.models import Case, CaseStatus, Severity, Topic
from phoihop.situations.selectors import OPEN
from phoihop.situations.services import CLOSING_STATUSES

BAD_CHOICE = _("Lựa chọn không hợp lệ.")
UNKNOWN_PLACE = _("Không tìm thấy địa bàn đã chọn.")
ATTACHMENT_HELP = _("Ảnh (PNG, JPEG, GIF, WEBP), PDF, Word (DOCX) hoặc Excel (XLSX), mỗi tệp tối đa 10 MB.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (possibly empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", ATTACHMENT_HELP)
        kwargs.setdefault("error_messages", {"empty": _("Tệp rỗng."), "invalid": _("Không đọc được tệp gửi lên.")})
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, org: Organization) -> str:
        return org.short_name or org.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, org: Organization) -> str:
        return org.short_name or org.name


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, case: Case) -> str:
        return f"#{case.pk} · {case.title} ({case.locality.name}, {case.opened_on:%d/%m/%Y})"


def committee_members(committee: Committee):
    return Organization.objects.filter(Q(memberships__committee=committee) | Q(pk=committee.host_id)).distinct().order_by("name")


# --- Reports ------------------------------------------------------------------------------

SENSITIVE_CHOICES = [
    ("", _("Theo lĩnh vực (đất đai, tôn giáo là nhạy cảm)")),
    ("1", _("Nhạy cảm: chỉ Thường trực và các tổ chức liên quan được xem")),
    ("0", _("Không nhạy cảm")),
]


class ReportForm(forms.Form):
    committee = forms.ModelChoiceField(
        label=_("Ban Chỉ đạo"), queryset=Committee.objects.none(),
        error_messages={"required": _("Hãy chọn Ban Chỉ đạo."), "invalid_choice": BAD_CHOICE},
    )
    reported_on = date_field(_("Ngày nắm được tình hình"))
    locality = forms.ModelMultipleChoiceField(
        label=_("Địa bàn (xã, phường, thị trấn)"), queryset=Locality.objects.all(),
        help_text=_("Đơn vị hành chính có hiệu lực vào ngày nắm được tình hình."),
        error_messages={
            "required": _("Hãy chọn xã, phường nơi xảy ra sự việc."),
            "invalid_choice": UNKNOWN_PLACE,
            "invalid_pk_value": UNKNOWN_PLACE,
        },
    )
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Topic.objects.filter(is_active=True),
        error_messages={"required": _("Hãy chọn lĩnh vực."), "invalid_choice": BAD_CHOICE},
    )
    severity = forms.TypedChoiceField(
        label=_("Mức độ"), choices=Severity.choices, coerce=int, initial=Severity.MEDIUM,
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    people_affected = forms.IntegerField(
        label=_("Số người liên quan"), min_value=0, initial=0, required=False,
        error_messages={"invalid": _("Hãy nhập một số nguyên."), "min_value": _("Số người liên quan không được âm.")},
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300, error_messages={"required": _("Hãy nhập tiêu đề.")})
    description = forms.CharField(
        label=_("Nội dung tình hình"), widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Hãy mô tả tình hình.")},
    )
    sensitive = forms.ChoiceField(label=_("Mức độ bảo mật"), choices=SENSITIVE_CHOICES, required=False)
    attachments = MultipleFileField(label=_("Tệp đính kèm"))

    def __init__(self, *args, committees: list[Committee], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(pk__in=[c.pk for c in committees])
        if len(committees) == 1:
            self.fields["committee"].initial = committees[0].pk
            self.fields["committee"].widget = forms.HiddenInput()
        scope = committees[0].locality if committees else None
        self.fields["reported_on"].initial = timezone.localdate()
        day = record_day(self, "reported_on")
        self.fields["locality"].widget = LocalityAutocompleteWidget(  # lists the communes of the report's day
            queryset=(
                Locality.objects.in_force_within(scope, on=day).filter(level=Level.COMMUNE).order_by("name")
                if scope else Locality.objects.none()
            ),
            parent=scope if len(committees) == 1 else None,
            on=day,
            on_input="id_reported_on",
        )

    def clean_locality(self):
        units = list(self.cleaned_data["locality"])
        if len(units) != 1:
            raise forms.ValidationError(_("Mỗi báo cáo chỉ ghi một xã, phường."))
        return units[0]

    def clean_people_affected(self):
        return self.cleaned_data["people_affected"] or 0

    def clean_sensitive(self):
        return {"": None, "1": True, "0": False}[self.cleaned_data["sensitive"]]


class ReportFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Topic.objects.all(), required=False, empty_label=_("Mọi lĩnh vực"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    member = OrganizationChoiceField(
        label=_("Tổ chức báo cáo"), queryset=Organization.objects.none(), required=False,
        empty_label=_("Mọi tổ chức"), error_messages={"invalid_choice": BAD_CHOICE},
    )
    locality = forms.ModelChoiceField(
        label=_("Địa bàn"), queryset=Locality.objects.all(), required=False,
        error_messages={"invalid_choice": UNKNOWN_PLACE},
    )
    without_case = forms.BooleanField(label=_("Chưa thành vụ việc"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Organization.objects.visible_to(user).order_by("name")
        _limit_locality_choices(self, user)

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


def _scope_units(user):
    """Units of the user's committees' areas, for the filters' place list."""
    scopes = Locality.objects.filter(pk__in=committees_for_user(user).values("locality_id")).values("pk")
    within = Q(pk__in=scopes) | Q(parent__in=scopes) | Q(parent__parent__in=scopes)
    return Locality.objects.filter(within).select_related("parent__parent").order_by("level", "name")


def _limit_locality_choices(form: forms.Form, user) -> None:
    """Accept any unit (a map link may name one), but list only the user's area."""
    field = form.fields["locality"]
    listed = list(_scope_units(user))
    chosen = form.data.get(form.add_prefix("locality")) if form.is_bound else None
    if chosen and str(chosen).isdigit() and int(chosen) not in {u.pk for u in listed}:
        listed = [*Locality.objects.filter(pk=int(chosen)), *listed]
    field.widget.choices = [("", _("Mọi địa bàn")), *((u.pk, label(u)) for u in listed)]


# --- Cases --------------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    """The case list's GET filters; the API and the CSV export read the same names."""

    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    committee = forms.ModelChoiceField(
        label=_("Ban Chỉ đạo"), queryset=Committee.objects.none(), required=False,
        empty_label=_("Mọi Ban Chỉ đạo"), error_messages={"invalid_choice": BAD_CHOICE},
    )
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Topic.objects.all(), required=False, empty_label=_("Mọi lĩnh vực"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Mọi trạng thái")), (OPEN, _("Đang mở (chưa kết thúc)")), *CaseStatus.choices],
        required=False, error_messages={"invalid_choice": BAD_CHOICE},
    )
    locality = forms.ModelChoiceField(
        label=_("Địa bàn"), queryset=Locality.objects.all(), required=False,
        error_messages={"invalid_choice": UNKNOWN_PLACE},
    )
    member = OrganizationChoiceField(
        label=_("Tổ chức xử lý"), queryset=Organization.objects.none(), required=False,
        empty_label=_("Mọi tổ chức"), error_messages={"invalid_choice": BAD_CHOICE},
    )
    overdue = forms.BooleanField(label=_("Chỉ vụ việc quá hạn"), required=False)
    date_from = date_field(_("Từ ngày"), required=False)
    date_to = date_field(_("Đến ngày"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = committees_for_user(user)
        self.fields["committee"].queryset = committees
        if len(committees) < 2:
            del self.fields["committee"]
        self.fields["member"].queryset = Organization.objects.visible_to(user).order_by("name")
        _limit_locality_choices(self, user)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc trùng “Từ ngày”."))
        return data

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class RevisionForm(forms.Form):
    """Carries the case revision the user saw, so a stale action is refused."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class OpenCaseForm(forms.Form):
    title = forms.CharField(
        label=_("Tên vụ việc"), max_length=300, required=False,
        help_text=_("Để trống: dùng tiêu đề của báo cáo."),
    )
    opened_on = date_field(_("Ngày tiếp nhận"), required=False, help_text=_("Để trống: ngày của báo cáo."))


class AssignForm(RevisionForm):
    lead = OrganizationChoiceField(
        label=_("Tổ chức chủ trì xử lý"), queryset=Organization.objects.none(),
        error_messages={"required": _("Hãy chọn tổ chức chủ trì."), "invalid_choice": BAD_CHOICE},
    )
    supporters = OrganizationMultipleChoiceField(
        label=_("Tổ chức phối hợp"), queryset=Organization.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": BAD_CHOICE, "invalid_pk_value": BAD_CHOICE},
    )
    due_date = date_field(
        _("Hạn xử lý"), required=False, help_text=_("Để trống: tính theo thời hạn xử lý của lĩnh vực.")
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = committee_members(case.committee)
        share_choices(self, "lead", "supporters")


class FollowUpForm(RevisionForm):
    happened_on = date_field(_("Ngày thực hiện"))
    text = forms.CharField(
        label=_("Đã làm gì, kết quả ra sao"), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Hãy ghi nội dung đã làm.")},
    )
    attachments = MultipleFileField(label=_("Tệp đính kèm"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].initial = timezone.localdate()


class CloseForm(RevisionForm):
    status = forms.ChoiceField(
        label=_("Kết quả"), choices=[(s.value, s.label) for s in CLOSING_STATUSES], widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn kết quả xử lý."), "invalid_choice": BAD_CHOICE},
    )
    outcome = forms.CharField(
        label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi kết quả xử lý.")},
    )
    closed_on = date_field(_("Ngày kết thúc"), required=False, help_text=_("Để trống: hôm nay."))


class ReopenForm(RevisionForm):
    reason = forms.CharField(
        label=_("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do mở lại vụ việc.")},
    )


class EscalateForm(RevisionForm):
    to_committee = forms.ModelChoiceField(
        label=_("Chuyển lên"), queryset=Committee.objects.none(),
        error_messages={"required": _("Hãy chọn Ban Chỉ đạo cấp trên."), "invalid_choice": BAD_CHOICE},
    )

    def __init__(self, *args, higher: list[Committee], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_committee"].queryset = Committee.objects.filter(pk__in=[c.pk for c in higher])


class RecurrenceForm(forms.Form):
    earlier = CaseChoiceField(
        label=_("Tái diễn của vụ việc"), queryset=Case.objects.none(),
        error_messages={"required": _("Hãy chọn vụ việc trước."), "invalid_choice": BAD_CHOICE},
    )

    def __init__(self, *args, earlier_cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["earlier"].queryset = earlier_cases


class MergeForm(forms.Form):
    into_case = CaseChoiceField(
        label=_("Gộp vào vụ việc"), queryset=Case.objects.none(),
        error_messages={"required": _("Hãy chọn vụ việc."), "invalid_choice": BAD_CHOICE},
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into_case"].queryset = cases
