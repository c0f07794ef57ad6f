"""The inbox, the header badge and /api/notifications/ show the same rows: the user's own,
about records the user may see now. A notification about a case that has since become
sensitive (or left the user's sight) shows neither its text nor its count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phoihop.exchange import notifications
from phoihop.exchange.models import Notification
from phoihop.hotspots.tests.hotspot_story import hotspot_story_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
API = "/api/notifications/"
INBOX = reverse("exchange:notification_list")


@pytest.fixture
def told(hotspot_story):
    """The Military Command (not involved in the case) is told of an open case, and of a
    notice about no record."""
    cast, case = hotspot_story.cast, hotspot_story.env_again
    notifications.notify(
        [cast.military_focal], Notification.Kind.REOPENED, f"Vụ việc {case.title}", about=case
    )
    notifications.notify([cast.military_focal], Notification.Kind.BULLETIN, "Thông báo chung")
    return hotspot_story


def _badge(response) -> int:
    return response.context["shell_unread"]()


def test_badge_inbox_and_api_count_the_same_rows(told, client_for):
    client = client_for(told.cast.military_focal)
    page = client.get(INBOX)
    assert _badge(page) == page.context["unread"] == 2
    assert len(page.context["page"].object_list) == 2
    assert client.get(API).json()["count"] == 2


def test_a_case_turned_sensitive_hides_its_notification_everywhere(told, client_for):
    case = told.env_again
    case.sensitive = True
    case.save(update_fields=["sensitive"])
    client = client_for(told.cast.military_focal)
    page = client.get(INBOX)
    table = page.content.decode().split('id="notifications"')[1].split("</table>")[0]
    assert case.title not in table
    assert _badge(page) == page.context["unread"] == 1
    listed = client.get(API).json()
    assert [row["text"] for row in listed["results"]] == ["Thông báo chung"]
    hidden = Notification.objects.get(kind="reopened")
    assert client.get(f"{API}{hidden.pk}/").status_code == 404
    assert client.post(f"{API}{hidden.pk}/read/").status_code == 404
    assert client.post(f"{API}read-all/").json() == {"marked": 1}


def test_unread_ones_come_first_even_behind_newer_read_ones(told, client_for):
    user = told.cast.military_focal
    older = Notification.objects.get(kind="reopened")
    Notification.objects.filter(kind="bulletin").update(read_at=older.created_at)
    rows = client_for(user).get(API).json()["results"]
    assert [row["kind"] for row in rows] == ["reopened", "bulletin"]


def test_api_marks_one_read_and_then_all(told, client_for):
    client = client_for(told.cast.military_focal)
    note = Notification.objects.get(kind="reopened")
    answer = client.post(f"{API}{note.pk}/read/")
    assert answer.status_code == 200 and answer.json()["read_at"]
    assert client.post(f"{API}read-all/").json() == {"marked": 1}
    assert _badge(client.get(INBOX)) == 0


def test_another_users_notification_is_404_to_an_outsider_and_a_colleague(told, client_for):
    note = Notification.objects.get(kind="reopened")
    for user in (told.cast.outsider, told.cast.women_focal):
        client = client_for(user)
        assert client.get(f"{API}{note.pk}/").status_code == 404
        assert client.post(f"{API}{note.pk}/read/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_a_read_only_leader_reads_and_marks_only_their_own(told, client_for):
    """Marking one's own inbox read changes no shared record, so read-only users may;
    their rule is the same as everyone's (their own rows, visible records)."""
    cast = told.cast
    notifications.notify([cast.viewer], Notification.Kind.REOPENED, "x", about=told.env_again)
    client = client_for(cast.viewer)
    assert client.get(API).json()["count"] == 1
    assert client.post(f"{API}read-all/").json() == {"marked": 1}
    assert Notification.objects.filter(user=cast.military_focal, read_at__isnull=True).count() == 2


def test_anonymous_gets_401_or_403_from_the_api(told, client):
    note = Notification.objects.first()
    assert client.get(API).status_code in (401, 403)
    assert client.post(f"{API}{note.pk}/read/").status_code in (401, 403)
    assert client.post(f"{API}read-all/").status_code in (401, 403)


def test_notify_refuses_a_record_that_cannot_say_who_sees_it(told):
    with pytest.raises(ValueError):
        notifications.notify([told.cast.military_focal], "reopened", "x", about=told.cast.women)



def test_the_badge_is_counted_once_a_page(told, client_for):
    """The header asks for the badge twice (whether to show it, and its number): one
    count query, not two."""
    client = client_for(told.cast.military_focal)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home:home")).status_code == 200
    counts = [q["sql"] for q in queries if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "situations_notification"')]
    assert len(counts) == 1
