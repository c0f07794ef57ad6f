"""The change-history page and the version check behind optimistic locking."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from phoihop.accounts.services import user_update
from phoihop.core.history import ensure_unchanged, record_version
from phoihop.organizations.services import organization_update


def _url(label: str, pk: int) -> str:
    return reverse("core:history", args=[label, pk])


@pytest.fixture
def clock():
    """Pinned before the cast is made, so the cast's records are the oldest."""
    with time_machine.travel(dt.datetime(2025, 3, 1, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


def test_history_lists_changes_newest_first_with_local_time(clock, client_for, cast):
    clock.move_to(dt.datetime(2025, 3, 10, 1, 30, tzinfo=dt.UTC))
    organization_update(actor=cast.secretariat, organization=cast.military, phone="0226 111")
    clock.move_to(dt.datetime(2025, 3, 11, 2, 0, tzinfo=dt.UTC))
    organization_update(
        actor=cast.admin, organization=cast.military, phone="0226 222", kind="state"
    )
    response = client_for(cast.secretariat).get(
        _url("organizations.organization", cast.military.pk)
    )
    assert response.status_code == 200
    newest, older, created = response.context["entries"]
    assert (newest.when, newest.who, newest.type) == ("11/03/2025 09:00", "Quản trị", "~")
    assert {(c.label, c.old, c.new) for c in newest.changes} == {
        ("điện thoại", "0226 111", "0226 222"),
        ("loại tổ chức", "Cơ quan quân sự", "Cơ quan nhà nước"),
    }
    assert (older.when, older.who) == ("10/03/2025 08:30", "Trần Thị Thu")
    assert [(c.old, c.new) for c in older.changes] == [("–", "0226 111")]
    assert created.type == "+" and created.who == "Hệ thống"
    body = response.content.decode()
    assert "Bộ Chỉ huy Quân sự tỉnh Hà Nam" in body and "0226 222" in body


def test_foreign_keys_show_names_not_ids(client_for, cast):
    user_update(actor=cast.admin, user=cast.viewer, organization=cast.women)
    response = client_for(cast.admin).get(_url("accounts.user", cast.viewer.pk))
    (change,) = response.context["entries"][0].changes
    assert (change.old, change.new) == (cast.dan_van.name, cast.women.name)


@pytest.mark.parametrize("who", ["viewer", "military_focal"])
def test_viewers_and_focal_points_get_403(client_for, cast, who):
    response = client_for(getattr(cast, who)).get(
        _url("organizations.organization", cast.military.pk)
    )
    assert response.status_code == 403


def test_outsider_gets_404(client_for, cast):
    client = client_for(cast.outsider)
    assert client.get(_url("organizations.organization", cast.military.pk)).status_code == 404
    assert client.get(_url("organizations.committee", cast.committee.pk)).status_code == 404
    assert client.get(_url("accounts.user", cast.viewer.pk)).status_code == 404


def test_unknown_model_gets_404(client_for, cast):
    assert client_for(cast.admin).get(_url("auth.group", 1)).status_code == 404


def test_anonymous_is_sent_to_login(client, cast):
    response = client.get(_url("organizations.organization", cast.military.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_every_supported_model_has_a_history_page(client_for, cast):
    from phoihop.organizations.models import Person

    person = Person.objects.create(full_name="Hà Văn Sơn", organization=cast.women)
    client = client_for(cast.secretariat)
    for label, pk in [
        ("localities.locality", cast.places.lamha.pk),
        ("organizations.organization", cast.women.pk),
        ("organizations.person", person.pk),
        ("organizations.committee", cast.committee.pk),
        ("accounts.user", cast.women_focal.pk),
    ]:
        assert client.get(_url(label, pk)).status_code == 200, label


def test_history_paginates_at_50_with_bounded_queries(
    client_for, cast, django_assert_max_num_queries
):
    for i in range(60):
        organization_update(actor=cast.secretariat, organization=cast.women, phone=str(i))
    client = client_for(cast.admin)
    with django_assert_max_num_queries(10):
        response = client.get(_url("organizations.organization", cast.women.pk))
    assert len(response.context["entries"]) == 50
    assert response.context["entries"][0].changes[0].new == "59"
    response = client.get(_url("organizations.organization", cast.women.pk), {"trang": 2})
    entries = response.context["entries"]
    assert len(entries) == 11
    # The last change on page 2 is still diffed against its predecessor.
    assert (entries[0].changes[0].old, entries[0].changes[0].new) == ("8", "9")
    assert entries[-1].type == "+"


def test_version_changes_with_every_save(cast):
    version = record_version(cast.women)
    ensure_unchanged(cast.women, version)
    ensure_unchanged(cast.women, None)
    organization_update(actor=cast.admin, organization=cast.women, phone="1")
    with pytest.raises(ValidationError) as caught:
        ensure_unchanged(cast.women, version)
    assert caught.value.code == "stale"


def test_every_model_people_edit_has_a_history_page():
    from phoihop.core.history import HISTORY_LOOKUPS

    expected = {
        "activities.activity", "situations.case", "situations.situationreport",
        "practices.coordinationmodel", "programs.program", "programs.task",
    }
    assert expected <= set(HISTORY_LOOKUPS)
