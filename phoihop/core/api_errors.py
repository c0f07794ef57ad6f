"""The API's one exception handler: services' Django errors as API errors, and DRF's own
answers with every message in the user's language.

Services raise Django's exceptions, whoever calls them; views and viewsets let them
through and this handler answers: `PermissionDenied` 403 and `Http404` 404 (DRF's own
translation), a `ValidationError` 400 with the messages by field (`non_field_errors`
when it names none), or 409 Conflict when the record changed since it was read (code
"stale", see core.history.ensure_unchanged), 412 when that version came in If-Match.

DRF's messages come from its catalogue, completed for Vietnamese in
phoihop/locale_vendor/vi/. The few it writes in English whatever the language (a parse
error quoting the JSON decoder, the CSRF failure of session authentication) are replaced
here; a body over the limits answers 413 instead of a bare 400. The shape stays DRF's:
`{"detail": "..."}` or `{"field": ["..."]}`.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler as drf_exception_handler

from phoihop.core.forms import is_stale
from phoihop.core.history import STALE_MESSAGE


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(_("Dữ liệu gửi lên quá lớn."))


class StaleVersion(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = STALE_MESSAGE
    default_code = "stale"


class StalePrecondition(StaleVersion):
    status_code = status.HTTP_412_PRECONDITION_FAILED


def _from_service(error: DjangoValidationError, view) -> exceptions.APIException:
    """A service's ValidationError: 409 (412 after If-Match) when stale, otherwise 400."""
    if is_stale(error):
        stale = StalePrecondition if getattr(view, "version_from_header", False) else StaleVersion
        return stale(error.messages[0])
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError({"non_field_errors": error.messages})


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _from_service(exc, context.get("view"))
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(_("Không đọc được dữ liệu gửi lên: sai cú pháp JSON hoặc biểu mẫu."))
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(
            _("Thiếu hoặc sai mã CSRF của phiên đăng nhập. Hãy tải lại trang rồi gửi lại."), code="csrf"
        )
    return drf_exception_handler(exc, context)
