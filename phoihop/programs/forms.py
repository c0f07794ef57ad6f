"""Forms of the program pages; rules live in services, forms only parse input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import date_field
from phoihop.organizations.models import Organization, Person
from phoihop.programs.models import (
    Aggregation,
    AnnualPlan,
    Frequency,
    Indicator,
    Program,
    ProgramLevel,
    Task,
)
from phoihop.programs.selectors import (
    program_members_during,
    task_commune_choices,
    task_localities_allowed,
)

DOCUMENT_ACCEPT = ".pdf,.docx,.jpg,.jpeg,.png,.gif,.webp"
WIDE = forms.TextInput(attrs={"size": 70})
SHORT_TEXT = forms.Textarea(attrs={"rows": 3})


def _document_field(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("PDF, Word (.docx) hoặc ảnh; tối đa 10 MB."),
    )


class ProgramFactsForm(forms.Form):
    """The facts of a program that its secretariat sets, on creation and on edit."""

    name = forms.CharField(label=_("Tên chương trình"), max_length=250, widget=WIDE)
    level = forms.ChoiceField(label=_("Cấp"), choices=ProgramLevel.choices)
    period_start = date_field(_("Thực hiện từ ngày"))
    period_end = date_field(_("Đến hết ngày"))
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea, required=False)
    report_frequency = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=Frequency.choices)
    report_due_days = forms.IntegerField(
        label=_("Hạn nộp báo cáo (số ngày sau kỳ)"), min_value=0, max_value=365, initial=5
    )


class ProgramForm(ProgramFactsForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    FIELDS = (
        "name",
        "level",
        "period_start",
        "period_end",
        "description",
        "report_frequency",
        "report_due_days",
    )

    @classmethod
    def initial_for(cls, program: Program, version: int) -> dict:
        return {**{name: getattr(program, name) for name in cls.FIELDS}, "version": version}


class ProgramCreateForm(ProgramFactsForm):
    """A new program: its committee (those `user` runs), facts, and which members join."""

    field_order = ["committee"]
    committee = forms.ModelChoiceField(label=_("Ban Chỉ đạo"), queryset=None, empty_label=None)
    members = forms.ModelMultipleChoiceField(
        label=_("Tổ chức thành viên tham gia"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Thành viên Ban Chỉ đạo; có thể thêm, bớt sau trên trang chương trình."),
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["members"].queryset = (
            Organization.objects.filter(memberships__committee__in=committees)
            .distinct()
            .order_by("name")
        )
        if not self.is_bound and len(committees) == 1:
            committee = committees[0]
            self.initial.setdefault("committee", committee.pk)
            self.initial.setdefault(
                "members",
                list(committee.memberships.filter(left_on__isnull=True).values_list(
                    "organization_id", flat=True
                )),
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class ProgramSignForm(forms.Form):
    signed_on = date_field(_("Ngày ký kết"))
    signed_place = forms.CharField(label=_("Nơi ký kết"), max_length=120)
    signed_document = _document_field(_("Văn bản ký kết"))

    def __init__(self, *args, program: Program, **kwargs):
        kwargs.setdefault(
            "initial", {"signed_on": program.signed_on, "signed_place": program.signed_place}
        )
        super().__init__(*args, **kwargs)
        self.members = list(
            program.members.filter(is_signatory=True).select_related("organization")
        )
        people = Person.objects.filter(
            organization__in=[m.organization_id for m in self.members]
        ).order_by("full_name")
        by_org: dict[int, list[Person]] = {}
        for person in people:
            by_org.setdefault(person.organization_id, []).append(person)
        for member in self.members:
            field = forms.ModelChoiceField(
                label=_("Người ký của %(org)s") % {"org": member.organization},
                queryset=Person.objects.filter(organization=member.organization_id),
                required=False,
                initial=member.signatory_id,
                empty_label=_("— chưa chọn —"),
            )
            field.choices = [("", _("— chưa chọn —"))] + [
                (p.pk, p.full_name) for p in by_org.get(member.organization_id, [])
            ]
            self.fields[f"signatory_{member.pk}"] = field

    def signatories(self) -> dict:
        return {m.pk: self.cleaned_data.get(f"signatory_{m.pk}") for m in self.members}


class MemberAddForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Tổ chức thành viên"), queryset=None)
    joined_on = date_field(_("Tham gia từ"), required=False)
    is_signatory = forms.BooleanField(label=_("Ký kết chương trình"), required=False, initial=True)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        committee = program.committee
        in_committee = Organization.objects.filter(
            pk__in=committee.memberships.values("organization")
        ) | Organization.objects.filter(pk=committee.host_id)
        self.fields["organization"].queryset = in_committee.exclude(
            pk__in=program.members.values("organization")
        ).order_by("name")


class MemberLeaveForm(forms.Form):
    left_on = date_field(_("Rời chương trình từ ngày"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"left_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ContentAreaForm(forms.Form):
    number = forms.IntegerField(label=_("Số thứ tự"), min_value=1, max_value=99)
    name = forms.CharField(label=_("Nội dung phối hợp"), max_length=200, widget=WIDE)
    description = forms.CharField(label=_("Mô tả"), widget=SHORT_TEXT, required=False)


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    title = forms.CharField(
        label=_("Tên kế hoạch"),
        max_length=250,
        required=False,
        help_text=_("Để trống: “Kế hoạch phối hợp năm …”."),
    )


class PlanSignForm(forms.Form):
    signed_on = date_field(_("Ngày ký"))
    signed_place = forms.CharField(label=_("Nơi ký"), max_length=120)
    document = _document_field(_("Văn bản kế hoạch"))

    def __init__(self, *args, plan: AnnualPlan, **kwargs):
        kwargs.setdefault("initial", {"signed_on": plan.signed_on, "signed_place": plan.signed_place})
        super().__init__(*args, **kwargs)


class TaskForm(forms.Form):
    number = forms.IntegerField(label=_("Số thứ tự"), min_value=1, max_value=999, required=False)
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=300, widget=WIDE)
    description = forms.CharField(label=_("Nội dung"), widget=SHORT_TEXT, required=False)
    content_area = forms.ModelChoiceField(label=_("Nội dung phối hợp"), queryset=None)
    lead = forms.ModelChoiceField(label=_("Cơ quan chủ trì"), queryset=None)
    partners = forms.ModelMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    localities = forms.ModelMultipleChoiceField(
        label=_("Địa bàn"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Giữ Ctrl (hoặc ⌘) để chọn nhiều xã, phường."),
    )
    due_date = date_field(_("Thời hạn"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, plan: AnnualPlan, **kwargs):
        super().__init__(*args, **kwargs)
        program = plan.program
        self.fields["content_area"].queryset = program.content_areas.order_by("number")
        members = Organization.objects.filter(
            pk__in=program_members_during(program, plan.year).values("organization")
        ).order_by("name")
        self.fields["lead"].queryset = members
        self.fields["partners"].queryset = members
        field = self.fields["localities"]
        field.queryset = task_localities_allowed(program, plan.year)
        field.choices = task_commune_choices(program, plan.year)  # grouped by district

    @staticmethod
    def initial_for(task: Task, version: int) -> dict:
        return {
            "number": task.number,
            "title": task.title,
            "description": task.description,
            "content_area": task.content_area_id,
            "lead": task.lead_id,
            "partners": [org.pk for org in task.partners.all()],
            "localities": [unit.pk for unit in task.localities.all()],
            "due_date": task.due_date,
            "version": version,
        }


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Chỉ tiêu"), queryset=Indicator.objects.filter(is_active=True), required=False
    )
    value = forms.DecimalField(
        label=_("Giá trị"), max_digits=18, decimal_places=2, required=False, localize=True
    )

    def clean(self):
        data = super().clean()
        if data.get("DELETE"):
            return data
        indicator, value = data.get("indicator"), data.get("value")
        if indicator and value is None:
            self.add_error("value", _("Hãy nhập giá trị chỉ tiêu."))
        if value is not None and not indicator:
            self.add_error("indicator", _("Hãy chọn chỉ tiêu."))
        if value is not None and value < 0:
            self.add_error("value", _("Chỉ tiêu phải là số không âm."))
        return data


class BaseTargetFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            indicator = form.cleaned_data.get("indicator")
            if not indicator or form.cleaned_data.get("DELETE"):
                continue
            if indicator.pk in seen:
                raise forms.ValidationError(_("Mỗi chỉ tiêu chỉ nhập một lần."))
            seen.add(indicator.pk)

    def targets(self) -> dict:
        """indicator → value for the rows kept."""
        return {
            form.cleaned_data["indicator"]: form.cleaned_data["value"]
            for form in self.forms
            if form.cleaned_data.get("indicator") and not form.cleaned_data.get("DELETE")
        }


TargetFormSet = forms.formset_factory(
    TargetForm, formset=BaseTargetFormSet, extra=3, can_delete=True, max_num=30
)


def target_formset(data=None, *, task: Task | None = None) -> BaseTargetFormSet:
    initial = []
    if task is not None:
        initial = [
            {"indicator": t.indicator_id, "value": t.value}
            for t in task.targets.select_related("indicator")
        ]
    return TargetFormSet(data, initial=initial, prefix="targets")


class IndicatorForm(forms.Form):
    code = forms.SlugField(label=_("Mã chỉ tiêu"), max_length=40)
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=200)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=40)
    aggregation = forms.ChoiceField(label=_("Cách tổng hợp"), choices=Aggregation.choices)
    summable_across_members = forms.BooleanField(
        label=_("Được cộng giữa các thành viên"), required=False
    )
    summable_across_levels = forms.BooleanField(label=_("Được cộng giữa các cấp"), required=False)
    decimals = forms.IntegerField(label=_("Số chữ số thập phân"), min_value=0, max_value=4)
    description = forms.CharField(label=_("Giải thích"), widget=forms.Textarea, required=False)
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=32767, initial=100)
    review_phrase = forms.CharField(
        label=_("Cách viết trong báo cáo"),
        max_length=200,
        required=False,
        help_text=Indicator._meta.get_field("review_phrase").help_text,
    )

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict:
        return {name: getattr(indicator, name) for name in cls.base_fields}
