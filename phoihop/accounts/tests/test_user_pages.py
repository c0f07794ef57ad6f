"""User management pages: administrators and the secretariat manage accounts."""

import pytest
from django.urls import reverse

from phoihop.accounts.models import Role, User
from phoihop.conftest import _user
from phoihop.core.history import record_version

NEW_PASSWORD = "mat-khau-cho-nguoi-moi-2025"


def _create_data(cast, **overrides) -> dict:
    data = {
        "username": "phunu2",
        "first_name": "Đỗ Thị",
        "last_name": "Lan",
        "email": "lan@example.vn",
        "organization": cast.women.pk,
        "role": Role.FOCAL_POINT,
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }
    return {**data, **overrides}


def _edit_data(user, **overrides) -> dict:
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "organization": user.organization_id or "",
        "role": user.role,
        "is_active": "on" if user.is_active else "",
        "version": record_version(user),
    }
    return {**data, **overrides}


# --- list ---------------------------------------------------------------------------


def test_secretariat_lists_the_users_of_its_committee(client_for, cast):
    response = client_for(cast.secretariat).get(reverse("accounts:user_list"))
    assert response.status_code == 200
    names = {u.username for u in response.context["page"]}
    assert {"thuongtruc", "bochqs", "hoiphunu", "lanhdao"} <= names
    assert "namdinh" not in names
    assert "quantri" not in names


def test_administrator_lists_everyone(client_for, cast):
    response = client_for(cast.admin).get(reverse("accounts:user_list"))
    names = {u.username for u in response.context["page"]}
    assert {"namdinh", "quantri", "bochqs"} <= names


def test_user_search_ignores_diacritics(client_for, cast):
    client = client_for(cast.secretariat)
    response = client.get(reverse("accounts:user_list"), {"q": "nguyen van quan"})
    assert [u.username for u in response.context["page"]] == ["bochqs"]
    response = client.get(reverse("accounts:user_list"), {"q": "HOIPHU"})
    assert [u.username for u in response.context["page"]] == ["hoiphunu"]


def test_user_list_filters_by_organization_and_role(client_for, cast):
    client = client_for(cast.secretariat)
    response = client.get(reverse("accounts:user_list"), {"organization": cast.dan_van.pk})
    assert {u.username for u in response.context["page"]} == {"thuongtruc", "lanhdao"}
    response = client.get(reverse("accounts:user_list"), {"role": Role.FOCAL_POINT})
    assert {u.username for u in response.context["page"]} == {"bochqs", "hoiphunu"}


def test_user_list_query_count_does_not_grow_with_users(
    client_for, cast, django_assert_max_num_queries
):
    for i in range(30):
        _user(f"canbo{i}", cast.women, Role.VIEWER)
    client = client_for(cast.admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["military_focal", "viewer"])
def test_focal_points_and_viewers_get_403_on_user_pages(client_for, cast, who):
    client = client_for(getattr(cast, who))
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.get(reverse("accounts:user_create")).status_code == 403
    assert (
        client.get(reverse("accounts:user_detail", args=[cast.women_focal.pk])).status_code == 403
    )
    assert client.get(reverse("accounts:user_edit", args=[cast.women_focal.pk])).status_code == 403


def test_anonymous_is_sent_to_login_from_user_pages(client, cast):
    for url in [
        reverse("accounts:user_list"),
        reverse("accounts:user_create"),
        reverse("accounts:user_detail", args=[cast.viewer.pk]),
        reverse("accounts:user_edit", args=[cast.viewer.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


# --- detail -------------------------------------------------------------------------


def test_secretariat_sees_a_member_user(client_for, cast):
    response = client_for(cast.secretariat).get(
        reverse("accounts:user_detail", args=[cast.military_focal.pk])
    )
    assert response.status_code == 200
    assert "Nguyễn Văn Quân" in response.content.decode()


def test_user_of_another_committee_gets_404(client_for, cast):
    client = client_for(cast.outsider)
    for name in ["user_detail", "user_edit"]:
        assert (
            client.get(reverse(f"accounts:{name}", args=[cast.military_focal.pk])).status_code
            == 404
        )
    assert (
        client.post(reverse("accounts:user_deactivate", args=[cast.viewer.pk])).status_code == 404
    )


# --- create -------------------------------------------------------------------------


def test_secretariat_creates_a_focal_point(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("accounts:user_create"), _create_data(cast)
    )
    user = User.objects.get(username="phunu2")
    assert response.status_code == 302
    assert response.url == reverse("accounts:user_detail", args=[user.pk])
    assert user.organization == cast.women
    assert user.check_password(NEW_PASSWORD)
    assert user.search_text.startswith("phunu2")
    assert user.history.get().history_user == cast.secretariat


def test_create_refuses_mismatched_passwords_in_vietnamese(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("accounts:user_create"), _create_data(cast, password_confirm="khac-han-2025-xyz")
    )
    assert response.status_code == 200
    assert "Hai mật khẩu không khớp." in response.content.decode()
    assert not User.objects.filter(username="phunu2").exists()


def test_create_applies_django_password_validators(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("accounts:user_create"),
        _create_data(cast, password="password", password_confirm="password"),
    )
    assert response.status_code == 200
    assert "Mật khẩu này quá phổ biến" in response.content.decode()
    assert not User.objects.filter(username="phunu2").exists()


def test_secretariat_may_not_grant_the_administrator_role(client_for, cast):
    client = client_for(cast.secretariat)
    response = client.post(
        reverse("accounts:user_create"), _create_data(cast, role=Role.ADMINISTRATOR)
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="phunu2").exists()
    choices = [value for value, _label in response.context["form"].fields["role"].choices]
    assert Role.ADMINISTRATOR not in choices


def test_secretariat_may_not_create_users_of_another_committee(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("accounts:user_create"), _create_data(cast, organization=cast.nd_dan_van.pk)
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="phunu2").exists()


def test_administrator_may_create_an_administrator(client_for, cast):
    response = client_for(cast.admin).post(
        reverse("accounts:user_create"),
        _create_data(cast, role=Role.ADMINISTRATOR, organization=""),
    )
    assert response.status_code == 302
    assert User.objects.get(username="phunu2").is_administrator


def test_focal_point_needs_an_organization(client_for, cast):
    response = client_for(cast.admin).post(
        reverse("accounts:user_create"), _create_data(cast, organization="")
    )
    assert response.status_code == 200
    assert "Hãy chọn tổ chức của người dùng." in response.content.decode()


# --- edit ---------------------------------------------------------------------------


def test_secretariat_edits_a_member_user(client_for, cast):
    client = client_for(cast.secretariat)
    url = reverse("accounts:user_edit", args=[cast.women_focal.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _edit_data(cast.women_focal, role=Role.VIEWER, last_name="Hoa Mới"))
    assert response.status_code == 302
    cast.women_focal.refresh_from_db()
    assert cast.women_focal.role == Role.VIEWER
    assert "hoa moi" in cast.women_focal.search_text


def test_edit_refuses_when_someone_else_saved_first(client_for, cast):
    client = client_for(cast.secretariat)
    url = reverse("accounts:user_edit", args=[cast.women_focal.pk])
    stale = _edit_data(cast.women_focal, last_name="Của tôi")
    # Someone else saves between loading the form and submitting it.
    client_for(cast.admin)  # same client: log in as the admin for the other edit
    client.post(url, _edit_data(cast.women_focal, last_name="Của người khác"))
    client_for(cast.secretariat)
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Bản ghi đã được người khác sửa" in response.content.decode()
    cast.women_focal.refresh_from_db()
    assert cast.women_focal.last_name == "Của người khác"
    # The re-shown form carries the new version: saving again is a conscious overwrite.
    assert response.context["form"].data["version"] == record_version(cast.women_focal)


def test_secretariat_cannot_promote_to_administrator_on_edit(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("accounts:user_edit", args=[cast.women_focal.pk]),
        _edit_data(cast.women_focal, role=Role.ADMINISTRATOR),
    )
    assert response.status_code == 200
    cast.women_focal.refresh_from_db()
    assert cast.women_focal.role == Role.FOCAL_POINT


def test_deactivate_locks_the_account(client_for, cast):
    response = client_for(cast.secretariat).post(
        reverse("accounts:user_deactivate", args=[cast.women_focal.pk])
    )
    assert response.status_code == 302
    cast.women_focal.refresh_from_db()
    assert not cast.women_focal.is_active


def test_no_one_deactivates_themselves(client_for, cast):
    client = client_for(cast.secretariat)
    client.post(reverse("accounts:user_deactivate", args=[cast.secretariat.pk]))
    cast.secretariat.refresh_from_db()
    assert cast.secretariat.is_active


def test_created_user_can_sign_in(client, client_for, cast):
    client_for(cast.secretariat).post(reverse("accounts:user_create"), _create_data(cast))
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "phunu2", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="phunu2").pk)
