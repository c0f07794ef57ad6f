"""Forms of the organization pages; rules live in services, forms only parse input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import date_field
from phoihop.organizations.models import Organization, OrgKind, OrgLevel
from phoihop.organizations.selectors import committees_for_user


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Loại tổ chức"), required=False)
    level = forms.ChoiceField(label=_("Cấp"), required=False)
    committee = forms.ModelChoiceField(
        label=_("Ban Chỉ đạo"), queryset=None, required=False, empty_label=_("Tất cả")
    )
    valid_on = date_field(_("Hoạt động vào ngày"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tất cả")), *OrgKind.choices]
        self.fields["level"].choices = [("", _("Tất cả")), *OrgLevel.choices]
        self.fields["committee"].queryset = committees_for_user(user)


class AliasesField(forms.CharField):
    """Other names, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Tên tổ chức"), max_length=200)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=80, required=False)
    aliases = AliasesField(
        label=_("Tên gọi khác"),
        required=False,
        help_text=_("Mỗi dòng một tên, ví dụ: Bộ CHQS tỉnh"),
    )
    kind = forms.ChoiceField(label=_("Loại tổ chức"), choices=OrgKind.choices)
    level = forms.ChoiceField(label=_("Cấp"), choices=OrgLevel.choices)
    valid_from = date_field(_("Hoạt động từ"), required=False)
    valid_to = date_field(
        _("Ngừng hoạt động từ"), required=False, help_text=_("Ngày đầu tiên không còn hoạt động.")
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    @staticmethod
    def initial_for(organization: Organization, version: int) -> dict:
        fields = [
            "name",
            "short_name",
            "aliases",
            "kind",
            "level",
            "valid_from",
            "valid_to",
            "email",
            "phone",
        ]
        return {**{name: getattr(organization, name) for name in fields}, "version": version}


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Chức vụ"), max_length=200)
    organization = forms.ModelChoiceField(label=_("Tại tổ chức"), queryset=None)
    valid_from = date_field(_("Từ ngày"), required=False)
    valid_to = date_field(
        _("Đến trước ngày"), required=False, help_text=_("Để trống nếu vẫn đang giữ chức vụ.")
    )
    is_focal_point = forms.BooleanField(label=_("Đầu mối phối hợp"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user).order_by(
            "name"
        )


class PositionEndForm(forms.Form):
    valid_to = date_field(_("Kết thúc từ ngày"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"valid_to": timezone.localdate()})
        super().__init__(*args, **kwargs)
