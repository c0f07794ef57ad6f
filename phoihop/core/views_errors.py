"""The pages a user sees when something goes wrong: 400, 403, 404, 413, 500, CSRF.

Wired in phoihop/urls.py (handler400/403/404/500), CSRF_FAILURE_VIEW and
RequestSizeLimitMiddleware. Under /api/ each answers JSON `{"detail": "..."}`, the shape
DRF gives its own errors. Every page but 500 is drawn in the site's frame; the 500 page
renders without the request (no context processors, no database) and finds its
stylesheet only if the static files can be found, so a broken database or a missing
manifest cannot break the page that reports them.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _back_url(request) -> str:
    """The page the user came from, when it is on this site; '' otherwise."""
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if same_site and referer != request.build_absolute_uri() else ""


def _error(request, template: str, status: int, title: str, detail: str, **extra):
    if _is_api(request):
        return _json(detail, status)
    context = {"code": status, "title": title, "detail": detail, "back_url": _back_url(request), **extra}
    return render(request, template, context, status=status)


def _json(detail: str, status: int):
    """DRF's shape, and its readable UTF-8."""
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


@requires_csrf_token
def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    return _error(request, "400.html", 400, _("Yêu cầu không hợp lệ"),
                  _("Máy chủ không hiểu được yêu cầu vừa gửi."))


@requires_csrf_token
def permission_denied(request, exception=None):
    reason = str(exception or "")
    return _error(request, "403.html", 403, _("Không có quyền truy cập"),
                  reason or _("Tài khoản của bạn không có quyền xem hoặc làm việc này."))


@requires_csrf_token
def page_not_found(request, exception=None):
    # The exception's text ("No Case matches the given query.") names models: never shown.
    return _error(request, "404.html", 404, _("Không tìm thấy trang"),
                  _("Trang hoặc dữ liệu này không có, đã bị xoá, hoặc bạn không được xem."))


@requires_csrf_token
def request_too_large(request):
    limits = {"request_mb": settings.PHOIHOP_MAX_REQUEST_MB,
              "text_mb": _megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    detail = _("Dữ liệu gửi lên quá lớn: một lần gửi tối đa %(request_mb)s MB, phần chữ (không kể "
               "tệp đính kèm) tối đa %(text_mb)s MB.") % limits
    return _error(request, "413.html", 413, _("Dữ liệu quá lớn"), detail)


def _megabytes(size: int) -> str:
    """2621440 → "2,5" in Vietnamese, "2.5" in English; 10485760 → "10"."""
    value = round(size / (1024 * 1024), 1)
    return formats.number_format(int(value) if value.is_integer() else value, use_l10n=True)


@requires_csrf_token
def csrf_failure(request, reason=""):
    detail = _("Phiên làm việc đã hết hạn hoặc biểu mẫu đã mở quá lâu. Hãy tải lại trang rồi gửi lại.")
    return _error(request, "403_csrf.html", 403, _("Biểu mẫu đã hết hạn"), detail)


def server_error(request):
    if _is_api(request):
        return _json(_("Máy chủ gặp lỗi. Xin thử lại sau."), 500)
    context = {"home_url": _safe(lambda: reverse("home:home"), "/"),
               "stylesheet": _safe(lambda: static("phoihop/phoihop.css"), "")}
    return HttpResponse(loader.get_template("500.html").render(context), status=500)


def _safe(compute, fallback: str) -> str:
    """The 500 page must render whatever broke: any failure here falls back."""
    try:
        return compute()
    except Exception:  # noqa: BLE001 - NoReverseMatch, a file missing from the manifest, ...
        return fallback
