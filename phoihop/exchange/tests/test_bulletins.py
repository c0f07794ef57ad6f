"""Bulletins: members write to the committee or to chosen members, who are notified."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.exchange.models import Bulletin, Notification
from phoihop.exchange.services import bulletin_send

pytestmark = pytest.mark.django_db


def _send(cast, actor=None, recipients=(), title="Tình hình khiếu kiện đất đai tại Lam Hạ"):
    return bulletin_send(
        actor=actor or cast.military_focal,
        committee=cast.committee,
        title=title,
        body="Đề nghị các tổ chức thành viên phối hợp nắm tình hình.",
        recipients=recipients,
    )


def _notified(bulletin) -> set[str]:
    return set(
        Notification.objects.filter(kind="bulletin", url__endswith=f"/{bulletin.pk}/").values_list(
            "user__username", flat=True
        )
    )


def test_a_bulletin_to_the_committee_notifies_every_other_member(cast):
    bulletin = _send(cast)
    assert _notified(bulletin) == {"thuongtruc", "hoiphunu", "lanhdao"}
    note = Notification.objects.get(user=cast.women_focal)
    assert note.text == "Bản tin mới từ Bộ CHQS tỉnh: Tình hình khiếu kiện đất đai tại Lam Hạ"


def test_a_bulletin_to_chosen_members_notifies_only_them(cast):
    bulletin = _send(cast, recipients=[cast.women])
    assert _notified(bulletin) == {"hoiphunu"}


def test_viewers_and_outsiders_cannot_send_and_recipients_must_be_members(cast):
    for user in (cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            _send(cast, actor=user)
    with pytest.raises(ValidationError) as excinfo:
        _send(cast, recipients=[cast.nd_dan_van])
    assert "Không thuộc Ban Chỉ đạo" in excinfo.value.message_dict["recipients"][0]


def test_bulletin_pages_list_and_show_what_the_user_may_see(
    cast, client_for, django_assert_max_num_queries
):
    bulletin = _send(cast, recipients=[cast.women])
    client = client_for(cast.women_focal)
    with django_assert_max_num_queries(13):
        listing = client.get(reverse("exchange:bulletin_list"))
    assert listing.status_code == 200 and bulletin.title in listing.content.decode()
    detail = client.get(reverse("exchange:bulletin_detail", args=[bulletin.pk]))
    assert detail.status_code == 200 and "Đề nghị các tổ chức thành viên" in detail.content.decode()


def test_outsider_gets_404_on_a_bulletin_and_sees_none_in_the_list(cast, client_for):
    bulletin = _send(cast)
    client = client_for(cast.outsider)
    assert client.get(reverse("exchange:bulletin_detail", args=[bulletin.pk])).status_code == 404
    assert bulletin.title not in client.get(reverse("exchange:bulletin_list")).content.decode()
    assert (
        client.get(
            reverse("exchange:bulletin_create"), {"committee": cast.committee.pk}
        ).status_code
        == 404
    )


def test_member_sends_through_the_form(cast, client_for):
    client = client_for(cast.military_focal)
    url = reverse("exchange:bulletin_create") + f"?committee={cast.committee.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Lịch tiếp dân tháng 10", "body": "Nội dung", "recipients": [cast.women.pk]}
    )
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "exchange:bulletin_detail", args=[bulletin.pk]
    )
    assert list(bulletin.recipients.all()) == [cast.women] and bulletin.sender == cast.military


def test_the_form_validates_in_vietnamese(cast, client_for):
    response = client_for(cast.military_focal).post(
        reverse("exchange:bulletin_create") + f"?committee={cast.committee.pk}",
        {"title": "", "body": ""},
    )
    assert response.status_code == 200 and "Trường này là bắt buộc." in response.content.decode()
    assert not Bulletin.objects.exists()


def test_viewer_gets_403_on_compose_and_anonymous_goes_to_login(cast, client_for, client):
    assert client.get(reverse("exchange:bulletin_list")).status_code == 302
    assert client.get(reverse("exchange:bulletin_create")).status_code == 302
    viewer = client_for(cast.viewer)
    url = reverse("exchange:bulletin_create") + f"?committee={cast.committee.pk}"
    assert viewer.post(url, {"title": "x", "body": "y"}).status_code == 403


# --- API -----------------------------------------------------------------------------------------


def test_api_sends_lists_and_shows_bulletins(cast, client_for):
    client = client_for(cast.military_focal)
    created = client.post(
        reverse("bulletin-list"),
        {
            "committee": cast.committee.pk,
            "title": "Bản tin nhanh",
            "body": "Nội dung",
            "recipients": [cast.women.pk],
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["recipients"] == [cast.women.pk]
    women = client_for(cast.women_focal)
    assert [b["title"] for b in women.get(reverse("bulletin-list")).json()["results"]] == [
        "Bản tin nhanh"
    ]
    assert women.get(reverse("bulletin-detail", args=[created.json()["id"]])).status_code == 200


def test_api_validates_and_refuses_viewers_outsiders_and_anonymous(cast, client_for, client):
    payload = {"committee": cast.committee.pk, "title": "Bản tin", "body": "Nội dung"}
    bad = client_for(cast.military_focal).post(
        reverse("bulletin-list"),
        {**payload, "recipients": [cast.nd_dan_van.pk]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["recipients"] == ["Có đơn vị nhận không tồn tại."]
    assert (
        client_for(cast.viewer)
        .post(reverse("bulletin-list"), payload, content_type="application/json")
        .status_code
        == 403
    )
    bulletin = _send(cast)
    outsider = client_for(cast.outsider)
    assert (
        outsider.post(
            reverse("bulletin-list"), payload, content_type="application/json"
        ).status_code
        == 404
    )
    assert outsider.get(reverse("bulletin-detail", args=[bulletin.pk])).status_code == 404
    assert outsider.get(reverse("bulletin-list")).json()["results"] == []
    client.logout()
    assert client.get(reverse("bulletin-list")).status_code in (401, 403)


def test_outsiders_bulletin_error_names_nothing_of_another_committee(cast, client_for):
    """Nam Định's secretariat addresses Hà Nam's members by id: the answer is "not
    found", as for an id that does not exist, with no Hà Nam name in it."""
    payload = {
        "committee": cast.other_committee.pk, "title": "Bản tin", "body": "Nội dung",
        "recipients": [cast.dan_van.pk, cast.women.pk],
    }
    bad = client_for(cast.outsider).post(reverse("bulletin-list"), payload, content_type="application/json")
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Hà Nam" not in body and cast.women.name not in body and cast.dan_van.name not in body
    assert bad.json()["recipients"] == ["Có đơn vị nhận không tồn tại."]


def test_service_counts_recipients_the_sender_cannot_see_without_naming_them(cast):
    with pytest.raises(ValidationError) as excinfo:
        bulletin_send(
            actor=cast.outsider, committee=cast.other_committee, title="Bản tin", body="Nội dung",
            recipients=[cast.women, cast.military],
        )
    assert excinfo.value.message_dict["recipients"] == ["Không thuộc Ban Chỉ đạo: 2 đơn vị khác."]
