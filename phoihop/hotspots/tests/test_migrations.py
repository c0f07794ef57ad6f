"""Moving hotspots and the exchange out of situations moves no row: the migrations change
Django's state and the content types' app_label only, both ways."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from phoihop.activities.services import ActivityData, activity_create
from phoihop.exchange.models import Bulletin, Notification, NotificationPreference
from phoihop.exchange.services import bulletin_send
from phoihop.hotspots.models import Hotspot

# main's state before the move: situations at 0009, the two apps unapplied.
BEFORE = [
    ("situations", "0009_backfill_caseevent_due_date"),
    ("hotspots", None),
    ("exchange", None),
]
MOVED = {
    "hotspots": ["hotspot", "historicalhotspot", "historicalhotspot_responses"],
    "exchange": ["bulletin", "notification", "notificationpreference"],
}


@pytest.fixture(autouse=True)
def content_types(django_db_blocker):
    """The content types and permissions post_migrate makes: an earlier transactional
    test's flush removes them (they are not serialized), and these tests read them."""
    with django_db_blocker.unblock():
        for config in apps.get_app_configs():
            create_contenttypes(config, verbosity=0)
            create_permissions(config, verbosity=0)


def _migrate(targets) -> object:
    """Migrate to `targets` (None: the latest), return the apps of that state."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return state.apps


@pytest.fixture
def moved_rows(cast, program):
    activity = activity_create(
        actor=cast.secretariat,
        program=cast.program,
        submit=True,
        data=ActivityData(
            title="Đối thoại với nhân dân phường Lam Hạ",
            start_date=dt.date(2020, 10, 5),
            end_date=dt.date(2020, 10, 5),
            content_area_id=cast.program.content_areas.get(number=2).pk,
            lead_id=cast.dan_van.pk,
            partner_ids=[],
            locality_ids=[cast.places.lamha.pk],
        ),
    )
    hotspot = Hotspot.objects.create(
        committee=cast.committee,
        locality=cast.places.lamha,
        designated_on=dt.date(2020, 3, 25),
        designated_by=cast.secretariat,
        reason="Nhiều vụ việc đất đai kéo dài.",
    )
    hotspot.responses.add(activity)
    bulletin_send(
        actor=cast.secretariat,
        committee=cast.committee,
        title="Bản tin số 1",
        body="…",
        recipients=[cast.women],
    )
    NotificationPreference.objects.create(user=cast.women_focal, digest="daily")
    group = Group.objects.create(name="Theo dõi địa bàn")
    group.permissions.set(Permission.objects.filter(codename__in=["view_hotspot", "view_bulletin"]))
    return hotspot, activity, group


def _content_type_ids(app_label: str) -> dict:
    models = MOVED["hotspots"] + MOVED["exchange"]
    return dict(
        ContentType.objects.filter(app_label=app_label, model__in=models).values_list("model", "pk")
    )


# serialized_rollback: an earlier transactional test may have flushed the rows the data
# migrations made (indicators), which the cast needs; this brings them back first.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moved_rows_read_the_same_before_and_after_the_move(moved_rows):
    hotspot, activity, group = moved_rows
    ids = _content_type_ids("hotspots") | _content_type_ids("exchange")
    assert len(ids) == 6
    old = _migrate(BEFORE)
    try:
        old_hotspot = old.get_model("situations", "Hotspot").objects.get(pk=hotspot.pk)
        assert old_hotspot.reason == hotspot.reason
        assert list(old_hotspot.responses.values_list("pk", flat=True)) == [activity.pk]
        assert (
            old.get_model("situations", "HistoricalHotspot").objects.filter(id=hotspot.pk).count()
            == 2
        )
        assert old.get_model("situations", "HistoricalHotspot_responses").objects.count() == 1
        assert old.get_model("situations", "Bulletin").objects.get().recipients.count() == 1
        assert old.get_model("situations", "Notification").objects.count() == 1
        assert old.get_model("situations", "NotificationPreference").objects.get().digest == "daily"
        assert _content_type_ids("situations") == ids  # the same rows, relabelled
        assert not _content_type_ids("hotspots") and not _content_type_ids("exchange")
    finally:
        _migrate(None)
    assert (_content_type_ids("hotspots") | _content_type_ids("exchange")) == ids
    assert not _content_type_ids("situations")
    assert Hotspot.objects.get(pk=hotspot.pk).history.count() == 2
    assert (
        Bulletin.objects.get().recipients.get()
        == hotspot.committee.memberships.get(order=2).organization
    )
    assert Notification.objects.count() == 1
    assert {p.content_type.app_label for p in group.permissions.all()} == {"hotspots", "exchange"}


@pytest.mark.django_db(transaction=True)
def test_a_content_type_made_for_the_new_label_in_between_gives_way_to_the_old_row(db):
    """Migrating app by app, a post_migrate may create hotspots' row before 0002 runs:
    the old row, which holds the permissions, wins."""
    _migrate(BEFORE)
    try:
        old_id = ContentType.objects.get(app_label="situations", model="hotspot").pk
        ContentType.objects.create(app_label="hotspots", model="hotspot")
        _migrate([("hotspots", "0002_content_types_from_situations")])
        assert ContentType.objects.get(app_label="hotspots", model="hotspot").pk == old_id
    finally:
        _migrate(None)
