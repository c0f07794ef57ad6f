import hashlib

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu của chương trình"),
        error_messages={
            "required": _("Hãy chọn tệp Excel cần nhập."),
            "empty": _("Tệp đang trống."),
        },
    )
    submit = forms.BooleanField(
        label=_("Gửi Thường trực xác nhận ngay sau khi nhập"),
        required=False,
        help_text=_(
            "Bỏ chọn để nhập thành bản dự thảo, xem lại rồi gửi sau. Bản dự thảo nhập hộ tổ "
            "chức khác chỉ tổ chức chủ trì xem được cho đến khi tổ chức đó gửi."
        ),
    )

    again = forms.BooleanField(
        label=_("Vẫn nhập lại tệp này"),
        required=False,
        help_text=_("Chỉ chọn khi các hoạt động của lần nhập trước đã bị xóa hoặc cần nhập thêm một lần nữa."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.PHOIHOP_IMPORT_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)s MB). Hãy chia thành nhiều tệp."), params={"mb": limit}
            )
        return upload


def file_digest(upload) -> str:
    """The SHA-256 of an uploaded file's bytes: the same file uploaded twice has the same."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


class TasksImportForm(forms.Form):
    file = ImportForm.base_fields["file"]
    clean_file = ImportForm.clean_file
