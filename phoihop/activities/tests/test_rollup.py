"""The month rollup gives exactly what the records give, whatever wrote to them.

Each test writes through one path (services, plain model saves as the admin does, place
changes from either side, deletes, bulk inserts around the models) and then compares
rollup.tallies() with tallies.from_records() over the same period.
"""

import datetime as dt
import importlib
import random
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phoihop.activities import rollup, tallies
from phoihop.activities.models import (
    Activity,
    ActivityMonth,
    ActivityStatus,
    Figure,
    MonthArea,
    Participation,
    ParticipationStatus,
)
from phoihop.activities.selectors import progress_for_tasks
from phoihop.activities.services import (
    activity_confirm,
    activity_create,
    activity_update,
    participation_respond,
)
from phoihop.activities.tests.conftest import activity_data

WHOLE = (dt.date(2016, 1, 1), dt.date(2020, 12, 31))


def counted(program, start=WHOLE[0], end=WHOLE[1]) -> tallies.Counted:
    return tallies.Counted(program.pk, start, end)


def assert_agree(program, start=WHOLE[0], end=WHOLE[1]) -> tallies.Tallies:
    """The rollup (brought up to date) equals the records; returns the tallies."""
    from_rollup = rollup.tallies(counted(program, start, end))
    assert from_rollup == tallies.from_records(counted(program, start, end))
    if rollup.split(start, end)[0]:  # whole months were read: all brought up to date
        assert not ActivityMonth.objects.filter(changes__gt=F("refreshed")).exists()
    return from_rollup


@pytest.fixture
def confirmed(cast, make_activity):
    """`confirmed(**data)`: an activity whose partners accepted, confirmed by the secretariat."""

    def make(**overrides):
        activity = make_activity(**overrides)
        for part in activity.participations.filter(role="partner"):
            focal = {cast.military.pk: cast.military_focal, cast.women.pk: cast.women_focal}
            participation_respond(
                actor=focal[part.organization_id], participation=part, accept=True
            )
        return activity_confirm(actor=cast.secretariat, activity=Activity.objects.get(pk=activity.pk))

    return make


# --- Periods -----------------------------------------------------------------------------


@given(
    start=st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31)),
    days=st.integers(0, 800),
)
def test_a_period_splits_into_whole_months_and_the_days_left_at_either_end(start, days):
    end = start + dt.timedelta(days=days)
    months, edges = rollup.split(start, end)
    covered = []
    if months:
        first, last = months
        assert first.day == 1 and last.day == 1 and first <= last
        covered.append((first, rollup.month_end(last)))
    covered += edges
    covered.sort()
    assert covered[0][0] == start and covered[-1][1] == end
    for (_, a_end), (b_start, _) in zip(covered, covered[1:], strict=False):
        assert b_start == a_end + dt.timedelta(days=1)  # no gap, no overlap
    for edge_start, edge_end in edges:  # no whole month is left to the records
        month = rollup.month_of(edge_start)
        while month <= edge_end:
            assert not (edge_start <= month and rollup.month_end(month) <= edge_end)
            month = rollup.month_of(month + dt.timedelta(days=32))


# --- Every write path --------------------------------------------------------------------


def test_only_confirmed_activities_reach_the_rollup(cast, program, make_activity, confirmed):
    make_activity(submit=False)
    make_activity(submit=True)
    confirmed()

    result = assert_agree(program)

    assert result.activities == 1 and result.joint == 1
    assert result.pairs[cast.dan_van.pk, cast.military.pk] == 1
    assert result.partners == {cast.military.pk: 1, cast.women.pk: 1}
    assert MonthArea.objects.filter(month__month=dt.date(2020, 10, 1)).exists()


def test_an_edited_confirmed_activity_leaves_until_it_is_confirmed_again(
    cast, program, confirmed
):
    activity = confirmed()
    assert_agree(program)
    activity_update(
        actor=cast.secretariat,
        activity=activity,
        data=activity_data(cast, start_date=dt.date(2020, 3, 2), end_date=dt.date(2020, 3, 2)),
    )
    assert assert_agree(program).activities == 0

    activity_confirm(actor=cast.secretariat, activity=Activity.objects.get(pk=activity.pk))
    result = assert_agree(program)
    assert result.activities == 1
    assert rollup.monthly_counts(counted(program)) == {dt.date(2020, 3, 1): 1}


def test_a_plain_save_that_moves_an_activity_changes_both_months(program, confirmed):
    activity = confirmed()
    assert_agree(program)
    activity = Activity.objects.get(pk=activity.pk)  # as the admin loads it
    activity.start_date = activity.end_date = dt.date(2020, 4, 9)
    activity.save()

    assert_agree(program)
    assert rollup.monthly_counts(counted(program)) == {dt.date(2020, 4, 1): 1}


def test_deleting_a_confirmed_activity_takes_it_out(program, confirmed):
    confirmed()
    keep = confirmed(start_date=dt.date(2020, 9, 1), end_date=dt.date(2020, 9, 1))
    assert_agree(program)
    Activity.objects.exclude(pk=keep.pk).delete()

    assert assert_agree(program).activities == 1


def test_a_partner_withdrawing_after_confirmation_changes_the_pairs(cast, program, confirmed):
    activity = confirmed()
    assert_agree(program)
    part = activity.participations.get(organization=cast.women)
    participation_respond(actor=cast.women_focal, participation=part, accept=False)

    result = assert_agree(program)
    assert (cast.dan_van.pk, cast.women.pk) not in result.pairs
    assert result.partners == {cast.military.pk: 1}


def test_figures_and_places_changed_directly_are_seen(cast, program, confirmed):
    activity = confirmed()
    assert_agree(program)
    figure = Figure.objects.get(activity=activity, indicator=cast.sessions)
    figure.value = Decimal("9.50")
    figure.save()
    activity.localities.add(cast.places.lamha)
    assert assert_agree(program).places == {cast.places.lamha.pk: 1}

    cast.places.lamha.activities.remove(activity)  # from the locality's side
    assert assert_agree(program).places == {}
    cast.places.lamha.activities.add(activity)
    assert assert_agree(program).places == {cast.places.lamha.pk: 1}
    cast.places.lamha.activities.clear()
    result = assert_agree(program)
    assert result.places == {}
    assert sum(total for (_, _, i), (total, _) in result.figures.items() if i == cast.sessions.pk) == Decimal("9.5")


def test_participations_saved_directly_are_seen(cast, program, confirmed):
    activity = confirmed()
    assert_agree(program)
    part = Participation.objects.get(activity=activity, organization=cast.military)
    part.status = ParticipationStatus.DECLINED
    part.save()  # no activity loaded: the receiver looks it up
    assert (cast.dan_van.pk, cast.military.pk) not in assert_agree(program).pairs


def test_task_progress_counts_from_the_rollup(cast, program, confirmed):
    confirmed()
    confirmed(start_date=dt.date(2020, 2, 3), end_date=dt.date(2020, 2, 3))
    progress = progress_for_tasks([cast.task], as_of=timezone.localdate())[cast.task.pk]
    assert progress.confirmed_count == 2
    sessions = next(t for t in progress.targets if t.indicator == cast.sessions)
    assert sessions.achieved == Decimal(8)


def test_a_committed_write_brings_its_month_up_to_date_at_once(
    program, confirmed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        confirmed()
    month = ActivityMonth.objects.get(program=program, month=dt.date(2020, 10, 1))
    assert month.refreshed == month.changes > 0  # the writer paid; no reader will
    assert MonthArea.objects.get(month=month).activities == 1


# --- Consistency -------------------------------------------------------------------------


def test_a_change_made_while_a_month_is_recomputed_is_not_lost(
    cast, program, confirmed, make_activity, monkeypatch
):
    confirmed()
    late = make_activity()
    real = tallies.from_records

    def write_meanwhile(counted, organizations=None):
        result = real(counted, organizations)  # computed before the write below
        if not Activity.objects.get(pk=late.pk).status == ActivityStatus.CONFIRMED:
            activity_confirm(actor=cast.secretariat, activity=Activity.objects.get(pk=late.pk))
        return result

    monkeypatch.setattr(rollup, "from_records", write_meanwhile)
    rollup.refresh([program.pk])
    month = ActivityMonth.objects.get(program=program, month=dt.date(2020, 10, 1))
    assert month.changes > month.refreshed  # the month knows it is behind again

    monkeypatch.setattr(rollup, "from_records", real)
    assert assert_agree(program).activities == 2


def test_rows_inserted_around_the_models_need_a_rebuild(cast, program, confirmed, capsys):
    confirmed()
    assert_agree(program)
    Activity.objects.bulk_create(  # no signals, as the benchmark's generator writes
        [
            Activity(
                program=program,
                title="Nhập thẳng",
                start_date=dt.date(2019, 5, 6),
                end_date=dt.date(2019, 5, 6),
                content_area=cast.task.content_area,
                lead=cast.military,
                status=ActivityStatus.CONFIRMED,
            )
        ]
    )
    assert rollup.tallies(counted(program)).activities == 1  # not seen yet

    call_command("rollup_rebuild", "--program", str(program.pk))

    assert "Đã tính lại 2 tháng" in capsys.readouterr().out
    assert assert_agree(program).activities == 2


def test_the_migration_marks_every_month_that_has_confirmed_activities(program, confirmed):
    confirmed()
    confirmed(start_date=dt.date(2019, 7, 1), end_date=dt.date(2019, 7, 1))
    ActivityMonth.objects.all().delete()
    migration = importlib.import_module("phoihop.activities.migrations.0006_mark_rollup_months")

    migration.mark_months(apps, None)

    assert set(ActivityMonth.objects.values_list("month", "changes", "refreshed")) == {
        (dt.date(2019, 7, 1), 1, 0),
        (dt.date(2020, 10, 1), 1, 0),
    }
    assert assert_agree(program).activities == 2


# --- Any period --------------------------------------------------------------------------


@pytest.fixture
def many(cast, program):
    """Thirty activities of every kind spread over 2020 (seeded, through the services)."""
    rng = random.Random(2020)
    focal = {
        cast.dan_van.pk: cast.secretariat,
        cast.military.pk: cast.military_focal,
        cast.women.pk: cast.women_focal,
    }
    members = [cast.dan_van, cast.military, cast.women]
    places = [cast.places.lamha, cast.places.phuly]
    for i in range(30):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 320))
        lead = rng.choice(members)
        partners = [m for m in members if m != lead and rng.random() < 0.5]
        activity = activity_create(
            actor=focal[lead.pk],
            program=program,
            data=activity_data(
                cast,
                title=f"Hoạt động {i}",
                start_date=day,
                end_date=day,
                lead_id=lead.pk,
                partner_ids=[p.pk for p in partners],
                content_area_id=program.content_areas.get(number=1 + i % 7).pk,
                locality_ids=rng.sample([p.pk for p in places], rng.randrange(0, 3)),
                figures={cast.sessions.pk: Decimal(rng.randrange(1, 9))},
            ),
            submit=True,
        )
        for part in activity.participations.filter(role="partner"):
            if rng.random() < 0.8:
                participation_respond(
                    actor=focal[part.organization_id], participation=part, accept=rng.random() < 0.8
                )
        if rng.random() < 0.8:
            activity_confirm(actor=cast.secretariat, activity=Activity.objects.get(pk=activity.pk))
    return program


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(dt.date(2019, 12, 1), dt.date(2020, 12, 31)), days=st.integers(0, 400))
def test_any_period_from_the_rollup_equals_the_records(many, start, days):
    end = start + dt.timedelta(days=days)
    assert_agree(many, start, end)
    days_counted = tallies.day_counts(counted(many, start, end))
    by_month = {}
    for day, n in days_counted.items():
        by_month[day.replace(day=1)] = by_month.get(day.replace(day=1), 0) + n
    assert rollup.monthly_counts(counted(many, start, end)) == by_month
