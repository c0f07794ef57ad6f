"""Input of the activity pages: filters, the activity form with its figures, and the
small forms behind the workflow buttons."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from phoihop.activities.models import ActivityStatus
from phoihop.activities.services import ActivityData
from phoihop.core.forms import date_field, share_choices
from phoihop.lib.vnformat import NumberFormatError, number, parse_number
from phoihop.localities.forms import record_day
from phoihop.localities.models import Level, Locality
from phoihop.localities.widgets import LocalityAutocompleteWidget, label
from phoihop.organizations.models import Organization
from phoihop.organizations.selectors import committees_for_user
from phoihop.programs.models import ContentArea, Indicator, Program, Task

BAD_CHOICE = _("Lựa chọn không hợp lệ.")


class LocalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Locality) -> str:
        return label(unit)


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, org: Organization) -> str:
        return org.short_name or org.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, org: Organization) -> str:
        return org.short_name or org.name


class ActivityFilterForm(forms.Form):
    """The list's GET filters; the API reads the same names."""

    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=200)
    program = forms.ModelChoiceField(
        label=_("Chương trình"),
        queryset=Program.objects.none(),
        required=False,
        empty_label=_("Mọi chương trình"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Mọi trạng thái")), *ActivityStatus.choices],
        required=False,
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    content_area = forms.ModelChoiceField(
        label=_("Nội dung phối hợp"),
        queryset=ContentArea.objects.none(),
        required=False,
        empty_label=_("Mọi nội dung"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    organization = OrganizationChoiceField(
        label=_("Tổ chức tham gia"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Mọi tổ chức"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    lead = OrganizationChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Mọi cơ quan"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    locality = LocalityChoiceField(
        label=_("Địa bàn"),
        queryset=Locality.objects.none(),
        required=False,
        empty_label=_("Mọi địa bàn"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    date_from = date_field(_("Từ ngày"), required=False)
    date_to = date_field(_("Đến ngày"), required=False)
    batch = forms.UUIDField(
        label=_("Lần nhập từ Excel"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": BAD_CHOICE},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programs = Program.objects.visible_to(user)
        self.fields["program"].queryset = programs
        self.fields["content_area"].queryset = ContentArea.objects.filter(
            program__in=programs
        ).select_related("program")
        self.fields["organization"].queryset = Organization.objects.visible_to(user).order_by("name")
        share_choices(self, "organization", "lead")
        self.fields["locality"].queryset = _filter_localities(user)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc trùng “Từ ngày”."))
        return data

    def filters(self) -> dict:
        """Cleaned filters for the selector; an invalid form filters nothing."""
        return self.cleaned_data if self.is_valid() else {}


def _filter_localities(user):
    """The units of the user's committees' areas (provinces and districts for brevity)."""
    scopes = Locality.objects.filter(pk__in=committees_for_user(user).values("locality_id")).values(
        "pk"
    )
    units = Locality.objects.filter(level__in=[Level.PROVINCE, Level.DISTRICT])
    within = Q(pk__in=scopes) | Q(parent__in=scopes) | Q(parent__parent__in=scopes)
    return units.filter(within).select_related("parent__parent").order_by("level", "name")


class VietnameseNumberField(forms.CharField):
    """A figure typed the Vietnamese way: 4.100 or 1.234,5."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "num", "size": 12})

    def __init__(self, *, decimals: int = 0, **kwargs):
        self.decimals = decimals
        super().__init__(required=False, max_length=40, **kwargs)

    def clean(self, value) -> Decimal | None:
        text = super().clean(value)
        try:
            parsed = parse_number(text)
        except NumberFormatError as error:
            if error.kind == "ambiguous":
                raise forms.ValidationError(
                    _(
                        "“%(text)s” không rõ: dấu chấm ngăn cách hàng nghìn (4.100), dấu phẩy "
                        "ngăn cách phần thập phân (1.234,5)."
                    ),
                    code="ambiguous",
                    params={"text": text},
                ) from None
            raise forms.ValidationError(
                _("“%(text)s” không phải là một số."), code="invalid", params={"text": text}
            ) from None
        if parsed is None:
            return None
        if parsed < 0:
            raise forms.ValidationError(_("Số liệu không được âm."), code="negative")
        if -parsed.as_tuple().exponent > self.decimals:
            if self.decimals == 0:
                raise forms.ValidationError(_("Chỉ tiêu này chỉ nhận số nguyên."), code="decimals")
            raise forms.ValidationError(
                _("Chỉ tiêu này nhận tối đa %(n)s chữ số thập phân."),
                code="decimals",
                params={"n": self.decimals},
            )
        if parsed >= Decimal(10) ** 16:
            raise forms.ValidationError(_("Số quá lớn."), code="too_large")
        return parsed


FIGURE_PREFIX = "chi_tieu_"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleaned to a list (empty when none was chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class ActivityForm(forms.Form):
    """Create or edit an activity of `program`. The lead is the user's organization,
    except for administrators, who choose it."""

    title = forms.CharField(
        label=_("Tên hoạt động"),
        max_length=300,
        error_messages={"required": _("Hãy nhập tên hoạt động.")},
    )
    start_date = date_field(_("Từ ngày"))
    end_date = date_field(_("Đến ngày"))
    content_area = forms.ModelChoiceField(
        label=_("Nội dung phối hợp"),
        queryset=ContentArea.objects.none(),
        error_messages={"required": _("Hãy chọn nội dung phối hợp."), "invalid_choice": BAD_CHOICE},
    )
    lead = OrganizationChoiceField(
        label=_("Cơ quan chủ trì"),
        queryset=Organization.objects.none(),
        error_messages={"required": _("Hãy chọn cơ quan chủ trì."), "invalid_choice": BAD_CHOICE},
    )
    partners = OrganizationMultipleChoiceField(
        label=_("Cơ quan phối hợp"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mỗi cơ quan phối hợp sẽ xác nhận hoặc từ chối phần tham gia của mình."),
        error_messages={"invalid_choice": BAD_CHOICE, "invalid_pk_value": BAD_CHOICE},
    )
    localities = forms.ModelMultipleChoiceField(
        label=_("Địa bàn"),
        queryset=Locality.objects.all(),
        required=False,
        error_messages={"invalid_choice": BAD_CHOICE, "invalid_pk_value": BAD_CHOICE},
    )
    task = forms.ModelChoiceField(
        label=_("Thực hiện nhiệm vụ"),
        queryset=Task.objects.none(),
        required=False,
        empty_label=_("(Không gắn với nhiệm vụ nào)"),
        error_messages={"invalid_choice": BAD_CHOICE},
    )
    narrative = forms.CharField(
        label=_("Kết quả, mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, program: Program, user, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program, self.user, self.activity = program, user, activity
        members = Organization.objects.filter(program_memberships__program=program).order_by("name")
        self.fields["content_area"].queryset = program.content_areas.all()
        self.fields["task"].queryset = Task.objects.filter(plan__program=program).select_related(
            "plan"
        )
        self.fields["partners"].queryset = members
        if user.is_administrator:
            self.fields["lead"].queryset = members
        else:
            del self.fields["lead"]
            lead_id = activity.lead_id if activity else user.organization_id
            self.fields["partners"].queryset = members.exclude(pk=lead_id)
        area = Locality.objects.in_force_within(program.committee.locality)
        day = record_day(self, "start_date")
        if not self.is_bound and activity is None:
            # A new activity belongs to the program's period: for a program that has ended,
            # list the places of its last day, not today's (the date box moves the picker).
            day = min(max(day, program.period_start), program.period_end)
        self.fields["localities"].queryset = area
        self.fields["localities"].widget = LocalityAutocompleteWidget(  # lists the units of the activity's day
            queryset=Locality.objects.in_force_within(program.committee.locality, on=day).order_by("level", "name"),
            parent=program.committee.locality,
            on=day,
            on_input="id_start_date",
        )
        if activity is None:
            self.fields["attachments"] = MultipleFileField(
                label=_("Tài liệu minh chứng (ảnh, văn bản)"),
                required=False,
                help_text=_(
                    "Có thể chọn nhiều tệp. Nếu biểu mẫu báo lỗi ở ô khác, tệp không được giữ "
                    "lại: hãy chọn lại tệp trước khi lưu."
                ),
            )
        self.figure_groups = self._add_figure_fields()

    def _add_figure_fields(self) -> list[tuple[str, list[str]]]:
        """One optional number per active indicator (and any already reported), grouped:
        the indicators this program's plans target first, then the rest."""
        reported = (
            set(self.activity.figures.values_list("indicator_id", flat=True))
            if self.activity
            else set()
        )
        targeted = set(
            Indicator.objects.filter(targets__task__plan__program=self.program).values_list(
                "pk", flat=True
            )
        )
        indicators = Indicator.objects.filter(Q(is_active=True) | Q(pk__in=reported))
        groups = {True: [], False: []}
        for indicator in indicators:
            name = f"{FIGURE_PREFIX}{indicator.pk}"
            self.fields[name] = VietnameseNumberField(
                label=f"{indicator.name} ({indicator.unit})", decimals=indicator.decimals
            )
            self.fields[name].indicator = indicator
            groups[indicator.pk in targeted].append(name)
        titled = [
            (_("Chỉ tiêu được giao trong kế hoạch"), groups[True]),
            (_("Chỉ tiêu khác"), groups[False]),
        ]
        return [(title, names) for title, names in titled if names]

    @property
    def figure_fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in self.figure_groups]

    def basic_fields(self):
        skip = {"version"}
        return [
            self[name]
            for name in self.fields
            if name not in skip and not name.startswith(FIGURE_PREFIX)
        ]

    @staticmethod
    def initial_for(activity) -> dict:
        initial = {
            "title": activity.title,
            "start_date": activity.start_date,
            "end_date": activity.end_date,
            "content_area": activity.content_area_id,
            "lead": activity.lead_id,
            "partners": [
                p.organization_id for p in activity.participations.all() if p.role == "partner"
            ],
            "localities": list(activity.localities.values_list("pk", flat=True)),
            "task": activity.task_id,
            "narrative": activity.narrative,
            "version": activity.revision,
        }
        for figure in activity.figures.select_related("indicator"):
            initial[f"{FIGURE_PREFIX}{figure.indicator_id}"] = number(
                figure.value, figure.indicator.decimals
            )
        return initial

    def activity_data(self) -> ActivityData:
        data = self.cleaned_data
        if "lead" in self.fields:
            lead_id = data["lead"].pk
        else:
            lead_id = self.activity.lead_id if self.activity else self.user.organization_id
        figures = {
            int(name.removeprefix(FIGURE_PREFIX)): value
            for name, value in data.items()
            if name.startswith(FIGURE_PREFIX) and value is not None
        }
        return ActivityData(
            title=data["title"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            content_area_id=data["content_area"].pk,
            lead_id=lead_id,
            partner_ids=[org.pk for org in data["partners"]],
            locality_ids=[unit.pk for unit in data["localities"]],
            task_id=data["task"].pk if data["task"] else None,
            narrative=data["narrative"],
            figures=figures,
        )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Hãy ghi rõ lý do trả lại để đơn vị bổ sung.")},
    )


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Xác nhận tham gia"),
        choices=[("xac-nhan", _("Xác nhận tham gia")), ("tu-choi", _("Từ chối"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn xác nhận hoặc từ chối."),
            "invalid_choice": BAD_CHOICE,
        },
    )
    contribution = forms.CharField(
        label=_("Phần việc của đơn vị"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    ANSWER_OF_STATUS = {"confirmed": "xac-nhan", "declined": "tu-choi"}

    @classmethod
    def for_participation(cls, participation, data=None):
        """The form with the organization's current answer chosen (none while pending)."""
        initial = {}
        if participation is not None:
            initial = {"contribution": participation.contribution}
            if answer := cls.ANSWER_OF_STATUS.get(participation.status):
                initial["answer"] = answer
        return cls(data, initial=initial)

    @property
    def accept(self) -> bool:
        return self.cleaned_data["answer"] == "xac-nhan"


class ConfirmForm(forms.Form):
    """The secretariat confirms an activity; with partners still "Chờ xác nhận" it must
    say so explicitly (their part is then not counted as joint until they answer)."""

    acknowledge_pending = forms.BooleanField(required=False)

    def __init__(self, *args, pending: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = pending
        self.fields["acknowledge_pending"].label = ngettext(
            "Vẫn xác nhận khi còn %(n)s đơn vị phối hợp chưa trả lời",
            "Vẫn xác nhận khi còn %(n)s đơn vị phối hợp chưa trả lời",
            pending,
        ) % {"n": pending}

    def clean(self):
        data = super().clean()
        if self.pending and not data.get("acknowledge_pending"):
            raise forms.ValidationError(
                ngettext(
                    "Còn %(n)s đơn vị phối hợp “Chờ xác nhận”. Hãy đánh dấu ô “Vẫn xác nhận” "
                    "nếu muốn xác nhận hoạt động trước khi họ trả lời.",
                    "Còn %(n)s đơn vị phối hợp “Chờ xác nhận”. Hãy đánh dấu ô “Vẫn xác nhận” "
                    "nếu muốn xác nhận hoạt động trước khi họ trả lời.",
                    self.pending,
                )
                % {"n": self.pending},
                code="pending_partners",
            )
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp đính kèm"),
        help_text=_("Ảnh (PNG, JPEG, GIF, WEBP), PDF, Word (DOCX) hoặc Excel (XLSX)."),
        error_messages={
            "required": _("Hãy chọn một tệp."),
            "empty": _("Tệp rỗng."),
            "invalid": _("Không đọc được tệp gửi lên."),
        },
    )
