"""A focal point reports an activity in a real browser, choosing its place by typing."""

import importlib
import os

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module", autouse=True)
def migration_data_restored(django_db_blocker):
    """A live-server test is not rolled back: it ends with a flush, which also wipes the
    rows data migrations made (default indicators, topics) that later tests count on.
    Module scope: this snapshot is taken before, and restored after, that flush."""
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(snapshot)
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@pytest.fixture
def default_indicators(transactional_db):
    """Put back the default indicators, should a live-server test before this one have
    flushed them (the data migration is idempotent)."""
    migration = importlib.import_module("phoihop.programs.migrations.0003_default_indicators")
    migration.add_indicators(apps, None)


@pytest.fixture
def async_env_restored():
    """Requested before `browser`: puts DJANGO_ALLOW_ASYNC_UNSAFE back after it."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def test_focal_point_finds_a_ward_by_typing_and_submits(
    async_env_restored, browser, live_server, default_indicators, cast, program
):
    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", cast.military_focal.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home:home"))

    page.goto(live_server.url + reverse("activities:create"))
    page.fill("#id_title", "Diễn tập phòng chống lụt bão")
    page.fill("#id_start_date", "2020-10-12")
    page.fill("#id_end_date", "2020-10-12")
    page.select_option(
        "#id_content_area", label="5. Giảm nghèo, phòng chống thiên tai, tìm kiếm cứu nạn"
    )
    assert page.locator("#id_localities").is_hidden()  # enhanced: the search box replaces it
    page.fill(".ac-input", "lam ha")
    page.click(".ac-suggestions button:has-text('Phường Lam Hạ')")
    assert "Phường Lam Hạ" in page.locator(".ac-chosen").inner_text()
    page.fill(f"#id_chi_tieu_{cast.attendance.pk}", "1.250")
    page.click("button[name=gui]")
    page.wait_for_selector("h1 .badge")

    activity = Activity.objects.get()
    assert list(activity.localities.all()) == [cast.places.lamha]
    assert activity.figures.get().value == 1250
    assert activity.lead == cast.military and activity.status == "submitted"
