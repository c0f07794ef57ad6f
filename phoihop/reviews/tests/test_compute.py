"""Review figures computed from the records: counted once, scoped, regrouped, bounded."""

import datetime as dt
from dataclasses import replace

import pytest
import time_machine
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from phoihop.localities.models import Locality
from phoihop.localities.services import localities_load
from phoihop.reviews.compute import review_compute
from phoihop.reviews.data import Kind, Units
from phoihop.reviews.tests.conftest import program_scope
from phoihop.reviews.units import successor_map
from phoihop.situations.models import CaseStatus

pytestmark = pytest.mark.django_db


def _total(review, code):
    return next(t.value for t in review.totals if t.code == code)


def test_a_joint_activity_counts_once_in_totals_areas_and_coordination(cast, program, record):
    record.activity(
        partners=[cast.military, cast.women], figures={cast.sessions: 4, cast.attendance: 350}
    )

    review = review_compute(user=cast.secretariat, scope=program_scope(program))

    assert _total(review, "tuyen-truyen-buoi") == 4
    assert _total(review, "tuyen-truyen-luot") == 350
    assert (review.coordination.activities, review.coordination.joint) == (1, 1)
    assert [a.activities for a in review.areas] == [1, 0, 0, 0, 0, 0, 0]
    assert sum(m.led for m in review.members) == 1
    assert [(m.led, m.partnered) for m in review.members] == [(1, 0), (0, 1), (0, 1)]
    assert review.coordination.matrix == [[1, 1, 1], [1, 1, 1], [1, 1, 1]]


def test_targets_are_met_by_the_periods_result_and_the_task_linked_part_shown_beside(cast, program, record):
    record.activity(figures={cast.sessions: 5}, task=cast.task)
    record.activity(figures={cast.sessions: 9})  # not done for the plan's task

    review = review_compute(user=cast.secretariat, scope=program_scope(program))

    sessions = next(t for t in review.totals if t.code == "tuyen-truyen-buoi")
    assert (sessions.value, sessions.target, sessions.achieved) == (14, 20, 5)
    assert sessions.ratio == 0.7  # "Đạt": the period's 14 against the target of 20


def test_only_confirmed_activities_within_the_period_count(cast, program, record):
    record.activity(figures={cast.sessions: 3})
    record.activity(figures={cast.sessions: 7}, confirm=False)
    record.activity(figures={cast.sessions: 11}, day=dt.date(2019, 6, 1))

    review = review_compute(
        user=cast.secretariat,
        scope=program_scope(program, start=dt.date(2020, 1, 1), kind=Kind.ANNUAL),
    )

    assert _total(review, "tuyen-truyen-buoi") == 3
    assert review.period_label == "năm 2020"


def test_six_months_and_program_labels(cast, program, clock):
    half = review_compute(
        user=cast.secretariat,
        scope=program_scope(
            program, start=dt.date(2020, 1, 1), end=dt.date(2020, 6, 30), kind=Kind.SIX_MONTHS
        ),
    )
    whole = review_compute(user=cast.secretariat, scope=program_scope(program))

    assert half.period_label == "6 tháng đầu năm 2020"
    assert whole.period_label == "giai đoạn 2016–2020"


def test_a_member_sees_only_its_own_activities_and_no_sensitive_case(cast, seed_figures):
    review = review_compute(user=cast.military_focal, scope=seed_figures.scope)

    assert review.redacted
    assert review.coordination.activities == 2  # the two it took part in
    assert not any(t.sensitive for t in review.topics)
    assert {t.code for t in review.topics}.isdisjoint({"dat-dai", "ton-giao"})
    assert not any(s.sensitive for s in review.statements)
    assert sum(row.cases for row in review.localities) == 12


def test_the_host_viewer_gets_the_redacted_review_too(cast, seed_figures):
    review = review_compute(user=cast.viewer, scope=seed_figures.scope)

    assert review.redacted
    assert review.coordination.activities == 14
    assert "dat-dai" not in {t.code for t in review.topics}


def test_an_outsider_cannot_compute_another_committees_review(cast, program, clock):
    with pytest.raises(Http404):
        review_compute(user=cast.outsider, scope=program_scope(program))


def test_topics_count_outcomes_reached_by_the_end_of_the_period(cast, program, record):
    record.case(
        "moi-truong", CaseStatus.RESOLVED, opened=dt.date(2020, 3, 1), closed=dt.date(2020, 5, 1)
    )
    record.case(
        "moi-truong", CaseStatus.RESOLVED, opened=dt.date(2020, 5, 1), closed=dt.date(2020, 8, 1)
    )
    record.case(
        "moi-truong",
        CaseStatus.IN_PROGRESS,
        opened=dt.date(2020, 5, 1),
        due_date=dt.date(2020, 6, 1),
    )

    review = review_compute(
        user=cast.secretariat,
        scope=program_scope(
            program, start=dt.date(2020, 1, 1), end=dt.date(2020, 6, 30), kind=Kind.SIX_MONTHS
        ),
    )

    env = next(t for t in review.topics if t.code == "moi-truong")
    assert (env.received, env.resolved, env.open, env.overdue) == (3, 1, 2, 1)
    assert env.resolution_rate == 1.0
    assert review.hotspots[0].locality == "Phường Lam Hạ"


def _queries(user, scope) -> int:
    with CaptureQueriesContext(connection) as queries:
        review_compute(user=user, scope=scope)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_records(cast, program, record):
    record.activity(
        partners=[cast.military], figures={cast.sessions: 1}, localities=[cast.places.lamha]
    )
    record.case("moi-truong")
    scope = program_scope(program)
    _queries(cast.secretariat, scope)  # brings the month rollup up to date
    few = _queries(cast.secretariat, scope)
    record.activity(lead=cast.women, figures={cast.sessions: 3})
    after_one_change = _queries(cast.secretariat, scope)  # that month is recomputed
    for area in range(1, 8):
        record.activity(
            area=area,
            lead=cast.women,
            partners=[cast.military],
            localities=[cast.places.lamha],
            figures={cast.sessions: 2, cast.attendance: 90},
        )
        record.case("an-ninh-trat-tu", CaseStatus.IN_PROGRESS)
    record.model("recognized")

    assert _queries(cast.secretariat, scope) == after_one_change  # one month, however many records
    assert _queries(cast.secretariat, scope) == few
    assert few <= 33, few  # 29, and the joint activities and models section II names


# --- By 2025 units ------------------------------------------------------------------------------

SEED_COMMUNES = {  # commune in force on 01/06/2020 → its primary 2025 successor
    "v1.c13303": "Phường Hà Nam",  # Phường Lam Hạ
    "v1.c13366~20250101": "Phường Hà Nam",  # Xã Tiên Tân (in Phường Tân Hiệp from 01/01/2025)
    "v1.c13285": "Phường Hà Nam",  # Phường Quang Trung, divided: Hà Nam is its primary part
    "v1.c13357": "Phường Duy Hà",  # Phường Hoàng Đông, divided: Duy Hà is its primary part
    "v1.c13429~20250101": "Phường Tam Chúc",  # Thị trấn Ba Sao (a phường from 01/01/2025)
}


@pytest.fixture
def hanam_communes(cast, program, record):
    localities_load(provinces=["tinhhanam"])
    communes = {ref: Locality.objects.get(ref=ref) for ref in SEED_COMMUNES}
    lamha, tanhiep, quangtrung, hoangdong, basao = communes.values()
    record.activity(localities=[lamha, tanhiep], figures={cast.sessions: 2})
    record.activity(localities=[lamha], lead=cast.women)
    record.activity(localities=[quangtrung, hoangdong, basao], partners=[cast.military])
    record.case("moi-truong", locality=basao)
    record.case("moi-truong", CaseStatus.IN_PROGRESS, locality=hoangdong)
    return communes


def test_figures_by_2025_units_agree_with_figures_as_recorded(cast, program, hanam_communes):
    recorded = review_compute(user=cast.secretariat, scope=program_scope(program))
    by_2025 = review_compute(
        user=cast.secretariat, scope=program_scope(program, units=Units.UNITS_2025)
    )

    def sums(review):
        return [
            sum(getattr(r, f) for r in review.localities)
            for f in ("activities", "cases", "cases_resolved")
        ]

    assert sums(by_2025) == sums(recorded) == [6, 2, 1]
    assert recorded.totals == by_2025.totals
    recorded_rows = {r.name: r for r in recorded.localities}
    rows = {r.name: r for r in by_2025.localities}
    assert set(rows) == {"Phường Hà Nam", "Phường Duy Hà", "Phường Tam Chúc"}
    assert (
        rows["Phường Hà Nam"].activities
        == sum(
            recorded_rows[name].activities
            for name in ("Phường Lam Hạ", "Xã Tiên Tân", "Phường Quang Trung")
        )
        == 4
    )
    assert (rows["Phường Duy Hà"].activities, rows["Phường Duy Hà"].cases) == (1, 1)
    assert (rows["Phường Tam Chúc"].activities, rows["Phường Tam Chúc"].cases_resolved) == (1, 1)
    assert {r.parent_name for r in by_2025.localities} == {"Tỉnh Ninh Bình"}
    assert {h.locality for h in by_2025.hotspots} == {"Phường Duy Hà", "Phường Tam Chúc"}


def test_a_2025_unit_maps_to_itself_and_an_old_one_to_its_primary_successor(hanam_communes):
    hanam = Locality.objects.get(ref="v2.c13366")
    lamha = hanam_communes["v1.c13303"]

    assert successor_map([hanam.pk, lamha.pk]) == {hanam.pk: hanam.pk, lamha.pk: hanam.pk}


def test_a_review_across_1_july_2025_agrees_by_either_units(cast, hanam_communes):
    from phoihop.programs.services import program_create
    from phoihop.reviews.tests.conftest import Recorder

    with time_machine.travel(dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        program = program_create(
            actor=cast.secretariat,
            committee=cast.committee,
            name="Chương trình phối hợp giai đoạn 2021–2025",
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2025, 12, 31),
            members=[cast.dan_van, cast.military, cast.women],
        )
        record = Recorder(cast, program)
        hanam = Locality.objects.get(ref="v2.c13366")
        lamha = hanam_communes["v1.c13303"]
        record.activity(day=dt.date(2024, 5, 1), localities=[lamha], figures={cast.sessions: 3})
        record.activity(day=dt.date(2025, 8, 1), localities=[hanam], figures={cast.sessions: 4})
        scope = program_scope(program, start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31))
        recorded = review_compute(user=cast.secretariat, scope=scope)
        by_2025 = review_compute(
            user=cast.secretariat, scope=replace(scope, units=Units.UNITS_2025)
        )

    assert {(r.name, r.activities) for r in recorded.localities} == {
        ("Phường Lam Hạ", 1),
        ("Phường Hà Nam", 1),
    }
    assert [(r.name, r.activities) for r in by_2025.localities] == [("Phường Hà Nam", 2)]
    assert recorded.totals == by_2025.totals
    assert _total(by_2025, "tuyen-truyen-buoi") == 7


HISTORY_UNITS = {  # Hà Nam units on the days of a 2019–2024 program (the dated history)
    "hoa_mac_2019": "v1.c13324~20200101",  # Thị trấn Hòa Mạc, a phường from 01/01/2020
    "chau_son_2019": "v1.c13375~20200101",  # Xã Châu Sơn, into Xã Tiên Sơn on 01/01/2020
    "tien_phong_2019": "v1.c13378~20200101",  # Xã Tiền Phong, likewise
    "hoa_mac": "v1.c13324",  # Phường Hòa Mạc (2020–2025)
    "tien_son": "v1.c13369",  # Xã Tiên Sơn (2020–2025)
    "tien_tan_2024": "v1.c13366~20250101",  # Xã Tiên Tân, into Phường Tân Hiệp on 01/01/2025
    "tien_hiep_2024": "v1.c13372~20250101",  # Xã Tiên Hiệp, likewise
    "ba_sao_2024": "v1.c13429~20250101",  # Thị trấn Ba Sao, a phường from 01/01/2025
}


def test_a_2019_2024_review_by_2025_units_equals_it_by_recorded_units_unit_by_unit(cast, program):
    """Records on the units in force on their days, through the 2020 and January 2025
    changes and then the July 2025 reform: each 2025 unit's row is the sum of the rows of
    the units that became it, one and two changes away."""
    from django.core.exceptions import ValidationError

    from phoihop.programs.services import program_create
    from phoihop.reviews.tests.conftest import Recorder

    localities_load(provinces=["tinhhanam"])
    unit = {key: Locality.objects.get(ref=ref) for key, ref in HISTORY_UNITS.items()}
    with time_machine.travel(dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        program = program_create(
            actor=cast.secretariat,
            committee=cast.committee,
            name="Chương trình phối hợp giai đoạn 2019–2024",
            period_start=dt.date(2019, 1, 1),
            period_end=dt.date(2024, 12, 31),
            members=[cast.dan_van, cast.military, cast.women],
        )
        record = Recorder(cast, program)
        record.activity(day=dt.date(2019, 6, 1), localities=[unit["hoa_mac_2019"], unit["chau_son_2019"]],
                        figures={cast.sessions: 2})
        record.activity(day=dt.date(2019, 9, 1), localities=[unit["tien_phong_2019"]], lead=cast.women)
        record.activity(day=dt.date(2021, 5, 1), localities=[unit["hoa_mac"], unit["tien_son"]],
                        partners=[cast.military])
        record.activity(day=dt.date(2024, 5, 1), localities=[unit["tien_tan_2024"], unit["tien_hiep_2024"]],
                        figures={cast.sessions: 3})
        record.activity(day=dt.date(2024, 10, 1), localities=[unit["ba_sao_2024"]])
        record.case("moi-truong", locality=unit["chau_son_2019"])
        record.case("moi-truong", CaseStatus.IN_PROGRESS, locality=unit["tien_hiep_2024"],
                    opened=dt.date(2024, 3, 1))
        with pytest.raises(ValidationError):  # a record keeps the unit in force on its day
            record.activity(day=dt.date(2021, 5, 1), localities=[unit["chau_son_2019"]])
        scope = program_scope(program, start=dt.date(2019, 1, 1), end=dt.date(2024, 12, 31))
        recorded = review_compute(user=cast.secretariat, scope=scope)
        by_2025 = review_compute(user=cast.secretariat, scope=replace(scope, units=Units.UNITS_2025))

    def rows(review):
        return {r.name: (r.activities, r.cases, r.cases_resolved) for r in review.localities}

    assert rows(recorded) == {
        "Thị trấn Hòa Mạc": (1, 0, 0), "Xã Châu Sơn": (1, 1, 1), "Xã Tiền Phong": (1, 0, 0),
        "Phường Hòa Mạc": (1, 0, 0), "Xã Tiên Sơn": (1, 0, 0),
        "Xã Tiên Tân": (1, 0, 0), "Xã Tiên Hiệp": (1, 1, 0), "Thị trấn Ba Sao": (1, 0, 0),
    }
    became = {  # recorded unit → the 2025 unit it is part of, as the registry's lineage says
        "Thị trấn Hòa Mạc": "Phường Duy Tiên", "Phường Hòa Mạc": "Phường Duy Tiên",
        "Xã Châu Sơn": "Phường Tiên Sơn", "Xã Tiền Phong": "Phường Tiên Sơn", "Xã Tiên Sơn": "Phường Tiên Sơn",
        "Xã Tiên Tân": "Phường Hà Nam", "Xã Tiên Hiệp": "Phường Hà Nam", "Thị trấn Ba Sao": "Phường Tam Chúc",
    }
    expected = {}
    for name, figures in rows(recorded).items():
        sums = expected.setdefault(became[name], (0, 0, 0))
        expected[became[name]] = tuple(a + b for a, b in zip(sums, figures, strict=True))
    assert rows(by_2025) == expected
    assert expected["Phường Tiên Sơn"] == (3, 1, 1)
    assert recorded.totals == by_2025.totals
    assert _total(by_2025, "tuyen-truyen-buoi") == 5
    assert {r.parent_name for r in by_2025.localities} == {"Tỉnh Ninh Bình"}


def test_the_joint_activities_named_are_those_with_most_members_then_the_earliest(
    cast, program, record
):
    from phoihop.reviews.compute.activities import counted, named_joint

    for day in (1, 2, 3):  # the earliest, but only two members each
        record.activity(partners=[cast.military], day=dt.date(2020, 3, day), title=f"Hai {day}")
    for day in (4, 5, 6, 7):
        record.activity(
            partners=[cast.military, cast.women], day=dt.date(2020, 3, day), title=f"Ba {day}"
        )
    activities = counted(cast.secretariat, program_scope(program))

    def titles(per_area):
        return [a.title for a in named_joint(activities, per_area)[record.areas[1].pk]]

    # Only rows with as many members as the last candidate are ranked: the same names.
    assert titles(1) == ["Ba 4"]
    assert titles(2) == ["Ba 4", "Ba 5"]
    assert titles(3) == ["Ba 4", "Ba 5", "Ba 6"]
    assert titles(5) == ["Ba 4", "Ba 5", "Ba 6", "Ba 7", "Hai 1"]


def test_the_prose_of_a_review_uses_the_wording_set_on_an_indicator(cast, program, record):
    from phoihop.programs.services import indicator_update
    from phoihop.reviews.assessment import results_overview

    record.activity(figures={cast.sessions: 12})
    indicator_update(actor=cast.admin, indicator=cast.sessions, review_phrase="đưa {value} buổi ngoại khóa về trường")
    review = review_compute(user=cast.secretariat, scope=program_scope(program))

    assert [t.phrase for t in review.totals if t.code == cast.sessions.code] == ["đưa {value} buổi ngoại khóa về trường"]
    assert "Các tổ chức thành viên đã đưa 12 buổi ngoại khóa về trường" in results_overview(review).text
