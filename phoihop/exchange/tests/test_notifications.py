"""Notifications respect sensitivity; the cron command scans deadlines and mails them;
the inbox shows what is new since the last visit."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from phoihop.exchange import notifications
from phoihop.exchange.models import Digest, Notification, NotificationPreference
from phoihop.exchange.services import bulletin_send
from phoihop.hotspots.tests.hotspot_story import VN, hotspot_story_fixture, open_case  # noqa: F401

pytestmark = pytest.mark.django_db


def _users(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_notify_never_tells_a_user_who_cannot_see_the_case(hotspot_story):
    cast, land = hotspot_story.cast, hotspot_story.land
    everyone = [cast.secretariat, cast.military_focal, cast.women_focal, cast.viewer, cast.outsider]
    notifications.notify(
        everyone, Notification.Kind.ASSIGNED, f"Vụ việc {land.title}", "/x/", about=land
    )
    assert _users("assigned") == {"thuongtruc", "bochqs"}
    assert not Notification.objects.filter(
        text__contains=land.title, user=cast.women_focal
    ).exists()


def test_an_open_case_is_announced_to_every_member_who_sees_it(hotspot_story):
    cast = hotspot_story.cast
    users = [cast.women_focal, cast.outsider, cast.viewer]
    notifications.notify(users, Notification.Kind.REOPENED, "x", about=hotspot_story.env_again)
    assert _users("reopened") == {"hoiphunu", "lanhdao"}


@pytest.fixture
def mailboxes(cast):
    for user, address in (
        (cast.military_focal, "bochqs@hanam.gov.vn"),
        (cast.women_focal, "phunu@hanam.gov.vn"),
        (cast.secretariat, "thuongtruc@hanam.gov.vn"),
    ):
        user.email = address
        user.save(update_fields=["email"])
    NotificationPreference.objects.create(user=cast.women_focal, digest=Digest.DAILY)
    NotificationPreference.objects.create(user=cast.secretariat, digest=Digest.NONE)


def test_the_command_mails_immediate_ones_now_and_daily_digests_on_request(cast, mailboxes, capsys):
    for title in ("Bản tin thứ nhất", "Bản tin thứ hai"):
        bulletin_send(actor=cast.secretariat, committee=cast.committee, title=title, body="…")
    bulletin_send(actor=cast.women_focal, committee=cast.committee, title="Từ Hội Phụ nữ", body="…")
    call_command("send_notifications", "--today", "2021-03-01")
    assert [m.to for m in mail.outbox] == [["bochqs@hanam.gov.vn"]] * 3
    assert "Bản tin mới" in mail.outbox[0].subject
    assert "đã gửi 3 thư từng thông báo, 0 thư tổng hợp" in capsys.readouterr().out
    mail.outbox.clear()
    call_command("send_notifications", "--digest", "daily")
    assert [m.to for m in mail.outbox] == [["phunu@hanam.gov.vn"]]
    assert mail.outbox[0].subject == "[Phối hợp] 2 thông báo mới"
    assert "Bản tin thứ nhất" in mail.outbox[0].body and "Bản tin thứ hai" in mail.outbox[0].body
    mail.outbox.clear()
    call_command("send_notifications", "--digest", "daily")
    assert mail.outbox == []  # nothing twice; "none" never gets mail


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_notifications", "--today", "hôm nay")


# --- Pages ---------------------------------------------------------------------------------------


def test_inbox_lists_marks_read_and_shows_what_is_new_since_the_last_visit(
    hotspot_story, client_for
):
    cast = hotspot_story.cast
    with time_machine.travel(dt.datetime(2021, 3, 2, 8, 0, tzinfo=VN), tick=False):
        first = client_for(cast.women_focal).get(reverse("exchange:notification_list"))
    assert first.status_code == 200 and "Lần đầu bạn mở trang này" in first.content.decode()
    with time_machine.travel(dt.datetime(2021, 3, 3, 8, 0, tzinfo=VN), tick=False):
        bulletin_send(
            actor=cast.military_focal,
            committee=cast.committee,
            title="Bản tin sau lần xem",
            body="…",
        )

        secret = open_case(
            cast,
            reporter=cast.military_focal,
            locality=cast.places.lamha,
            topic="dat-dai",
            day=dt.date(2021, 3, 3),
            title="Lấn chiếm đất công ở tổ dân phố 5",
        )
        seen = open_case(
            cast,
            reporter=cast.military_focal,
            locality=cast.places.lamha,
            topic="moi-truong",
            day=dt.date(2021, 3, 3),
            title="Rác thải ứ đọng ven sông Đáy",
        )
    with time_machine.travel(
        dt.datetime(2021, 3, 4, 8, 0, tzinfo=VN), tick=False
    ):  # sessions last 8 hours
        client = client_for(cast.women_focal)
        response = client.get(reverse("exchange:notification_list"))
    html = response.content.decode()
    assert "Mới từ lần truy cập trước" in html and "Kể từ 02/03/2021" in html
    assert seen.title in html and "Bản tin sau lần xem" in html
    assert secret.title not in html
    note = Notification.objects.get(user=cast.women_focal)
    assert client.post(reverse("exchange:notification_read", args=[note.pk])).status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    pref = NotificationPreference.objects.get(user=cast.women_focal)
    assert pref.last_visit_at.date() == dt.date(2021, 3, 4)


def test_another_users_notification_is_404_and_read_all_marks_only_mine(cast, client_for):
    bulletin_send(actor=cast.military_focal, committee=cast.committee, title="Bản tin", body="…")
    theirs = Notification.objects.get(user=cast.women_focal)
    client = client_for(cast.secretariat)
    assert client.post(reverse("exchange:notification_read", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("exchange:notification_read_all")).status_code == 302
    assert Notification.objects.filter(user=cast.secretariat, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(user=cast.women_focal, read_at__isnull=True).count() == 1


def test_preferences_save_and_validate_in_vietnamese(cast, client_for):
    client = client_for(cast.viewer)
    url = reverse("exchange:notification_preferences")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"digest": "weekly"})
    assert bad.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in bad.content.decode()
    assert client.post(url, {"digest": "daily"}).status_code == 302
    assert NotificationPreference.objects.get(user=cast.viewer).digest == "daily"


def test_anonymous_is_sent_to_login_from_notification_pages(db, client):
    for name in ("notification_list", "notification_preferences"):
        response = client.get(reverse(f"exchange:{name}"))
        assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert client.post(reverse("exchange:notification_read_all")).status_code == 302
