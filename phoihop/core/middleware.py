import time

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils import translation
from django.utils.cache import patch_vary_headers

from phoihop.core.views_errors import request_too_large


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose otherwise with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English to every office PC with an English Chrome. Here only the language cookie
    (set by the switch in the page header) can change the default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RequestSizeLimitMiddleware:
    """Answer 413 (Vietnamese page, or JSON under /api/) to a body over the limits.

    Two limits: the whole body (PHOIHOP_MAX_REQUEST_MB, checked on Content-Length before a
    byte is read) and the form fields without their files (DATA_UPLOAD_MAX_MEMORY_SIZE,
    checked by Django while parsing). The form is parsed here, before CsrfViewMiddleware
    reads its token: otherwise Django's RequestDataTooBig would surface there as a bare
    400 and no view would ever see it.
    """

    FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._too_large(request):
            return request_too_large(request)
        return self.get_response(request)

    def _too_large(self, request) -> bool:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PHOIHOP_MAX_REQUEST_MB * 1024 * 1024:
            return True
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            try:
                request.POST  # noqa: B018 - parse now, under this limit
            except RequestDataTooBig:
                return True
        return False


class SessionRefreshMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    Sessions expire after SESSION_COOKIE_AGE seconds of inactivity (settings.py). Django's
    SESSION_SAVE_EVERY_REQUEST does that by writing the session row on every request: an
    UPDATE and a COMMIT for each page, the one write of a read. Here a request marks the
    session changed only when its last refresh is SESSION_REFRESH_SECONDS old, so the
    idle limit is counted from at most a minute before the last request.
    Placed after SessionMiddleware, which saves what this marks.
    """

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return response
