"""The site's URLconf plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.urls import path

from phoihop.urls import handler400, handler403, handler404, handler500  # noqa: F401
from phoihop.urls import urlpatterns as site_urlpatterns

FAILURES = {
    "400": SuspiciousOperation("bad"),
    "403": PermissionDenied(),
    "404": Http404("No Case matches the given query."),
    "413": RequestDataTooBig("too big"),
    "500": ZeroDivisionError("boom"),
}


def fail(request, code):
    raise FAILURES[code]


urlpatterns = [
    path("loi-thu/<str:code>/", fail),
    path("api/loi-thu/<str:code>/", fail),
    *site_urlpatterns,
]
