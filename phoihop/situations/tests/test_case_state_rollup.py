"""The case-state rollup gives exactly the as-of state the timeline gives.

as_of_state reads CaseState (situations.rollup); as_of_state_from_events reads the
events with three subqueries per case, as before the rollup. On random timelines
(moves, reopenings, escalations, due dates, several events on one day, days before the
first event and cases with none) both agree on every day; every write of an event
(services, a plain save, a delete) keeps the rows equal to a rebuild from scratch.
"""

import datetime as dt
import random

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.situations import rollup, services
from phoihop.situations.models import Case, CaseEvent, CaseState, CaseStatus
from phoihop.situations.selectors import as_of_state, as_of_state_from_events
from phoihop.situations.tests.conftest import ENV_DAY, LAND_DAY, make_report

pytestmark = pytest.mark.django_db

FIELDS = ("pk", "status_then", "due_then", "closed_then")
Kind = CaseEvent.Kind
STATUSES = [*CaseStatus.values, "", "", ""]  # most events move nothing
KINDS = [Kind.FOLLOW_UP, Kind.STATUS, Kind.REOPENED, Kind.ESCALATED, Kind.ASSIGNED, Kind.RECURRENCE]


def both(cases, day: dt.date) -> tuple[list, list]:
    rolled = list(as_of_state(cases, as_of=day).order_by("pk").values_list(*FIELDS))
    evented = list(as_of_state_from_events(cases, as_of=day).order_by("pk").values_list(*FIELDS))
    return rolled, evented


def stored_rows() -> list[tuple]:
    return list(
        CaseState.objects.order_by("case_id", "valid_from").values_list(
            "case_id", "valid_from", "valid_until", "status", "moved_on", "due_date"
        )
    )


def rebuilt_rows() -> list[tuple]:
    """The rows a rebuild from scratch writes, the stored ones put back afterwards."""
    kept = list(CaseState.objects.all())
    rollup.case_states_rebuild()
    rows = stored_rows()
    CaseState.objects.all().delete()
    CaseState.objects.bulk_create(kept)
    return rows


def on(day: dt.date):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 2, 0, tzinfo=dt.UTC), tick=False
    )


def _random_timeline(rng: random.Random, case: Case) -> None:
    """Events written around the services (a plain save, as the admin would)."""
    day = case.opened_on
    for _ in range(rng.randint(0, 9)):
        day += dt.timedelta(days=rng.choice([0, 0, 1, 3, 20, 75]))
        CaseEvent.objects.create(
            case=case,
            kind=rng.choice(KINDS),
            happened_on=day,
            to_status=rng.choice(STATUSES),
            due_date=rng.choice([None, None, day + dt.timedelta(days=rng.randint(-10, 90))]),
        )


@pytest.fixture
def many_cases(cast):
    """30 cases opened through the services in 2025, their timelines wiped and redrawn at random."""
    rng = random.Random(16)
    cases = []
    for n in range(30):
        report = make_report(cast, reported_on=ENV_DAY, title=f"Khói bụi số {n}")
        case = services.case_open(actor=cast.secretariat, report=report, opened_on=ENV_DAY)
        case.events.all().delete()
        ended = rng.random() < 0.5
        Case.objects.filter(pk=case.pk).update(
            status=rng.choice([CaseStatus.RESOLVED, CaseStatus.REFERRED])
            if ended
            else CaseStatus.IN_PROGRESS,
            closed_on=ENV_DAY + dt.timedelta(days=rng.randint(0, 200)) if ended else None,
            due_date=rng.choice([None, ENV_DAY + dt.timedelta(days=30)]),
        )
        case.refresh_from_db()
        _random_timeline(rng, case)
        cases.append(case)
    return Case.objects.filter(pk__in=[case.pk for case in cases])


def test_rollup_and_events_agree_on_every_day_of_random_timelines(many_cases):
    assert CaseState.objects.exists() and CaseEvent.objects.filter(case__in=many_cases).count() > 60
    start = ENV_DAY - dt.timedelta(days=3)
    checked = 0
    for offset in range(0, 520, 2):
        rolled, evented = both(many_cases, start + dt.timedelta(days=offset))
        assert rolled == evented, start + dt.timedelta(days=offset)
        checked += len(rolled)
    statuses = {row[1] for row in both(many_cases, start + dt.timedelta(days=400))[0]}
    assert len(statuses) >= 3 and checked == 30 * 260  # the timelines do reach several states


def test_every_event_written_or_deleted_keeps_the_rows_of_a_rebuild(many_cases):
    assert stored_rows() == rebuilt_rows()
    rng = random.Random(7)
    events = list(CaseEvent.objects.filter(case__in=many_cases).order_by("pk"))
    for event in rng.sample(events, 10):
        event.delete()
    for event in rng.sample([e for e in events if e.pk], 10):
        event.happened_on += dt.timedelta(days=rng.randint(-5, 40))
        event.to_status = rng.choice(STATUSES)
        event.save()
    assert stored_rows() == rebuilt_rows()
    for day in (ENV_DAY, ENV_DAY + dt.timedelta(days=45), ENV_DAY + dt.timedelta(days=300)):
        rolled, evented = both(many_cases, day)
        assert rolled == evented


def test_deleting_a_case_takes_its_rows(many_cases):
    case = many_cases.filter(events__isnull=False).first()
    assert CaseState.objects.filter(case=case).exists()
    case.delete()
    assert not CaseState.objects.filter(case_id=case.pk).exists()


def test_the_rebuild_command_restores_rows_written_around_the_models(many_cases):
    expected = stored_rows()
    CaseState.objects.all().delete()
    call_command("case_states_rebuild", stdout=open("/dev/null", "w"))
    assert stored_rows() == expected


def test_a_case_told_through_the_services_day_by_day(situation):
    """Assigned, closed, reopened and escalated on their days (the clock travels): on each
    day between, the rollup and the events tell the same state, and the reopened case is
    resolved in a review ending between its close and its reopening."""
    cast, land = situation.cast, situation.land
    with on(dt.date(2025, 9, 1)):
        services.case_close(
            actor=cast.secretariat, case=land, status=CaseStatus.RESOLVED, outcome="Đã hòa giải."
        )
    with on(dt.date(2025, 10, 15)):
        land = services.case_reopen(
            actor=cast.secretariat, case=land, reason="Tranh chấp tái diễn."
        )
    with on(dt.date(2025, 11, 2)):
        services.case_close(
            actor=cast.secretariat, case=land, status=CaseStatus.REFERRED, outcome="Chuyển Tòa án."
        )
    cases = Case.objects.filter(pk__in=[land.pk, situation.env.pk])
    day = LAND_DAY - dt.timedelta(days=2)
    while day < dt.date(2025, 12, 1):
        rolled, evented = both(cases, day)
        assert rolled == evented, day
        day += dt.timedelta(days=1)
    september = dict(
        as_of_state(cases, as_of=dt.date(2025, 9, 30)).values_list("pk", "status_then")
    )
    assert september[land.pk] == CaseStatus.RESOLVED
    october = as_of_state(cases, as_of=dt.date(2025, 10, 20)).get(pk=land.pk)
    assert (october.status_then, october.closed_then) == (CaseStatus.IN_PROGRESS, None)
    assert stored_rows() == rebuilt_rows()


def test_an_escalation_keeps_both_cases_rows(situation, ward):
    cast = situation.cast
    ward_case = services.case_open(
        actor=ward.secretariat,
        report=make_report(cast, ward.secretariat, committee=ward.committee),
        opened_on=ENV_DAY,
    )
    with on(dt.date(2025, 7, 1)):
        higher = services.case_escalate(
            actor=ward.secretariat, case=ward_case, to_committee=cast.committee
        )
    assert (
        CaseState.objects.filter(case=higher).exists()
        and CaseState.objects.filter(case=ward_case).exists()
    )
    assert stored_rows() == rebuilt_rows()
    cases = Case.objects.filter(pk__in=[ward_case.pk, higher.pk])
    for day in (ENV_DAY, dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2025, 12, 31)):
        rolled, evented = both(cases, day)
        assert rolled == evented, day


def test_the_rollup_adds_no_case_to_what_the_reader_may_see(situation):
    """Figures only: the join keeps the caller's scoping; an outsider sees no case."""
    cast = situation.cast
    assert CaseState.objects.filter(case=situation.land).exists()
    for user in (cast.outsider, cast.women_focal, cast.secretariat):
        visible = Case.objects.visible_to(user)
        assert sorted(
            as_of_state(visible, as_of=dt.date(2025, 7, 1)).values_list("pk", flat=True)
        ) == sorted(visible.values_list("pk", flat=True))
    assert not as_of_state(
        Case.objects.visible_to(cast.outsider), as_of=dt.date(2025, 7, 1)
    ).exists()


def test_the_as_of_state_is_one_join_not_a_subquery_per_case(many_cases):
    with CaptureQueriesContext(connection) as captured:
        list(as_of_state(many_cases, as_of=ENV_DAY + dt.timedelta(days=60)).values_list(*FIELDS))
    (query,) = captured.captured_queries
    sql = query["sql"].upper()
    assert "LEFT OUTER JOIN" in sql and sql.count("SELECT") == 1
