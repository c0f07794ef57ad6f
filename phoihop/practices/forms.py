"""Forms of the coordination model pages; rules live in services, forms only parse input."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.activities.models import Activity
from phoihop.core.forms import date_field
from phoihop.localities.models import Locality
from phoihop.localities.widgets import LocalityAutocompleteWidget, label
from phoihop.organizations.models import Organization
from phoihop.practices import selectors
from phoihop.practices.models import ModelStatus


def _province_units(program):
    return Locality.objects.in_force_within(program.committee.locality).order_by("level", "name")


class ModelFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Mức công nhận"), required=False)
    content_area = forms.ModelChoiceField(
        label=_("Nội dung phối hợp"), queryset=None, required=False, empty_label=_("Tất cả")
    )
    member = forms.ModelChoiceField(
        label=_("Tổ chức tham gia"), queryset=None, required=False, empty_label=_("Tất cả")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Tất cả")), *ModelStatus.choices]
        areas = selectors.content_areas_for_filter(user)
        self.fields["content_area"].queryset = areas
        if len({area.program_id for area in areas}) > 1:
            self.fields["content_area"].label_from_instance = lambda a: f"{a} · {a.program.name}"
        self.fields["member"].queryset = selectors.members_for_filter(user)


class CoordinationModelForm(forms.Form):
    name = forms.CharField(label=_("Tên mô hình"), max_length=250, required=False)
    content_area = forms.ModelChoiceField(label=_("Nội dung phối hợp"), queryset=None)
    members = forms.ModelMultipleChoiceField(
        label=_("Tổ chức tham gia"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    localities = forms.ModelMultipleChoiceField(
        label=_("Địa bàn"), queryset=Locality.objects.all(), required=False
    )
    started_on = date_field(_("Bắt đầu từ ngày"))
    ended_on = date_field(_("Kết thúc"), required=False, help_text=_("Để trống nếu còn duy trì."))
    description = forms.CharField(
        label=_("Mô tả"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Cách làm, kết quả, ai tham gia, vì sao tiêu biểu."),
    )
    evidence = forms.ModelMultipleChoiceField(
        label=_("Hoạt động minh chứng"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Số liệu của các hoạt động đã được xác nhận được cộng vào minh chứng."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, program, user, model=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_area"].queryset = program.content_areas.all()
        self.fields["members"].queryset = Organization.objects.filter(
            program_memberships__program=program
        ).order_by("name")
        self.fields["localities"].widget = LocalityAutocompleteWidget(
            queryset=_province_units(program), parent=program.committee.locality
        )
        visible = Activity.objects.visible_to(user).filter(program=program)
        if model is not None:  # keep evidence linked by someone who sees more
            linked = model.evidence.values("pk")
            visible = Activity.objects.filter(program=program).filter(
                Q(pk__in=visible.values("pk")) | Q(pk__in=linked)
            )
        self.fields["evidence"].queryset = visible.order_by("-start_date", "-pk")

    @staticmethod
    def initial_for(model, version: int) -> dict:
        return {
            "name": model.name,
            "content_area": model.content_area_id,
            "members": list(model.members.values_list("pk", flat=True)),
            "localities": list(model.localities.values_list("pk", flat=True)),
            "started_on": model.started_on,
            "ended_on": model.ended_on,
            "description": model.description,
            "evidence": list(model.evidence.values_list("pk", flat=True)),
            "version": version,
        }


class DecideForm(forms.Form):
    status = forms.ChoiceField(label=_("Mức công nhận"), choices=ModelStatus.choices)
    note = forms.CharField(
        label=_("Căn cứ công nhận"),
        required=False,
        max_length=300,
        help_text=_("Số, ngày của quyết định hoặc văn bản công nhận."),
    )


class ReplicationForm(forms.Form):
    locality = forms.ModelChoiceField(
        label=_("Địa bàn nhân rộng"), queryset=Locality.objects.all(), required=False
    )
    started_on = date_field(_("Từ ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        # Accept any unit, list the province's (the full registry is too long for a list).
        units = _province_units(program).select_related("parent__parent")
        self.fields["locality"].widget.choices = [("", "---------")] + [
            (unit.pk, label(unit)) for unit in units
        ]
