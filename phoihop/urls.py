from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# Every error answers in the user's language with a way back (JSON under /api/).
handler400 = "phoihop.core.views_errors.bad_request"
handler403 = "phoihop.core.views_errors.permission_denied"
handler404 = "phoihop.core.views_errors.page_not_found"
handler500 = "phoihop.core.views_errors.server_error"

urlpatterns = [
    path("", include("phoihop.home.urls")),
    path("", include("phoihop.core.urls")),
    path("tai-khoan/", include("phoihop.accounts.urls")),
    path("dia-ban/", include("phoihop.localities.urls")),
    path("to-chuc/", include("phoihop.organizations.urls")),
    path("hoat-dong/", include("phoihop.activities.urls")),
    path("chuong-trinh/", include("phoihop.programs.urls")),
    path("bao-cao-dinh-ky/", include("phoihop.reporting.urls")),
    path("mo-hinh/", include("phoihop.practices.urls")),
    path("bang-tinh/", include("phoihop.workbooks.urls")),
    path("so-ket-tong-ket/", include("phoihop.reviews.urls")),
    path("tinh-hinh/", include("phoihop.situations.urls")),
    # Hotspots and the exchange keep the addresses they had under situations.
    path("tinh-hinh/", include("phoihop.hotspots.urls")),
    path("tinh-hinh/", include("phoihop.exchange.urls")),
    path("tiep-nhan-van-ban/", include("phoihop.intake.urls")),
    path("tim-kiem/", include("phoihop.search.urls")),
    path("viec-chay-nen/", include("phoihop.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/", include("phoihop.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Split view: Swagger UI's start-up script is a separate file (?script), so the page
    # needs no inline script under the Content-Security-Policy.
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]
# No route serves MEDIA_ROOT, not even with DEBUG on: every uploaded file goes out through
# its record's view (programs:document, activities:attachment, situations:attachment…),
# which checks who may read it first.
