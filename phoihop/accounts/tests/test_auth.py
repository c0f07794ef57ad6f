"""Signing in and out, throttling, session expiry and password change."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.conftest import PASSWORD

LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def test_login_page_renders_in_vietnamese(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_right_password_signs_in_and_goes_home(client, cast):
    response = client.post(LOGIN, {"username": "thuongtruc", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home:home")


def test_wrong_password_is_refused_with_a_vietnamese_message(client, cast):
    response = client.post(LOGIN, {"username": "thuongtruc", "password": "sai"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "mật khẩu" in response.content.decode().lower()


def _fail(client, username: str, ip: str = "127.0.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=ip
    )


def test_wrong_passwords_up_to_the_account_limit_lock_out_even_the_right_one(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, "thuongtruc")
    response = client.post(LOGIN, {"username": "thuongtruc", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Tạm khóa đăng nhập" in response.content.decode()


def test_lockout_of_one_account_leaves_other_accounts_from_the_same_address(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, "thuongtruc")
    response = client.post(LOGIN, {"username": "bochqs", "password": PASSWORD})
    assert response.status_code == 302


def test_five_wrong_passwords_over_five_usernames_from_one_address_lock_that_address(
    client, cast
):
    assert settings.AXES_IP_FAILURE_LIMIT == 5
    for username in ["thuongtruc", "bochqs", "hoiphunu", "lanhdao", "khong-co-ai"]:
        _fail(client, username, ip="10.0.0.7")
    locked = client.post(
        LOGIN, {"username": "bochqs", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "nhiều tài khoản khác nhau" in page
    # Another address is not affected.
    other = client.post(LOGIN, {"username": "bochqs", "password": PASSWORD}, REMOTE_ADDR="10.0.0.8")
    assert other.status_code == 302


def test_four_wrong_passwords_over_four_usernames_do_not_lock_the_address(client, cast):
    for username in ["thuongtruc", "hoiphunu", "lanhdao", "khong-co-ai"]:
        _fail(client, username, ip="10.0.0.7")
    response = client.post(
        LOGIN, {"username": "bochqs", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 302


def test_a_successful_login_does_not_wipe_the_addresss_failures_on_other_accounts(client, cast):
    for username in ["thuongtruc", "hoiphunu", "lanhdao", "khong-co-ai"]:
        _fail(client, username, ip="10.0.0.7")
    signed_in = client.post(
        LOGIN, {"username": "bochqs", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert signed_in.status_code == 302
    client.post(reverse("accounts:logout"), REMOTE_ADDR="10.0.0.7")
    _fail(client, "nguoi-khac", ip="10.0.0.7")
    response = client.post(
        LOGIN, {"username": "bochqs", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 429


def test_a_successful_login_forgives_the_accounts_own_failures(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail(client, "thuongtruc")
    assert client.post(LOGIN, {"username": "thuongtruc", "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _fail(client, "thuongtruc")
    assert client.post(LOGIN, {"username": "thuongtruc", "password": PASSWORD}).status_code == 302


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("organizations:list"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_an_idle_session_expires_and_sends_back_to_login(client, cast):
    start = dt.datetime(2025, 3, 10, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client.post(LOGIN, {"username": "thuongtruc", "password": PASSWORD})
        assert client.get(reverse("organizations:list")).status_code == 200
        clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get(reverse("organizations:list")).status_code == 200
        clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        response = client.get(reverse("organizations:list"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_logout_needs_post_and_ends_the_session(client_for, cast):
    client = client_for(cast.viewer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_works(client_for, cast):
    client = client_for(cast.viewer)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "mot-mat-khau-moi-rat-dai",
            "new_password2": "mot-mat-khau-moi-rat-dai",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change_done")
    cast.viewer.refresh_from_db()
    assert cast.viewer.check_password("mot-mat-khau-moi-rat-dai")
    assert client.get(response.url).status_code == 200


def test_password_change_rejects_a_common_password_in_vietnamese(client_for, cast):
    client = client_for(cast.viewer)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    assert "Mật khẩu này quá phổ biến" in response.content.decode()
    cast.viewer.refresh_from_db()
    assert cast.viewer.check_password(PASSWORD)


def test_password_change_needs_login(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_behind_a_proxy_the_lock_falls_on_the_client_not_on_the_proxy(client, cast, settings):
    settings.PHOIHOP_TRUSTED_PROXIES = 1
    for username in ["thuongtruc", "bochqs", "hoiphunu", "lanhdao", "khong-co-ai"]:
        client.post(
            LOGIN,
            {"username": username, "password": "sai-mat-khau"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="10.9.9.9",
        )
    other_client = client.post(
        LOGIN,
        {"username": "bochqs", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.8",
    )
    assert other_client.status_code == 302
    client.post(reverse("accounts:logout"))
    spoofed = client.post(
        LOGIN,
        {"username": "bochqs", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.8, 10.9.9.9",
    )
    assert spoofed.status_code == 429


def test_a_page_read_writes_the_session_at_most_once_a_minute(client, cast):
    """The idle limit above without a write per page: within a minute of the last
    refresh a page reads the session and writes nothing."""
    start = dt.datetime(2025, 3, 10, 8, 0, tzinfo=dt.UTC)
    page = reverse("organizations:list")

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]

    with time_machine.travel(start, tick=False) as clock:
        client.post(LOGIN, {"username": "thuongtruc", "password": PASSWORD})
        clock.shift(dt.timedelta(seconds=30))
        assert session_writes() == []
        clock.shift(dt.timedelta(seconds=settings.SESSION_REFRESH_SECONDS))
        assert len(session_writes()) == 1
        assert session_writes() == []
