"""Every error answers in Vietnamese (English available) with its status and a way back."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from rest_framework.test import APIClient

from phoihop.devtool import demo_env

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
ERROR_URLS = "phoihop.core.tests.error_urls"

PAGES = [
    ("400", 400, "Yêu cầu không hợp lệ"),
    ("403", 403, "Không có quyền truy cập"),
    ("404", 404, "Không tìm thấy trang"),
    ("413", 413, "Dữ liệu quá lớn"),
    ("500", 500, "Máy chủ gặp lỗi"),
]


def _quiet_client(**kwargs) -> Client:
    return Client(raise_request_exception=False, **kwargs)


@pytest.mark.parametrize(("code", "status", "title"), PAGES)
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_each_error_page_answers_vietnamese_with_its_status(code, status, title):
    response = _quiet_client().get(f"/loi-thu/{code}/", HTTP_REFERER="http://testserver/chuong-trinh/")
    page = response.content.decode()
    assert response.status_code == status
    assert f"<h1 id=\"error-title\">{title}</h1>" in page
    assert 'lang="vi"' in page
    assert "Traceback" not in page and "boom" not in page


@pytest.mark.parametrize(("code", "status", "title"), PAGES[:4])
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_error_pages_offer_the_previous_page_and_login(code, status, title):
    page = _quiet_client().get(f"/loi-thu/{code}/", HTTP_REFERER="http://testserver/chuong-trinh/").content.decode()
    assert 'href="http://testserver/chuong-trinh/"' in page and "Quay lại trang trước" in page
    assert "Đăng nhập" in page


@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_error_page_never_links_back_to_another_site():
    page = _quiet_client().get("/loi-thu/404/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in page
    assert "Quay lại trang trước" not in page


@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_signed_in_user_sees_the_error_in_the_site_frame(cast, client_for):
    client = client_for(cast.women_focal)
    client.raise_request_exception = False
    page = client.get("/loi-thu/404/").content.decode()
    assert 'aria-label="Điều hướng chính"' in page
    assert "Về trang chủ" in page
    assert "No Case matches" not in page


@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_server_error_page_stands_alone_outside_the_users_frame(cast, client_for):
    client = client_for(cast.women_focal)
    client.raise_request_exception = False
    response = client.get("/loi-thu/500/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Điều hướng chính" not in page  # no nav: it would need the user and the database
    assert 'href="/static/phoihop/phoihop.css"' in page and 'href="/"' in page


@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_error_page_is_english_for_who_chose_english():
    client = _quiet_client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/loi-thu/404/").content.decode()
    assert "Page not found" in page


@pytest.mark.parametrize(("code", "status", "detail"), [
    ("404", 404, "Trang hoặc dữ liệu này không có"),
    ("413", 413, "Dữ liệu gửi lên quá lớn"),
    ("500", 500, "Máy chủ gặp lỗi"),
])
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_api_errors_answer_json_in_vietnamese(code, status, detail):
    response = _quiet_client().get(f"/api/loi-thu/{code}/")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert detail in response.json()["detail"]


# --- The demo: production settings, so a missing page is the Vietnamese 404.

def _settings_under(env: dict, tmp_path) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/media/x.pdf'); media = True\nexcept Resolver404:\n    media = False\n"
        "print(json.dumps({'debug': s.DEBUG, 'ssl': s.SECURE_SSL_REDIRECT, 'secure_cookie': s.SESSION_COOKIE_SECURE,"
        "'hosts': s.ALLOWED_HOSTS, 'static': s.STORAGES['staticfiles']['BACKEND'], 'media': media}))"
    )
    keep = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "PHOIHOP_MANIFEST_STATIC",
                                                           "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE"}}
    env = {**keep, **env, "DJANGO_SETTINGS_MODULE": "phoihop.settings", "PHOIHOP_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_demo_runs_with_debug_off_static_files_collected_and_no_open_media_route(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    demo = _settings_under(demo_env(debug=False), tmp_path)
    assert demo["debug"] is False
    assert demo["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert demo["ssl"] is False and demo["secure_cookie"] is False  # http://127.0.0.1
    assert {"127.0.0.1", "localhost"} <= set(demo["hosts"])
    assert demo["media"] is False


def test_demo_with_debug_is_for_developers(tmp_path):
    assert _settings_under(demo_env(debug=True), tmp_path)["debug"] is True


@override_settings(DEBUG=False)
def test_missing_page_under_the_demo_settings_is_the_vietnamese_404():
    response = _quiet_client().get("/trang-khong-co/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page
    assert "URLconf" not in page and "Using the URLconf" not in page


# --- CSRF and over-limit bodies, as a browser sends them (CSRF checks on).

def test_form_without_its_csrf_token_gets_the_vietnamese_403(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.women_focal, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/tiep-nhan-van-ban/", {"text": "Hội nghị tại xã Thanh Hải."})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


def test_api_post_without_csrf_token_gets_a_vietnamese_403(cast):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.women_focal, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/api/intake/extract/", {"text": "Hội nghị."}, format="json")
    assert response.status_code == 403
    assert "Thiếu hoặc sai mã CSRF" in response.json()["detail"]


def _csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/tiep-nhan-van-ban/")
    return client


def test_paste_over_the_form_limit_answers_413_in_vietnamese_before_the_csrf_check(cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = _csrf_client(cast.secretariat)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post("/tiep-nhan-van-ban/", {"csrfmiddlewaretoken": token, "text": "xã " * 2000})
    page = response.content.decode()
    assert response.status_code == 413
    assert "Dữ liệu quá lớn" in page and "Đọc văn bản" in page  # in the site's frame


def test_body_over_the_request_limit_answers_413_without_being_read(cast, settings):
    settings.PHOIHOP_MAX_REQUEST_MB = 1
    client = _csrf_client(cast.secretariat)
    upload = SimpleUploadedFile("bao-cao.txt", b"x" * (1024 * 1024 + 1))
    response = client.post("/tiep-nhan-van-ban/", {"file": upload})
    assert response.status_code == 413
    assert "tối đa 1 MB" in response.content.decode()


def test_api_body_over_the_limit_answers_413_json_in_vietnamese(cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = APIClient()
    client.force_authenticate(cast.secretariat)
    response = client.post("/api/intake/extract/", {"text": "xã " * 2000})  # a form, not JSON
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]


# --- DRF's own messages, in Vietnamese.

def _api(user=None, language=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if language:
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_required_field_error_is_vietnamese(cast):
    response = _api(cast.secretariat).post("/api/intake/extract/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"text": ["Trường này là bắt buộc."]}


def test_required_field_error_stays_english_for_who_chose_english(cast):
    response = _api(cast.secretariat, language="en").post("/api/intake/extract/", {}, format="json")
    assert response.json() == {"text": ["This field is required."]}


def test_anonymous_api_request_is_refused_in_vietnamese():
    response = _api().get("/api/programs/")
    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Chưa đăng nhập: thiếu thông tin xác thực."}


def test_record_not_found_in_the_api_is_vietnamese(cast):
    response = _api(cast.secretariat).get("/api/programs/987654/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


@override_settings(DEBUG=False)
def test_unknown_api_address_answers_json_404_in_vietnamese(cast):
    response = _api(cast.secretariat).get("/api/khong-co-dia-chi-nay/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Trang hoặc dữ liệu này không có")


def test_page_past_the_last_is_vietnamese(cast):
    response = _api(cast.secretariat).get("/api/programs/?page=99")
    assert response.status_code == 404
    assert response.json() == {"detail": "Trang không hợp lệ."}


def test_malformed_json_is_refused_in_vietnamese(cast):
    response = _api(cast.secretariat).post(
        "/api/intake/extract/", data='{"text": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Không đọc được dữ liệu gửi lên: sai cú pháp JSON hoặc biểu mẫu."}
