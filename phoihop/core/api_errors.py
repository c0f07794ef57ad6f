"""The API's exception handler: DRF's own, with every message in the user's language.

DRF's messages come from its catalogue, completed for Vietnamese in
phoihop/locale_vendor/vi/. The few it writes in English whatever the language (a parse
error quoting the JSON decoder, the CSRF failure of session authentication) are replaced
here; a body over the limits answers 413 instead of a bare 400. The shape stays DRF's:
`{"detail": "..."}` or `{"field": ["..."]}`.
"""

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(_("Dữ liệu gửi lên quá lớn."))


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(_("Không đọc được dữ liệu gửi lên: sai cú pháp JSON hoặc biểu mẫu."))
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(
            _("Thiếu hoặc sai mã CSRF của phiên đăng nhập. Hãy tải lại trang rồi gửi lại."), code="csrf"
        )
    return drf_exception_handler(exc, context)
