"""The common-Vietnamese-password validator, alone and on the password change page."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from phoihop.accounts.passwords import is_common_vietnamese_password
from phoihop.conftest import PASSWORD
from phoihop.demo.data import PASSWORD as DEMO_PASSWORD


@pytest.mark.parametrize(
    "password",
    [
        "matkhau123",
        "Mật khẩu 123",
        "MATKHAU",
        "2025matkhau",
        "anhyeuem",
        "abc123",
        "anh1990",
        "Nguyễn Văn An 1985",
        "lan01011985",
        "hanoi2024",
    ],
)
def test_common_vietnamese_passwords_are_recognized(password):
    assert is_common_vietnamese_password(password)


@pytest.mark.parametrize(
    "password",
    ["mot-mat-khau-moi-rat-dai", "chuyen-gia-tin-hoc", "matkhauthunghiem", "thanhliem-ha-nam"],
)
def test_other_passwords_are_not(password):
    assert not is_common_vietnamese_password(password)


def test_matkhau123_is_refused_with_a_vietnamese_message(db):
    with pytest.raises(ValidationError) as error:
        validate_password("matkhau123")
    assert any("matkhau123" in message for message in error.value.messages)
    assert any("thông dụng" in message for message in error.value.messages)


def test_django_validators_still_apply(db):
    with pytest.raises(ValidationError):
        validate_password("12345678")
    with pytest.raises(ValidationError):
        validate_password("ngan")


def test_the_test_and_demo_passwords_pass_every_validator(db):
    validate_password(PASSWORD)
    validate_password(DEMO_PASSWORD)


def test_password_change_refuses_matkhau123(client_for, cast):
    client = client_for(cast.viewer)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "matkhau123", "new_password2": "matkhau123"},
    )
    assert response.status_code == 200
    assert "không được là từ hay tên thông dụng" in response.content.decode()
    cast.viewer.refresh_from_db()
    assert cast.viewer.check_password(PASSWORD)
