"""The review scores hotspots in the database (hotspots.selectors.points_sql through
reviews.compute.cases.case_facts, summed by case_tallies): the same points, to the cent,
as the Python formula (hotspots.selectors.case_points) over a varied set of cases, and
the same ranking."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from phoihop.hotspots.selectors import CaseRow, case_points, score_cases
from phoihop.hotspots.tests.hotspot_story import unit
from phoihop.localities.models import Kind as PlaceKind
from phoihop.localities.models import Level
from phoihop.reviews import units as unit_maps
from phoihop.reviews.compute.cases import case_facts, case_tallies, hotspot_rows
from phoihop.reviews.data import Kind, Scope
from phoihop.situations.models import Case, CaseEvent, CaseStatus, Topic
from phoihop.situations.selectors import as_of_state

pytestmark = pytest.mark.django_db
START, END = dt.date(2016, 1, 1), dt.date(2020, 12, 31)
STATUSES = [CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.REFERRED,
            CaseStatus.CLOSED_UNRESOLVED]  # fmt: skip
AGES = [0, 1, 3, 15, 33, 51, 89, 90, 91, 179, 180, 181, 400]  # 15, 33, 51: half-cent ties


@pytest.fixture
def varied(cast, program):
    """Every severity × status × age, at two communes; some ended after END (open on it),
    some with a timeline that moved them before END, some recurrences."""
    topic = Topic.objects.filter(sensitive=False).first()
    places = [cast.places.lamha] + [
        unit(
            f"v1.c9990{n}",
            f"Xã Thử {n}",
            f"Thử {n}",
            PlaceKind.XA,
            Level.COMMUNE,
            cast.places.phuly,
        )
        for n in range(3)
    ]
    cases = []
    combos = itertools.product(range(1, 5), STATUSES, AGES)
    for n, (severity, status, age) in enumerate(combos):
        opened = END - dt.timedelta(days=age)
        ended = status not in {CaseStatus.NEW, CaseStatus.IN_PROGRESS}
        closed = None
        if ended:  # most ended before END, every fifth after it (so open on END)
            closed = (
                END + dt.timedelta(days=10) if n % 5 == 0 else opened + dt.timedelta(days=age // 2)
            )
        case = Case.objects.create(
            committee=cast.committee, title=f"Vụ việc {n}", topic=topic, locality=places[n % len(places)],
            severity=severity, status=status, opened_on=opened, closed_on=closed,
            recurrence_of=cases[-1] if n % 7 == 0 and cases else None,
        )  # fmt: skip
        if n % 6 == 0:  # its timeline says it ended earlier, unresolved
            CaseEvent.objects.create(
                case=case, kind=CaseEvent.Kind.STATUS, happened_on=opened,
                to_status=CaseStatus.CLOSED_UNRESOLVED,
            )  # fmt: skip
        cases.append(case)
    return cases


def _python_points(fact, end) -> Decimal:
    row = CaseRow(fact.pk, "", fact.locality_id, fact.severity, fact.status, fact.opened_on,
                  fact.closed_on)  # fmt: skip
    return case_points(row, end).points


@pytest.mark.parametrize("end", [END, dt.date(2020, 11, 20)])
def test_database_points_equal_the_python_formula_for_every_case(cast, varied, end):
    cases = as_of_state(
        Case.objects.filter(committee=cast.committee, opened_on__lte=end), as_of=end
    )
    facts = case_facts(cases, as_of=end)

    assert len(facts) == sum(1 for c in varied if c.opened_on <= end)
    differing = [(f, f.points, _python_points(f, end)) for f in facts
                 if Decimal(f.points).scaleb(-2) != _python_points(f, end)]  # fmt: skip
    assert differing == []
    assert len({f.points for f in facts}) > 20  # the fixture is varied indeed


def test_a_half_cent_rounds_up_in_both():
    row = CaseRow(1, "", 1, 4, "new", END - dt.timedelta(days=15))

    assert case_points(row, END).points == Decimal("8.13")  # 5 × 1.5 × (1 + 15/90 × 0.5) = 8.125


def test_review_hotspot_rows_rank_as_score_cases_does(cast, program, varied):
    scope = Scope(program_id=program.pk, start=START, end=END, kind=Kind.PROGRAM)
    cases = as_of_state(Case.objects.filter(committee=cast.committee), as_of=END)
    facts = case_facts(cases, as_of=END)
    tallies = case_tallies(cast.secretariat, cases, scope, as_of=END)

    rows = hotspot_rows(cast.secretariat, program, tallies, scope, unit_maps.identity_map, as_of=END)

    earlier = {c.pk for c in varied}
    expected = score_cases(
        [CaseRow(f.pk, "", f.locality_id, f.severity, f.status, f.opened_on, f.closed_on,
                 f.recurrence_of_id in earlier) for f in facts],
        START, END,
    )  # fmt: skip
    assert [(r.score, r.cases) for r in rows] == [(e.score, e.case_count) for e in expected][:10]
    assert len(rows) == 4 and any(f.recurrence_of_id for f in facts)


@pytest.mark.parametrize("end", [END, dt.date(2020, 11, 20)])
def test_tallies_count_what_the_cases_show_one_by_one(cast, program, varied, end):
    scope = Scope(program_id=program.pk, start=START, end=end, kind=Kind.PROGRAM)
    cases = as_of_state(Case.objects.filter(committee=cast.committee, opened_on__lte=end), as_of=end)
    facts = case_facts(cases, as_of=end)

    tallies = case_tallies(cast.secretariat, cases, scope, as_of=end)

    endings = {CaseStatus.RESOLVED: "resolved", CaseStatus.REFERRED: "referred",
               CaseStatus.CLOSED_UNRESOLVED: "closed_unresolved"}  # fmt: skip
    topics, places, points = {}, {}, {}
    for f in facts:
        row = topics.setdefault(f.topic_id, dict.fromkeys(
            ["received", "overdue", "resolved", "referred", "closed_unresolved"], 0))  # fmt: skip
        row["received"] += 1
        if f.status in endings:
            row[endings[f.status]] += 1
        elif f.due_on is not None and f.due_on < end:
            row["overdue"] += 1
        n, resolved = places.get(f.locality_id, (0, 0))
        places[f.locality_id] = (n + 1, resolved + (f.status == CaseStatus.RESOLVED))
        cents, count = points.get(f.locality_id, (0, 0))
        bonus = 200 if f.recurrence_of_id else 0  # the secretariat sees every earlier case
        points[f.locality_id] = (cents + f.points + bonus, count + 1)
    assert tallies.topics == topics
    assert tallies.localities == places
    assert tallies.points == points
    assert len(points) == 4 and any(f.recurrence_of_id for f in facts)
