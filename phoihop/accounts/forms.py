"""Forms of the account pages; rules live in services, forms only parse input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import Role
from phoihop.accounts.selectors import organizations_managed_by, roles_grantable_by
from phoihop.organizations.models import Organization


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    organization = forms.ModelChoiceField(
        label=_("Tổ chức"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Tất cả tổ chức"),
    )
    role = forms.ChoiceField(label=_("Vai trò"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(actor).order_by(
            "name"
        )
        self.fields["role"].choices = [("", _("Tất cả vai trò")), *Role.choices]


class _UserFieldsForm(forms.Form):
    first_name = forms.CharField(label=_("Họ và tên đệm"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Tên"), required=False, max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    organization = forms.ModelChoiceField(
        label=_("Tổ chức"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("(không thuộc tổ chức nào)"),
    )
    role = forms.ChoiceField(label=_("Vai trò"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_managed_by(actor).order_by("name")
        self.fields["role"].choices = roles_grantable_by(actor)


class UserCreateForm(_UserFieldsForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ, số và các ký tự @ . + - _"),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Ít nhất 8 ký tự, không quá giống tên đăng nhập, không chỉ gồm chữ số."),
    )
    password_confirm = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    field_order = ["username", "first_name", "last_name", "email", "organization", "role"]

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", _("Hai mật khẩu không khớp."))
        return data


class UserEditForm(_UserFieldsForm):
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
