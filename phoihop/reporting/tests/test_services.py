"""Expected reports and the submit → accept / return workflow, through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.programs.models import Frequency, ProgramMember
from phoihop.reporting.models import PeriodReport, ReportStatus
from phoihop.reporting.services import (
    period_report_accept,
    period_report_return,
    period_report_submit,
    period_reports_generate,
)
from phoihop.reporting.tests.conftest import Q1, at, report_of, submit_on

pytestmark = pytest.mark.django_db


def test_generate_creates_one_report_per_member_and_ended_period(cast, program):
    created = period_reports_generate(
        actor=cast.secretariat, program=program, until=dt.date(2016, 7, 15)
    )
    assert created == 6
    q2 = report_of(program, cast.women, dt.date(2016, 4, 1))
    assert (q2.period_end, q2.due_date, q2.status) == (
        dt.date(2016, 6, 30),
        dt.date(2016, 7, 10),
        "due",
    )
    assert q2.history.first().history_user == cast.secretariat


def test_generate_is_idempotent(cast, program):
    period_reports_generate(actor=cast.secretariat, program=program, until=dt.date(2016, 7, 15))
    assert (
        period_reports_generate(actor=cast.secretariat, program=program, until=dt.date(2016, 7, 15))
        == 0
    )
    assert period_reports_generate(actor=None, program=program, until=dt.date(2016, 10, 1)) == 3
    assert PeriodReport.objects.count() == 9


def test_generate_follows_the_frequency_and_due_days_of_the_program(cast, program):
    program.report_frequency, program.report_due_days = Frequency.MONTHLY, 5
    program.save()
    period_reports_generate(actor=None, program=program, until=dt.date(2016, 3, 1))
    report = report_of(program, cast.military, dt.date(2016, 2, 1))
    assert report.due_date == dt.date(2016, 3, 5)
    assert PeriodReport.objects.count() == 6


def test_generate_respects_when_members_joined_and_left(cast, program):
    ProgramMember.objects.filter(organization=cast.women).update(joined_on=dt.date(2016, 5, 1))
    ProgramMember.objects.filter(organization=cast.military).update(left_on=dt.date(2016, 4, 1))
    period_reports_generate(actor=None, program=program, until=dt.date(2016, 7, 15))
    owed = set(PeriodReport.objects.values_list("organization__short_name", "period_start__month"))
    assert owed == {
        ("Ban Dân vận Tỉnh ủy", 1),
        ("Ban Dân vận Tỉnh ủy", 4),
        ("Bộ CHQS tỉnh", 1),
        ("Hội LHPN tỉnh", 4),
    }


def test_only_the_secretariat_generates(cast, program):
    for user in (cast.military_focal, cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            period_reports_generate(actor=user, program=program, until=dt.date(2016, 7, 15))


@pytest.fixture
def q1(cast, program):
    period_reports_generate(actor=None, program=program, until=dt.date(2016, 4, 1))
    return report_of(program, cast.military, Q1)


def test_focal_point_submits_its_report(cast, q1):
    report = submit_on(dt.date(2016, 4, 8), cast.military_focal, q1, "  Đã phối hợp 4 buổi.  ")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.narrative == "Đã phối hợp 4 buổi."
    assert report.submitted_by == cast.military_focal
    assert not report.is_late


def test_submitting_after_the_due_date_is_late(cast, q1):
    report = submit_on(dt.date(2016, 4, 11), cast.military_focal, q1)
    assert report.is_late


def test_an_empty_report_is_refused_in_vietnamese(cast, q1):
    with pytest.raises(ValidationError) as error:
        period_report_submit(actor=cast.military_focal, report=q1, narrative="   ")
    assert error.value.message_dict["narrative"] == ["Hãy nhập nội dung báo cáo trước khi nộp."]


def test_nobody_else_submits_for_an_organization(cast, q1):
    for user in (cast.women_focal, cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            period_report_submit(actor=user, report=q1, narrative="x")


def test_secretariat_returns_with_a_comment_and_the_member_submits_again(cast, q1):
    submit_on(dt.date(2016, 4, 5), cast.military_focal, q1)
    with pytest.raises(ValidationError) as error:
        period_report_return(actor=cast.secretariat, report=q1, comment=" ")
    assert "Hãy ghi rõ lý do trả lại" in str(error.value)
    returned = period_report_return(actor=cast.secretariat, report=q1, comment="Bổ sung số liệu.")
    assert (returned.status, returned.review_comment) == (ReportStatus.RETURNED, "Bổ sung số liệu.")
    again = submit_on(dt.date(2016, 4, 9), cast.military_focal, q1)
    accepted = period_report_accept(actor=cast.secretariat, report=again)
    assert accepted.status == ReportStatus.ACCEPTED and accepted.review_comment == ""


def test_only_the_secretariat_accepts(cast, q1):
    submit_on(dt.date(2016, 4, 5), cast.military_focal, q1)
    for user in (cast.military_focal, cast.viewer, cast.outsider):
        with pytest.raises(PermissionDenied):
            period_report_accept(actor=user, report=q1)


def test_a_report_not_submitted_cannot_be_accepted(cast, q1):
    with at(dt.date(2016, 4, 5)), pytest.raises(ValidationError) as error:
        period_report_accept(actor=cast.secretariat, report=q1)
    assert "Chưa nộp" in str(error.value)
