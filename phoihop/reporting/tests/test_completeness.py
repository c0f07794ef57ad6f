"""The completeness and timeliness matrix for a pinned date."""

import pytest

from phoihop.reporting.selectors import completeness

pytestmark = pytest.mark.django_db


def _states(matrix) -> dict:
    return {
        row.organization.short_name: [cell.state if cell else None for cell in row.cells]
        for row in matrix.rows
    }


def test_secretariat_sees_every_member_on_time_late_missing_and_not_yet_due(cast, quarters):
    matrix = completeness(cast.secretariat, quarters)
    assert [period.label for period in matrix.periods] == ["Quý 1/2016", "Quý 2/2016"]
    assert _states(matrix) == {
        "Ban Dân vận Tỉnh ủy": ["overdue", "not_due"],
        "Bộ CHQS tỉnh": ["on_time", "on_time"],
        "Hội LHPN tỉnh": ["late", "not_due"],
    }
    total = matrix.total
    assert (total.on_time, total.late, total.overdue, total.not_due) == (2, 1, 1, 2)
    assert (total.completeness, total.timeliness) == (0.75, 0.5)


def test_per_member_rates_count_only_reports_already_due(cast, quarters):
    rows = {
        row.organization.short_name: row.tally for row in completeness(cast.viewer, quarters).rows
    }
    assert (rows["Hội LHPN tỉnh"].completeness, rows["Hội LHPN tỉnh"].timeliness) == (1, 0)
    assert (rows["Ban Dân vận Tỉnh ủy"].completeness, rows["Ban Dân vận Tỉnh ủy"].timeliness) == (
        0,
        0,
    )
    assert rows["Bộ CHQS tỉnh"].timeliness == 1


def test_a_member_sees_only_its_own_row(cast, quarters):
    matrix = completeness(cast.women_focal, quarters)
    assert list(_states(matrix)) == ["Hội LHPN tỉnh"]
    assert matrix.total.late == 1 and matrix.total.on_time == 0


def test_an_outsider_sees_nothing(cast, quarters):
    matrix = completeness(cast.outsider, quarters)
    assert matrix.rows == [] and matrix.total.due == 0 and matrix.total.completeness is None


def test_the_year_filter_keeps_that_years_periods(cast, quarters):
    assert completeness(cast.secretariat, quarters, 2017).periods == []
    assert len(completeness(cast.secretariat, quarters, 2016).periods) == 2
