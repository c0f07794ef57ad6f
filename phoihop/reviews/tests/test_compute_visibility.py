"""The faster paths of review_compute give exactly what the scoped paths give.

The host organization and administrators skip the activity visibility subquery (they see
every confirmed activity of the program); "latest" indicators read the newest figure.
"""

import datetime as dt
from decimal import Decimal

from phoihop.activities.models import Activity
from phoihop.programs.models import Indicator
from phoihop.reviews.compute import review_compute
from phoihop.reviews.compute.activities import _sees_every_counted, counted
from phoihop.reviews.tests.conftest import program_scope


def test_host_and_administrators_skip_the_visibility_subquery_others_do_not(cast, program):
    assert _sees_every_counted(cast.secretariat, program.pk)
    assert _sees_every_counted(cast.viewer, program.pk)
    assert _sees_every_counted(cast.admin, program.pk)
    assert not _sees_every_counted(cast.military_focal, program.pk)
    assert not _sees_every_counted(cast.outsider, program.pk)


def test_the_host_shortcut_counts_exactly_what_the_host_may_see(cast, program, record):
    record.activity(lead=cast.women, partners=[cast.military])
    record.activity(lead=cast.military)
    record.activity(lead=cast.dan_van, confirm=False)
    scope = program_scope(program)
    scoped = Activity.objects.visible_to(cast.secretariat).counted().filter(program_id=program.pk)
    assert set(counted(cast.secretariat, scope).activities()) == set(scoped)
    assert counted(cast.secretariat, scope).activities().count() == 2


def test_a_member_still_counts_only_what_it_took_part_in(cast, program, record):
    record.activity(lead=cast.women, partners=[cast.military])
    record.activity(lead=cast.women)
    assert counted(cast.military_focal, program_scope(program)).activities().count() == 1


def test_a_latest_indicator_takes_the_value_of_the_activity_that_ended_last(cast, program, record):
    rate = Indicator.objects.get(code="ty-le-ho-ngheo")
    record.activity(figures={rate: "3.10"}, day=dt.date(2020, 3, 1))
    record.activity(figures={rate: "2.45"}, day=dt.date(2020, 9, 1))
    record.activity(figures={rate: "2.80"}, day=dt.date(2020, 6, 1))
    review = review_compute(user=cast.secretariat, scope=program_scope(program))
    assert next(t for t in review.totals if t.code == "ty-le-ho-ngheo").value == Decimal("2.45")


def test_the_pair_matrix_is_the_same_from_the_month_rollup_and_from_the_records(
    cast, program, record
):
    record.activity(partners=[cast.military, cast.women])
    record.activity(lead=cast.women, partners=[cast.military])
    record.activity(lead=cast.military)
    whole_months = review_compute(user=cast.secretariat, scope=program_scope(program))
    # Mid-month to mid-month: no whole month inside, every figure from the records.
    records = review_compute(
        user=cast.secretariat,
        scope=program_scope(program, start=dt.date(2020, 5, 15), end=dt.date(2020, 6, 20)),
    )

    assert (
        records.coordination.matrix
        == whole_months.coordination.matrix
        == [[1, 1, 1], [1, 3, 2], [1, 2, 2]]
    )
    assert [m.partnered for m in records.members] == [m.partnered for m in whole_months.members]
    assert [m.partnered for m in whole_months.members] == [0, 2, 1]
